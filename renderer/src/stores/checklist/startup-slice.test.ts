import { describe, expect, it } from 'vitest';
import { createFakeApi } from '../../test/fake-api.js';
import { createChecklistStore } from '../checklist-store.js';
import { memoryStorage, readLastChecked, writeLastChecked } from '../last-checked.js';

// The start-up slice, through the store: what the window loads as it opens, and the host it offers.
describe('start-up', () => {
  it('loads the environment, the titles and the Remote Desktop history, offers its first host, and is ready', async () => {
    const fake = createFakeApi();
    const store = createChecklistStore(fake.api, memoryStorage());
    expect(store.getState().ready).toBe(false);
    await store.getState().init();
    expect(store.getState()).toMatchObject({
      environment: { machineKind: 'simulated', machineLabel: 'udp-enabled.json' },
      titles: { 'udp-transport': 'Turn off UDP on this computer', vpn: 'Disconnect the VPN' },
      hostHistory: ['server01.contoso.com', '10.1.2.3'],
      hostInput: 'server01.contoso.com',
      lastChecked: null,
      ready: true,
    });
    // Start-up asks; it does not check by itself.
    expect(fake.calls.map((call) => call.channel)).toEqual([
      'app:environment',
      'app:catalogue',
      'hosts:history',
    ]);
  });

  it('offers no host to a field the user has already put the cursor in (their typing would land after it)', async () => {
    const store = createChecklistStore(createFakeApi().api, memoryStorage());
    store.getState().touchHost();
    await store.getState().init();
    expect(store.getState()).toMatchObject({
      hostInput: '',
      hostHistory: ['server01.contoso.com', '10.1.2.3'],
    });
    store.getState().setHostInput('server02');
    expect(store.getState().hostInput).toBe('server02');
  });

  it('offers the computer last checked, kept in the app storage, before the history', async () => {
    const settings = memoryStorage();
    writeLastChecked(settings, {
      host: '10.1.2.3',
      checkedAt: '2026-11-24T09:00:00Z',
      fixedAt: '2026-11-24T09:02:00Z',
    });
    const store = createChecklistStore(createFakeApi().api, settings);
    await store.getState().init();
    expect(store.getState().hostInput).toBe('10.1.2.3');
    expect(store.getState().lastChecked).toEqual({
      host: '10.1.2.3',
      checkedAt: '2026-11-24T09:00:00Z',
      fixedAt: '2026-11-24T09:02:00Z',
    });
  });

  it('keeps a check asked for before it is ready, and runs it once start-up is done', async () => {
    const fake = createFakeApi();
    const settings = memoryStorage();
    const store = createChecklistStore(fake.api, settings);
    expect(await store.getState().runScan()).toBe(false);
    expect(store.getState().scanQueued).toBe(true);
    expect(fake.calls).toHaveLength(0);
    await store.getState().init();
    expect(store.getState().scanQueued).toBe(false);
    expect(store.getState().scannedHost).toBe('server01.contoso.com');
    expect(fake.calls.filter((call) => call.channel === 'repair:scan')).toHaveLength(1);
    expect(readLastChecked(settings)?.host).toBe('server01.contoso.com');
  });

  it('is ready even when start-up failed, so a check reports its own error instead of waiting', async () => {
    const fake = createFakeApi();
    const store = createChecklistStore({
      ...fake.api,
      'app:catalogue': () => Promise.reject(new Error('main went away')),
    });
    await expect(store.getState().init()).rejects.toThrow('main went away');
    expect(store.getState().ready).toBe(true);
    expect(store.getState().titles).toEqual({});
  });
});
