import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus, RepairId } from '../../../shared/findings.js';
import { scanAnnouncement } from './scan-announcement.js';

function finding(repairId: RepairId, status: FindingStatus): Finding {
  return { repairId, status, summary: '', explanation: '', evidence: [], instructions: [] };
}

describe('scanAnnouncement', () => {
  it('says no problems when every check passed', () => {
    expect(scanAnnouncement([finding('vpn', 'ok'), finding('certificates', 'not-applicable')])).toBe(
      'Check finished: no problems found on this PC.',
    );
  });

  it('counts problems (with warnings), steps, suggestions and checks that could not run, in that order', () => {
    expect(
      scanAnnouncement([
        finding('udp-transport', 'suggestion'),
        finding('connectivity', 'problem'),
        finding('event-logs', 'warning'),
        finding('vpn', 'manual'),
        finding('rdp-handshake', 'unknown'),
        finding('certificates', 'ok'),
      ]),
    ).toBe("Check finished: 2 problems, 1 step for you, 1 suggestion, 1 check that couldn't run.");
  });
});
