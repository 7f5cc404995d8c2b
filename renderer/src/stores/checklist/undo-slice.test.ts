import { describe, expect, it } from 'vitest';
import type { RdpRepairApi } from '../../../../shared/ipc.js';
import { createFakeApi } from '../../test/fake-api.js';
import { createChecklistStore } from '../checklist-store.js';
import { memoryStorage } from '../last-checked.js';

// The undo slice, through the store: a card's Undo and "Undo all from this run", then the check again.
const NO_CONSENT = { allowIrreversible: [], includeSuggestions: [], restorePoint: false };

async function fixed(all: boolean, api?: (fake: RdpRepairApi) => RdpRepairApi) {
  const fake = createFakeApi();
  const store = createChecklistStore(api ? api(fake.api) : fake.api, memoryStorage());
  await store.getState().init();
  await store.getState().runScan();
  if (all) store.getState().requestApplyAll();
  else await store.getState().requestFix('udp-transport');
  await store.getState().confirmApply(NO_CONSENT);
  return { fake, store };
}

describe('undo', () => {
  it('undoes one card: its change undone, nothing left to undo, no next steps, the problem back', async () => {
    const { fake, store } = await fixed(false);
    await store.getState().undoRepair('udp-transport');
    expect(fake.calls.find((call) => call.channel === 'repair:undo')?.request).toEqual({
      runId: 'run-2026-11-24-0001',
      changeIds: ['udp-transport:disable-udp'],
    });
    expect(store.getState()).toMatchObject({
      activity: 'idle',
      changeStates: { 'udp-transport:disable-udp': 'undone' },
      applied: {},
      nextSteps: null,
      notice: { intent: 'success', text: 'The changes were undone.' },
    });
    expect(fake.udpDisabled()).toBe(false);
    expect(store.getState().scan?.verdict.side).toBe('this-pc');
  });

  it('undoes all of the last Fix all run and forgets that run', async () => {
    const { fake, store } = await fixed(true);
    expect(store.getState().lastRun).not.toBeNull();
    await store.getState().undoLastRun();
    expect(fake.calls.find((call) => call.channel === 'repair:undo')?.request).toEqual({
      runId: 'run-2026-11-24-0001',
      changeIds: undefined,
    });
    expect(store.getState().lastRun).toBeNull();
    expect(store.getState().applied).toEqual({});
  });

  it('asks nothing when there is no run to undo', async () => {
    const { fake, store } = await fixed(false);
    await store.getState().undoLastRun();
    await store.getState().undoRepair('vpn');
    expect(fake.calls.filter((call) => call.channel === 'repair:undo')).toHaveLength(0);
  });

  it('keeps the run when main refused the undo, and says why', async () => {
    const { store } = await fixed(true, (api) => ({
      ...api,
      'repair:undo': async () => ({
        ok: false,
        error: { code: 'busy', message: 'Another run is going on.' },
      }),
    }));
    await store.getState().undoLastRun();
    expect(store.getState()).toMatchObject({
      activity: 'idle',
      notice: { intent: 'error', text: 'Another run is going on.' },
      nextSteps: ['Restart Remote Desktop Connection.'],
    });
    expect(store.getState().lastRun?.runId).toBe('run-2026-11-24-0001');
    expect(store.getState().applied['udp-transport']).toHaveLength(1);
  });
});
