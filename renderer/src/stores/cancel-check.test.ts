import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../test/fake-api.js';
import { createChecklistStore } from './checklist-store.js';

// Issue 27: a check that takes long (a silent remote computer) can be cancelled. A check changes nothing, so
// cancelling is only no longer waiting: the page is given back at once, and the late answer is dropped.
describe('cancelling a check', () => {
  it('gives the page back, says so, and ignores the answer that comes later', async () => {
    const fake = createFakeApi({ holdScan: true });
    const store = createChecklistStore(fake.api);
    await store.getState().init();
    const running = store.getState().runScan();
    expect(store.getState().activity).toBe('scanning');
    store.getState().cancelScan();
    expect(store.getState()).toMatchObject({
      activity: 'idle',
      scanProgress: null,
      announcement: 'Check cancelled.',
    });
    fake.releaseScan();
    expect(await running).toBe(false);
    expect(store.getState().scan).toBeNull();
    expect(store.getState().announcement).toBe('Check cancelled.');
  });
});
