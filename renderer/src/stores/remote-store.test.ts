import { describe, expect, it, vi } from 'vitest';
import { remoteStrings } from '../remote-strings.js';
import { createFakeApi, type FakeOptions } from '../test/fake-api.js';
import { createRemoteStore } from './remote-store.js';

function setup(options: FakeOptions = {}) {
  const fake = createFakeApi(options);
  const context = { checkRemote: vi.fn(async () => true), checkThisPc: vi.fn(async () => true) };
  const store = createRemoteStore(fake.api, context);
  return { fake, context, store };
}

describe('the remote store ("Check and fix it from here")', () => {
  it('opens for the verdict’s computer without its Remote Desktop port', () => {
    const { store } = setup();
    store.getState().show('server01.contoso.com:3390');
    expect(store.getState().dialogHost).toBe('server01.contoso.com:3390');
    expect(store.getState().form.computer).toBe('server01.contoso.com');
  });

  it('asks for the account, and over SSH for the key, before asking main', async () => {
    const { store, fake } = setup();
    store.getState().show('server01');
    expect(await store.getState().open('')).toBe(false);
    expect(store.getState().error).toBe(remoteStrings.needAccount);
    store.getState().setForm({ user: 'admin', via: 'ssh' });
    expect(await store.getState().open('')).toBe(false);
    expect(store.getState().error).toBe(remoteStrings.needKey);
    expect(fake.calls.filter((c) => c.channel === 'remote:open')).toHaveLength(0);
  });

  it('keeps only the key file’s name that main chose, and a cancelled dialog changes nothing', async () => {
    const { store } = setup();
    await store.getState().chooseKey();
    expect(store.getState().form.keyName).toBe('id_ed25519');
    const cancelled = setup({ keyDialogCancelled: true });
    await cancelled.store.getState().chooseKey();
    expect(cancelled.store.getState().form.keyName).toBeNull();
  });

  it('opens the computer, sends the password once and keeps it nowhere, then checks that computer', async () => {
    const { store, fake, context } = setup();
    store.getState().show('server01');
    store.getState().setForm({ user: 'CONTOSO\\admin' });
    expect(await store.getState().open('s3cret')).toBe(true);
    expect(fake.calls.find((c) => c.channel === 'remote:open')?.request).toEqual({
      via: 'winrm',
      computer: 'server01',
      user: 'CONTOSO\\admin',
      password: 's3cret',
    });
    expect(JSON.stringify(store.getState())).not.toContain('s3cret');
    expect(store.getState().opened?.computer).toBe('server01');
    expect(store.getState().dialogHost).toBeNull();
    expect(context.checkRemote).toHaveBeenCalledOnce();
  });

  it('shows the port’s one sentence in the dialog and stays on this PC', async () => {
    const sentence = 'Nothing accepts connections on port 5985 (WinRM) of server01.';
    const { store, context } = setup({ remoteRefusal: sentence });
    store.getState().show('server01');
    store.getState().setForm({ user: 'admin' });
    expect(await store.getState().open('')).toBe(false);
    expect(store.getState().error).toBe(sentence);
    expect(store.getState().opened).toBeNull();
    expect(store.getState().dialogHost).toBe('server01');
    expect(context.checkRemote).not.toHaveBeenCalled();
  });

  it('goes back to this PC: closes the session and checks this PC again', async () => {
    const { store, fake, context } = setup();
    store.getState().show('server01');
    store.getState().setForm({ user: 'admin' });
    await store.getState().open('');
    await store.getState().back();
    expect(fake.calls.map((c) => c.channel)).toContain('remote:close');
    expect(store.getState().opened).toBeNull();
    expect(context.checkThisPc).toHaveBeenCalledOnce();
  });
});
