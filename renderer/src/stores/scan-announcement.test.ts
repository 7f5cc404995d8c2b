import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus, RepairId } from '../../../shared/findings.js';
import type { ScanReport } from '../../../shared/ipc.js';
import type { VerdictSide } from '../../../shared/verdict.js';
import { scanAnnouncement } from './scan-announcement.js';

function finding(repairId: RepairId, status: FindingStatus): Finding {
  return { repairId, status, summary: '', explanation: '', evidence: [], instructions: [] };
}

function scan(side: VerdictSide, findings: Finding[]): ScanReport {
  return {
    host: 'server01',
    scannedAt: '2026-11-24T10:00:00Z',
    verdict: { side, summary: '' },
    mode: { acceptsConnections: false, sentence: '' },
    findings,
    changes: [],
    stats: { opsExecuted: 0, roundTrips: 0 },
  };
}

describe('scanAnnouncement', () => {
  it('says no problems when every check passed', () => {
    expect(
      scanAnnouncement(scan('none', [finding('vpn', 'ok'), finding('certificates', 'not-applicable')])),
    ).toBe('No problems found.');
  });

  it("counts this PC's own listener apart when another computer was checked (issue 27, point 2)", () => {
    const incoming = { ...finding('certificates', 'problem'), incoming: true as const };
    expect(scanAnnouncement(scan('none', [finding('vpn', 'ok'), incoming]))).toBe(
      'No problems found. Also 1 finding for people who connect to this PC.',
    );
  });

  it('names the side first (issue 27)', () => {
    expect(scanAnnouncement(scan('remote-pc', [finding('rdp-handshake', 'manual')]))).toBe(
      'Problem on the remote computer: 1 step for you.',
    );
  });

  it('counts the cards as they are shown: warnings apart from problems, then steps, suggestions, unknowns', () => {
    expect(
      scanAnnouncement(
        scan('network', [
          finding('udp-transport', 'suggestion'),
          finding('connectivity', 'problem'),
          finding('event-logs', 'warning'),
          finding('vpn', 'manual'),
          finding('rdp-handshake', 'unknown'),
          finding('certificates', 'ok'),
        ]),
      ),
    ).toBe(
      "Problem on the way to the remote computer: 1 problem, 1 warning, 1 step for you, 1 suggestion, 1 check that couldn't run.",
    );
  });

  it('does not count past events as a warning once the check passes', () => {
    expect(scanAnnouncement(scan('none', [finding('event-logs', 'warning')]))).toBe('No problems found.');
  });
});
