import { describe, expect, it } from 'vitest';
import type { ApplyReport, ChangeView } from '../../../../shared/ipc.js';
import { createFakeApi } from '../../test/fake-api.js';
import { createChecklistStore } from '../checklist-store.js';
import { memoryStorage } from '../last-checked.js';
import { withApplied, withoutUndone } from './history-slice.js';

// The history slice: the runs this page made, what each still has in place, and forgetting them when the
// History page or a recovery changed the machine.
function change(id: string, reversible = true): ChangeView {
  const [repairId] = id.split(':') as [ChangeView['repairId']];
  return {
    id,
    repairId,
    description: id,
    scope: 'user',
    needsElevation: false,
    reversible,
    ops: [],
    powershellPreview: '',
  };
}

function report(runId: string | null, done: string[], skipped: string[] = []): ApplyReport {
  return {
    runId,
    outcome: 'done',
    message: '',
    changes: [
      ...done.map((changeId) => ({ changeId, state: 'done' as const })),
      ...skipped.map((changeId) => ({ changeId, state: 'skipped' as const })),
    ],
    verification: null,
    nextSteps: [],
    stats: { opsExecuted: 0, roundTrips: 0 },
  };
}

describe('the runs this page made', () => {
  it('keeps per card what each run changed that Undo can put back', () => {
    const udp = change('udp-transport:disable-udp');
    const rdp = change('saved-host-entry:purge');
    const password = change('saved-credentials:TERMSRV/server01', false);
    const first = withApplied({}, report('run-1', [udp.id, password.id]), [udp, password]);
    expect(first).toEqual({ 'udp-transport': [{ runId: 'run-1', changeIds: [udp.id] }] });
    const second = withApplied(first, report('run-2', [rdp.id, udp.id]), [rdp, udp]);
    expect(second).toEqual({
      'udp-transport': [
        { runId: 'run-1', changeIds: [udp.id] },
        { runId: 'run-2', changeIds: [udp.id] },
      ],
      'saved-host-entry': [{ runId: 'run-2', changeIds: [rdp.id] }],
    });
    // A run that never started (no journal) changed nothing, and a skipped change is not in place.
    expect(withApplied(first, report(null, [rdp.id]), [rdp])).toBe(first);
    expect(withApplied({}, report('run-3', [], [udp.id]), [udp])).toEqual({});
    expect(withoutUndone(second, new Set([udp.id]))).toEqual({
      'saved-host-entry': [{ runId: 'run-2', changeIds: [rdp.id] }],
    });
  });

  it('forgets its runs and checks again after History or a recovery changed the machine', async () => {
    const fake = createFakeApi();
    const store = createChecklistStore(fake.api, memoryStorage());
    await store.getState().init();
    await store.getState().runScan();
    store.getState().requestApplyAll();
    await store
      .getState()
      .confirmApply({ allowIrreversible: [], includeSuggestions: [], restorePoint: false });
    expect(store.getState().applied).not.toEqual({});
    const scans = fake.calls.filter((call) => call.channel === 'repair:scan').length;
    await store.getState().refreshAfterExternalChange();
    expect(store.getState()).toMatchObject({ applied: {}, lastRun: null, changeStates: {}, runChanges: [] });
    expect(fake.calls.filter((call) => call.channel === 'repair:scan')).toHaveLength(scans + 1);
  });
});
