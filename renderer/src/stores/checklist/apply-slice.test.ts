import { describe, expect, it } from 'vitest';
import type { RdpRepairApi } from '../../../../shared/ipc.js';
import { createFakeApi, type FakeOptions } from '../../test/fake-api.js';
import { createChecklistStore } from '../checklist-store.js';
import { memoryStorage } from '../last-checked.js';

// The apply slice, through the store: the confirmation, the run, its progress, its notices and next steps.
const NO_CONSENT = { allowIrreversible: [], includeSuggestions: [], restorePoint: false };

async function checked(options: FakeOptions = {}, api?: RdpRepairApi) {
  const fake = createFakeApi(options);
  const store = createChecklistStore(api ?? fake.api, memoryStorage());
  await store.getState().init();
  await store.getState().runScan();
  return { fake, store };
}

describe('Fix and Fix all', () => {
  it('asks first: one card its own changes, Fix all every change with the suggestions apart', async () => {
    const { store } = await checked({ withCredentials: true });
    await store.getState().requestFix('udp-transport');
    expect(store.getState().confirm).toMatchObject({ repairId: 'udp-transport', suggestions: [] });
    expect(store.getState().confirm?.changes.map((c) => c.id)).toEqual(['udp-transport:disable-udp']);
    store.getState().closeConfirm();
    expect(store.getState().confirm).toBeNull();
    // A card with nothing to change asks nothing.
    await store.getState().requestFix('vpn');
    expect(store.getState().confirm).toBeNull();
    store.getState().requestApplyAll();
    expect(store.getState().confirm?.repairId).toBeNull();
    expect(store.getState().confirm?.changes.map((c) => c.id)).toEqual([
      'udp-transport:disable-udp',
      'saved-credentials:TERMSRV/server01',
    ]);
  });

  it('fixes one card: its change done, the notice, the next steps, the check again and the fix time', async () => {
    const { fake, store } = await checked();
    await store.getState().requestFix('udp-transport');
    await store.getState().confirmApply(NO_CONSENT);
    expect(fake.calls.find((call) => call.channel === 'repair:apply')?.request).toMatchObject({
      host: 'server01.contoso.com',
      changeIds: ['udp-transport:disable-udp'],
    });
    const state = store.getState();
    expect(state).toMatchObject({
      activity: 'idle',
      confirm: null,
      progress: null,
      changeStates: { 'udp-transport:disable-udp': 'done' },
      nextSteps: ['Restart Remote Desktop Connection.'],
      notice: { intent: 'success' },
      lastRun: null,
      scanSerial: 2,
    });
    expect(state.runChanges.map((c) => c.id)).toEqual(['udp-transport:disable-udp']);
    expect(state.scan?.verdict.side).toBe('none');
    expect(state.lastChecked?.fixedAt).toBeDefined();
  });

  it('keeps a Fix all run for "Undo all from this run"', async () => {
    const { fake, store } = await checked();
    store.getState().requestApplyAll();
    await store.getState().confirmApply(NO_CONSENT);
    expect(fake.calls.find((call) => call.channel === 'repair:apply')?.request).toMatchObject({
      changeIds: undefined,
    });
    expect(store.getState().lastRun?.runId).toBe('run-2026-11-24-0001');
  });

  it('keeps "Did it connect?" with the Fix all run it followed; a check alone has no run to keep it in', async () => {
    const alone = await checked();
    alone.store.getState().answerConnection('connected');
    expect(alone.fake.calls.some((call) => call.channel === 'history:connection-test')).toBe(false);
    const { fake, store } = await checked();
    store.getState().requestApplyAll();
    await store.getState().confirmApply(NO_CONSENT);
    store.getState().answerConnection('not-connected');
    expect(fake.calls.find((call) => call.channel === 'history:connection-test')?.request).toEqual({
      runId: 'run-2026-11-24-0001',
      answer: 'not-connected',
    });
  });

  it('follows the progress of the run, and Cancel asks main to stop that run', async () => {
    const { fake, store } = await checked({ holdApply: true });
    store.getState().requestApplyAll();
    const running = store.getState().confirmApply(NO_CONSENT);
    expect(store.getState().activity).toBe('applying');
    expect(store.getState().changeStates).toEqual({ 'udp-transport:disable-udp': 'pending' });
    fake.emitProgress({
      runId: 'run-2026-11-24-0001',
      completed: 0,
      total: 1,
      phase: 'machine-changes',
      change: { changeId: 'udp-transport:disable-udp', state: 'running' },
    });
    expect(store.getState().changeStates).toEqual({ 'udp-transport:disable-udp': 'running' });
    await store.getState().cancelApply();
    expect(store.getState().cancelRequested).toBe(true);
    expect(fake.calls.find((call) => call.channel === 'repair:cancel')?.request).toEqual({
      runId: 'run-2026-11-24-0001',
    });
    fake.releaseApply();
    await running;
    expect(store.getState()).toMatchObject({ activity: 'idle', progress: null, cancelRequested: false });
  });

  it('says when Windows did not get permission, and offers no next steps', async () => {
    const { store } = await checked({ applyOutcome: 'permission-not-granted' });
    await store.getState().requestFix('udp-transport');
    await store.getState().confirmApply(NO_CONSENT);
    expect(store.getState()).toMatchObject({
      changeStates: { 'udp-transport:disable-udp': 'skipped' },
      nextSteps: null,
      notice: { intent: 'info', text: 'Windows did not get permission, so nothing was changed.' },
    });
    expect(store.getState().lastChecked?.fixedAt).toBeUndefined();
    store.getState().dismissNotice();
    expect(store.getState().notice).toBeNull();
  });

  it('turns an apply main refused into an error notice and clears the changes states', async () => {
    const fake = createFakeApi();
    const { store } = await checked(
      {},
      {
        ...fake.api,
        'repair:apply': async () => ({
          ok: false,
          error: { code: 'busy', message: 'Another run is going on.' },
        }),
      },
    );
    await store.getState().requestFix('udp-transport');
    await store.getState().confirmApply(NO_CONSENT);
    expect(store.getState()).toMatchObject({
      activity: 'idle',
      changeStates: {},
      notice: { intent: 'error', text: 'Another run is going on.' },
    });
  });

  it('opens Remote Desktop Connection, asks whether it connected, and opens the tools a card names', async () => {
    const { fake, store } = await checked();
    await store.getState().testConnection();
    expect(store.getState()).toMatchObject({
      connectionAsked: true,
      connectionTest: null,
      mstscNotice: { intent: 'success', text: 'Remote Desktop Connection is opening.' },
    });
    store.getState().answerConnection('not-connected');
    expect(store.getState().connectionTest).toBe('not-connected');
    await store.getState().openTool('vpn-settings');
    expect(fake.calls.at(-1)).toEqual({ channel: 'app:open-tool', request: { tool: 'vpn-settings' } });
    expect(store.getState().notice).toEqual({
      intent: 'warning',
      text: 'This opens only in the Windows app.',
    });
  });
});
