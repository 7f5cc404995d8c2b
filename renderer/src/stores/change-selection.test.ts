import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../shared/findings.js';
import type { ChangeView, ScanReport } from '../../../shared/ipc.js';
import { changesWithStatus, fixAllCounts } from './change-selection.js';

// One counting model with the engine's plan: suggestions, and what is for people who connect to this PC while
// another computer was checked (issue 27, point 2), wait unticked; Fix all (N) counts the rest.

function change(id: string, repairId: ChangeView['repairId']): ChangeView {
  return {
    id,
    repairId,
    description: id,
    scope: 'user',
    needsElevation: false,
    reversible: true,
    ops: [],
    powershellPreview: '',
  };
}

function finding(repairId: Finding['repairId'], status: Finding['status'], incoming?: true): Finding {
  return {
    repairId,
    status,
    summary: '',
    explanation: '',
    evidence: [],
    instructions: [],
    ...(incoming ? { incoming } : {}),
  };
}

const scan = (findings: Finding[], changes: ChangeView[]) => ({ findings, changes }) as unknown as ScanReport;

describe('changesWithStatus and fixAllCounts', () => {
  const changes = [
    change('udp-transport:a', 'udp-transport'),
    change('certificates:host-certificate', 'certificates'),
    change('saved-host-entry:b', 'saved-host-entry'),
  ];

  it("keeps this PC's own listener change out of Fix all when it is about people who connect here", () => {
    const report = scan(
      [
        finding('udp-transport', 'problem'),
        finding('certificates', 'problem', true),
        finding('saved-host-entry', 'suggestion'),
      ],
      changes,
    );
    expect(changesWithStatus(report, false).map((c) => c.id)).toEqual(['udp-transport:a']);
    expect(changesWithStatus(report, true).map((c) => c.id)).toEqual([
      'certificates:host-certificate',
      'saved-host-entry:b',
    ]);
    expect(fixAllCounts(report)).toEqual({ made: 1, consent: 0 });
  });

  it('counts the same listener change in Fix all when this PC itself is the question', () => {
    const report = scan(
      [
        finding('udp-transport', 'problem'),
        finding('certificates', 'problem'),
        finding('saved-host-entry', 'ok'),
      ],
      changes,
    );
    expect(fixAllCounts(report)).toEqual({ made: 3, consent: 0 });
  });
});
