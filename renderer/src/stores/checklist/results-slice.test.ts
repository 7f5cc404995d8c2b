import { describe, expect, it } from 'vitest';
import type { RdpRepairApi } from '../../../../shared/ipc.js';
import { createFakeApi } from '../../test/fake-api.js';
import { createChecklistStore } from '../checklist-store.js';
import { memoryStorage, readLastChecked, writeLastChecked } from '../last-checked.js';

// The results slice, through the store: the host field, the check, what it found and the cards' own marks.
async function ready(api: RdpRepairApi = createFakeApi().api, settings = memoryStorage()) {
  const store = createChecklistStore(api, settings);
  await store.getState().init();
  return store;
}

describe('the check and its results', () => {
  it('checks the computer in the field, announces the counts and remembers the check', async () => {
    const settings = memoryStorage();
    const store = await ready(createFakeApi().api, settings);
    expect(await store.getState().runScan()).toBe(true);
    const state = store.getState();
    expect(state).toMatchObject({
      activity: 'idle',
      scannedHost: 'server01.contoso.com',
      scanProgress: null,
      announcement: 'Problem on this PC: 1 problem, 1 step for you.',
      scanSerial: 1,
    });
    expect(state.scan?.findings.map((f) => f.repairId)).toEqual([
      'vpn',
      'udp-transport',
      'saved-credentials',
    ]);
    expect(state.lastChecked?.host).toBe('server01.contoso.com');
    expect(readLastChecked(settings)).toEqual(state.lastChecked);
  });

  it('says what is wrong with the name and does not check it', async () => {
    const fake = createFakeApi();
    const store = await ready(fake.api);
    store.getState().setHostInput('bad host');
    expect(store.getState().hostError).toMatch(/cannot contain spaces/);
    expect(await store.getState().runScan()).toBe(false);
    expect(fake.calls.filter((call) => call.channel === 'repair:scan')).toHaveLength(0);
    store.getState().setHostInput('server02:3390');
    expect(store.getState().hostError).toBeNull();
  });

  it('clears the results when the field names another computer, and keeps them for the same one', async () => {
    const store = await ready();
    await store.getState().runScan();
    store.getState().setManualDone('vpn', true);
    store.getState().setHostInput(' server01.contoso.com ');
    expect(store.getState().scan).not.toBeNull();
    expect(store.getState().manualDone).toEqual({ vpn: true });
    store.getState().setHostInput('server01.contoso.comx');
    expect(store.getState()).toMatchObject({
      scan: null,
      scannedHost: null,
      announcement: null,
      manualDone: {},
    });
  });

  it('shows the steps of the check the user started, and no others', async () => {
    const fake = createFakeApi({ holdScan: true });
    const store = await ready(fake.api);
    const running = store.getState().runScan();
    expect(store.getState().activity).toBe('scanning');
    expect(store.getState().announcement).toBe('Checking this PC and server01.contoso.com…');
    fake.emitScanProgress({
      host: 'server01.contoso.com',
      steps: [{ id: 'read-this-pc', state: 'running' }],
    });
    expect(store.getState().scanProgress?.steps).toEqual([{ id: 'read-this-pc', state: 'running' }]);
    fake.releaseScan();
    await running;
    expect(store.getState().scanProgress).toBeNull();
    fake.emitScanProgress({ host: 'server01.contoso.com', steps: [{ id: 'read-this-pc', state: 'done' }] });
    expect(store.getState().scanProgress).toBeNull();
  });

  it('keeps the fix time while the same computer is checked again, and drops it for another', async () => {
    const settings = memoryStorage();
    writeLastChecked(settings, {
      host: '10.1.2.3',
      checkedAt: '2026-11-24T09:00:00Z',
      fixedAt: '2026-11-24T09:02:00Z',
    });
    const store = await ready(createFakeApi().api, settings);
    await store.getState().runScan();
    expect(store.getState().lastChecked).toMatchObject({ host: '10.1.2.3', fixedAt: '2026-11-24T09:02:00Z' });
    expect(store.getState().lastChecked?.checkedAt).not.toBe('2026-11-24T09:00:00Z');
    store.getState().setHostInput('server01.contoso.com');
    await store.getState().runScan();
    expect(store.getState().lastChecked?.host).toBe('server01.contoso.com');
    expect(store.getState().lastChecked?.fixedAt).toBeUndefined();
  });

  it('turns a failed check into an error notice', async () => {
    const fake = createFakeApi();
    const store = await ready({
      ...fake.api,
      'repair:scan': async () => ({ ok: false, error: { code: 'failed', message: 'The check failed.' } }),
    });
    expect(await store.getState().runScan()).toBe(false);
    expect(store.getState()).toMatchObject({
      activity: 'idle',
      scan: null,
      announcement: null,
      notice: { intent: 'error', text: 'The check failed.' },
    });
  });
});

describe('"People can\'t connect to this PC"', () => {
  it('asks the incoming question for this PC, and the check again and Fix keep asking it', async () => {
    const fake = createFakeApi();
    const settings = memoryStorage();
    const store = await ready(fake.api, settings);
    store.getState().setHostInput('server01.contoso.com');
    expect(await store.getState().runThisPcCheck()).toBe(true);
    expect(fake.calls.filter((c) => c.channel === 'repair:scan').at(-1)?.request).toMatchObject({
      host: 'localhost',
      question: 'incoming',
    });
    expect(store.getState()).toMatchObject({ scannedHost: 'localhost', scanSerial: 1 });
    expect(store.getState().scan?.question).toBe('incoming');
    // "Last checked" is about computers this PC connects to; this question does not replace it.
    expect(readLastChecked(settings)).toBeNull();
    store.getState().requestApplyAll();
    await store
      .getState()
      .confirmApply({ allowIrreversible: [], includeSuggestions: [], restorePoint: false });
    expect(fake.calls.filter((c) => c.channel === 'repair:apply').at(-1)?.request).toMatchObject({
      host: 'localhost',
      question: 'incoming',
    });
  });

  it('waits for start-up like the other check, and then asks its own question', async () => {
    const fake = createFakeApi();
    const store = createChecklistStore(fake.api, memoryStorage());
    expect(await store.getState().runThisPcCheck()).toBe(false);
    await store.getState().init();
    expect(fake.calls.filter((c) => c.channel === 'repair:scan').map((c) => c.request)).toEqual([
      expect.objectContaining({ host: 'localhost', question: 'incoming' }),
    ]);
  });
});
