import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../test/fake-api.js';
import { createChecklistStore } from './checklist-store.js';

// One state per card (issue 27): a card offers Undo only for changes Undo can put back.
describe('what an apply leaves for the cards to undo', () => {
  it('records the changes that can be undone, not a deleted password that cannot', async () => {
    const store = createChecklistStore(createFakeApi({ withCredentials: true }).api);
    await store.getState().init();
    await store.getState().runScan();
    store.getState().requestApplyAll();
    await store.getState().confirmApply({
      allowIrreversible: ['saved-credentials:TERMSRV/server01'],
      includeSuggestions: [],
      restorePoint: false,
    });
    expect(store.getState().applied['udp-transport']).toEqual([
      { runId: 'run-2026-11-24-0001', changeIds: ['udp-transport:disable-udp'] },
    ]);
    expect(store.getState().applied['saved-credentials']).toBeUndefined();
    expect(store.getState().changeStates['saved-credentials:TERMSRV/server01']).toBe('done');
  });
});
