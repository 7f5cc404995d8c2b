import { describe, expect, it } from 'vitest';
import type { Finding, FindingStatus, RepairId } from '../../../shared/findings.js';
import type { ApplyReport, ChangeView, ScanReport } from '../../../shared/ipc.js';
import { applyNotice } from './apply-notice.js';

const STATS = { opsExecuted: 1, roundTrips: 1 };

function finding(repairId: RepairId, status: FindingStatus): Finding {
  return { repairId, status, summary: '', explanation: '', evidence: [], instructions: [] };
}

function change(id: string, repairId: RepairId): ChangeView {
  return {
    id,
    repairId,
    description: id,
    scope: 'user',
    needsElevation: false,
    reversible: false,
    ops: [],
    powershellPreview: '',
  };
}

const after: ScanReport = {
  host: 'server01',
  scannedAt: '2026-11-24T10:00:00Z',
  verdict: { side: 'this-pc', summary: '' },
  mode: { acceptsConnections: true, sentence: '' },
  findings: [
    finding('udp-transport', 'ok'),
    finding('certificates', 'problem'),
    finding('saved-credentials', 'problem'),
    finding('connectivity', 'problem'),
  ],
  changes: [change('cert', 'certificates'), change('cred', 'saved-credentials')],
  stats: STATS,
};

function report(outcome: ApplyReport['outcome'], message: string): ApplyReport {
  return {
    runId: 'run-2026-11-24-0001',
    outcome,
    message,
    changes: [
      { changeId: 'udp', state: 'done' },
      { changeId: 'cred-generic', state: 'done' },
      { changeId: 'cert', state: 'skipped' },
      { changeId: 'cred', state: 'skipped' },
    ],
    verification: after,
    nextSteps: [],
    stats: STATS,
  };
}

describe('the sentence that ends an apply (issue 27)', () => {
  it('names what is still there by its cards, never by repair ids', () => {
    const engine =
      '2 changes made. 2 problem(s) are still there after the check: certificates, saved-credentials. Left out: 2 changes.';
    const notice = applyNotice(report('done', engine), after, {
      certificates: 'Clear and renew expired Remote Desktop certificates',
    });
    expect(notice).toEqual({
      intent: 'success',
      text: '2 changes made. 2 problems are still there after the check: “Clear and renew expired Remote Desktop certificates” and “Saved password for the remote computer”. Left out: 2 changes you did not tick.',
    });
    expect(notice.text).not.toMatch(/saved-credentials|\bcertificates,/);
  });

  it("keeps the engine's sentence for every other outcome: it says what to do next", () => {
    expect(applyNotice(report('permission-not-granted', 'The prompt was declined.'), null)).toEqual({
      intent: 'info',
      text: 'The prompt was declined.',
    });
  });
});
