// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryStorage } from '../stores/last-checked.js';
import { createStores, StoresProvider } from '../stores/stores.js';
import { createFakeApi, type FakeOptions } from '../test/fake-api.js';
import { RemoteFixDialog } from './RemoteFixDialog.js';

// Fluent's tabster keeps timers on the document: unmount before jsdom goes.
afterEach(cleanup);

function setup(options: FakeOptions = {}) {
  const fake = createFakeApi(options);
  const stores = createStores(fake.api, memoryStorage());
  render(
    <FluentProvider theme={webLightTheme}>
      <StoresProvider stores={stores}>
        <button type="button">Opener</button>
        <RemoteFixDialog />
      </StoresProvider>
    </FluentProvider>,
  );
  return { fake, stores, user: userEvent.setup() };
}

async function dialog(): Promise<HTMLElement> {
  const title = await screen.findByRole('heading', { name: /^Check and fix .* from here$/ });
  const surface = title.closest<HTMLElement>('[role="dialog"]');
  if (!surface) throw new Error('the title is not inside a dialog');
  return surface;
}

describe('RemoteFixDialog', () => {
  it('says in one sentence what it needs, and labels every field', async () => {
    const { stores } = setup();
    stores.remote.getState().show('server01:3389');
    const surface = await dialog();
    const described = document.getElementById(surface.getAttribute('aria-describedby') ?? '');
    expect(described?.textContent).toBe(
      'This needs administrator rights on server01:3389 and PowerShell remoting turned on there (WinRM, or SSH where OpenSSH is set up).',
    );
    expect(
      (
        within(surface).getByRole('radio', {
          name: 'WinRM (Windows PowerShell remoting)',
        }) as HTMLInputElement
      ).checked,
    ).toBe(true);
    expect((within(surface).getByRole('textbox', { name: /Computer/ }) as HTMLInputElement).value).toBe(
      'server01',
    );
    expect(within(surface).getByRole('textbox', { name: /Account on that computer/ })).toBeTruthy();
    expect(
      within(surface)
        .getByLabelText(/Password/)
        .getAttribute('type'),
    ).toBe('password');
  });

  it('asks for the SSH key through main’s dialog and shows only its name', async () => {
    const { stores, user, fake } = setup();
    stores.remote.getState().show('server01');
    const surface = await dialog();
    await user.click(within(surface).getByRole('radio', { name: 'SSH' }));
    expect(within(surface).queryByLabelText(/Password/)).toBeNull();
    expect(within(surface).getByText('No key file chosen.')).toBeTruthy();
    await user.click(within(surface).getByRole('button', { name: 'Choose the key file…' }));
    expect(await within(surface).findByText('Key file: id_ed25519')).toBeTruthy();
    expect(fake.calls.map((c) => c.channel)).toContain('remote:choose-key');
  });

  it('shows the port’s one sentence in the dialog and keeps it open', async () => {
    const sentence =
      'Nothing accepts connections on port 5985 (WinRM) of server01; port 22 (SSH) answers, so try that way in (nothing was signed in to).';
    const { stores, user } = setup({ remoteRefusal: sentence });
    stores.remote.getState().show('server01');
    const surface = await dialog();
    await user.type(within(surface).getByRole('textbox', { name: /Account/ }), 'admin');
    await user.click(within(surface).getByRole('button', { name: 'Connect and check' }));
    expect((await within(surface).findByRole('alert')).textContent).toBe(sentence);
    expect(stores.remote.getState().opened).toBeNull();
  });

  it('connects with Enter, sends the password once, then closes and clears it', async () => {
    const { stores, user, fake } = setup();
    stores.remote.getState().show('server01');
    const surface = await dialog();
    await user.type(within(surface).getByRole('textbox', { name: /Account/ }), 'CONTOSO\\admin');
    await user.type(within(surface).getByLabelText(/Password/), 's3cret{Enter}');
    await waitFor(() => expect(stores.remote.getState().opened?.computer).toBe('server01'));
    expect(fake.calls.find((c) => c.channel === 'remote:open')?.request).toMatchObject({
      password: 's3cret',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    stores.remote.getState().show('server01');
    expect((within(await dialog()).getByLabelText(/Password/) as HTMLInputElement).value).toBe('');
  });

  it('closes on Escape without opening anything', async () => {
    const { stores, user, fake } = setup();
    stores.remote.getState().show('server01');
    await dialog();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(stores.remote.getState().dialogHost).toBeNull());
    expect(fake.calls.map((c) => c.channel)).not.toContain('remote:open');
  });
});
