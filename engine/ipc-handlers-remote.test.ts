import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import type { RemoteOpenRequest } from '../shared/ipc.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { type RemoteDeps, withRemoteHandlers } from './ipc-handlers-remote.js';
import { baseMachine, UDP_KEY } from './test-machines.js';

/*
 * "Check and fix it from here" behind the IPC (issue 26): remote:open switches scan, apply, undo and the journal
 * to a second engine on the remote port until remote:close; a refusal is the port's one sentence; the password
 * reaches the host's opener and nothing else; the SSH key is the file main's dialog chose, never a page's path.
 */

const UDP_ON = { [UDP_KEY]: { fClientDisableUDP: { type: 'REG_DWORD' as const, data: 0 } } };

function setup(options: { refuse?: string; chooseKey?: string } = {}) {
  const local = new SimulatedMachine(baseMachine());
  const remote = new SimulatedMachine(baseMachine(UDP_ON));
  const opened: { request: RemoteOpenRequest; keyFile: string | undefined }[] = [];
  let closed = 0;
  const deps: RemoteDeps = {
    async open(request, keyFile) {
      opened.push({ request, keyFile });
      if (options.refuse) return options.refuse;
      return {
        machine: remote,
        dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-remote-ipc-')),
        remote: { via: request.via, computer: request.computer },
        label: `${request.computer} over PowerShell remoting`,
        close: async () => {
          closed++;
        },
      };
    },
    ...(options.chooseKey ? { chooseKey: async () => options.chooseKey } : {}),
  };
  const localDeps = {
    machine: local,
    dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-local-ipc-')),
    onProgress: () => undefined,
  };
  const handlers = withRemoteHandlers(createIpcHandlers(localDeps), localDeps, deps);
  return { handlers, local, remote, opened, closed: () => closed };
}

const WINRM = { via: 'winrm', computer: 'server01', user: 'CONTOSO\\admin', password: 'pa55' } as const;

describe('withRemoteHandlers', () => {
  it('sends scan, apply and undo to the remote computer once open, and back to this PC once closed', async () => {
    const { handlers, local, remote } = setup();
    const localBefore = local.snapshot();
    const open = await handlers['remote:open'](WINRM);
    expect(open).toEqual({
      ok: true,
      value: { via: 'winrm', computer: 'server01', label: 'server01 over PowerShell remoting' },
    });
    const environment = await handlers['app:environment']({});
    expect(environment.ok && environment.value.remote).toEqual({ via: 'winrm', computer: 'server01' });

    const apply = await handlers['repair:apply']({ host: 'server01', only: ['udp-transport'] });
    expect(apply.ok && apply.value.outcome).toBe('done');
    expect(remote.snapshot().registry[UDP_KEY]?.fClientDisableUDP).toEqual({ type: 'REG_DWORD', data: 1 });
    const history = await handlers['history:list']({});
    expect(history.ok && history.value).toHaveLength(1);
    const undo = await handlers['repair:undo']({});
    expect(undo.ok && undo.value.outcome).toBe('undone');
    expect(remote.snapshot().registry[UDP_KEY]?.fClientDisableUDP).toEqual({ type: 'REG_DWORD', data: 0 });
    expect(local.snapshot()).toEqual(localBefore);

    expect(await handlers['remote:close']({})).toEqual({ ok: true, value: { closed: true } });
    const back = await handlers['app:environment']({});
    expect(back.ok && back.value.remote).toBeUndefined();
    // This PC's journal never saw the remote run.
    const localHistory = await handlers['history:list']({});
    expect(localHistory.ok && localHistory.value).toEqual([]);
  });

  it("answers a refusal with the port's one sentence and stays on this PC", async () => {
    const sentence = 'Nothing accepts connections on port 5985 (WinRM) of server01.';
    const { handlers } = setup({ refuse: sentence });
    const open = await handlers['remote:open'](WINRM);
    expect(open).toEqual({ ok: false, error: { code: 'failed', message: sentence } });
    const environment = await handlers['app:environment']({});
    expect(environment.ok && environment.value.remote).toBeUndefined();
  });

  it('refuses an SSH open before a key was chosen, and gives the opener the chosen key, never a page path', async () => {
    const { handlers, opened } = setup({ chooseKey: '/home/alice/.ssh/id_ed25519' });
    const ssh = { via: 'ssh', computer: 'server01', user: 'admin' } as const;
    const early = await handlers['remote:open'](ssh);
    expect(early.ok).toBe(false);
    expect(opened).toHaveLength(0);
    expect(await handlers['remote:choose-key']({})).toEqual({
      ok: true,
      value: { chosen: true, name: 'id_ed25519' },
    });
    expect((await handlers['remote:open']({ ...ssh, keyFile: '/etc/passwd' } as never)).ok).toBe(true);
    expect(opened[0]?.keyFile).toBe('/home/alice/.ssh/id_ed25519');
    expect(opened[0]?.request).not.toHaveProperty('keyFile');
  });

  it('checks the request before anything opens: a hostile computer name or account is refused', async () => {
    const { handlers, opened } = setup();
    for (const bad of [
      { ...WINRM, computer: 'server01; Remove-Item C:\\' },
      { ...WINRM, user: 'admin$(calc)' },
      { ...WINRM, via: 'telnet' },
      { ...WINRM, password: 'x'.repeat(300) },
    ]) {
      const result = await handlers['remote:open'](bad as never);
      expect(result.ok ? 'opened' : result.error.code).toBe('invalid-input');
    }
    expect(opened).toHaveLength(0);
  });

  it('never puts the password in an answer', async () => {
    const { handlers } = setup({ refuse: 'Access is denied on server01.' });
    const open = await handlers['remote:open'](WINRM);
    expect(JSON.stringify(open)).not.toContain('pa55');
  });

  it('closes the open session before opening another', async () => {
    const { handlers, closed } = setup();
    await handlers['remote:open'](WINRM);
    await handlers['remote:open']({ ...WINRM, computer: 'server02' });
    expect(closed()).toBe(1);
  });
});
