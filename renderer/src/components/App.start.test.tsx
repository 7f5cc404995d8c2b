// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryStorage } from '../stores/last-checked.js';
import { createStores, StoresProvider } from '../stores/stores.js';
import { callsTo, loadLazyViews, start } from '../test/app-harness.js';
import { createFakeApi } from '../test/fake-api.js';
import { App } from './App.js';

beforeAll(loadLazyViews, 30_000);
afterEach(cleanup);

// The start screen and what happens before start-up is done.
describe('start screen', () => {
  it('names the error, says the machine is simulated and offers the hosts from history', async () => {
    const { user } = await start();
    expect(screen.getByRole('heading', { level: 1, name: /0x904/ })).toBeTruthy();
    expect(await screen.findByText(/simulated Windows computer \(udp-enabled\.json\)/)).toBeTruthy();
    const host = screen.getByRole('combobox', { name: /Computer you cannot connect to/ });
    expect((host as HTMLInputElement).value).toBe('server01.contoso.com');
    // The browser draws the suggestion list from the datalist the field points at.
    const history = (host as HTMLInputElement).list;
    expect([...(history?.options ?? [])].map((option) => option.value)).toContain('10.1.2.3');
    await user.clear(host);
    await user.type(host, '10.1.2.3{Enter}');
    await screen.findByRole('heading', { name: 'What we found for 10.1.2.3' });
  });

  it('validates the host as the user types and does not scan an invalid one', async () => {
    const { fake, user } = await start();
    const host = screen.getByRole('combobox', { name: /Computer you cannot connect to/ });
    await user.clear(host);
    await user.type(host, 'bad host');
    expect(screen.getByText(/cannot contain spaces/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Check this PC' }));
    expect(callsTo(fake, 'repair:scan')).toHaveLength(0);
    await user.clear(host);
    await user.type(host, 'server02:3390');
    expect(screen.queryByText(/cannot contain spaces/)).toBeNull();
  });
});

describe('start-up', () => {
  it('a click on "Check this PC" before the app has started runs the check once it has', async () => {
    const fake = createFakeApi();
    const stores = createStores(fake.api, memoryStorage());
    const user = userEvent.setup();
    render(
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>,
    );
    await stores.recovery.getState().load();
    await user.click(screen.getByRole('button', { name: 'Check this PC' }));
    expect(callsTo(fake, 'repair:scan')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Checking…' })).toBeTruthy();
    await stores.checklist.getState().init();
    await screen.findByRole('heading', { name: 'What we found for server01.contoso.com' });
    expect(callsTo(fake, 'repair:scan')).toEqual([
      { channel: 'repair:scan', request: { host: 'server01.contoso.com' } },
    ]);
  });
});
