import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { openMachine } from '../../hosts/cli/open-machine.js';
import { withRemote } from '../../hosts/cli/open-remote.js';
import { remoteRequest } from '../../hosts/cli/remote-options.js';
import { remoteDataDir } from '../../hosts/composition-root.js';

function winrm(port: number) {
  const parsed = remoteRequest({ remote: `winrm://127.0.0.1:${port}`, credential: 'CONTOSO\\admin' });
  if (!parsed.ok || !parsed.remote) throw new Error('bad request');
  return parsed.remote;
}

/** The CLI's machine options with that --remote, as `openMachine` takes them. */
function machineWithRemote(port: number) {
  return { dataDir: '/tmp/data', realNetwork: false, remote: winrm(port) };
}

describe('--remote winrm:// with --credential', () => {
  it('says a closed port before asking for any password', async () => {
    const asked: string[] = [];
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    await new Promise((resolve) => server.close(resolve));
    const password = async (question: string) => {
      asked.push(question);
      return 'x';
    };
    await expect(openMachine(machineWithRemote(address.port), { password })).rejects.toThrow(
      new RegExp(`^Nothing accepts connections on port ${address.port} of 127\\.0\\.0\\.1`),
    );
    expect(asked).toEqual([]);
  });

  it('asks for the password only on an interactive terminal, and says so otherwise', async () => {
    const server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    try {
      await expect(openMachine(machineWithRemote(address.port))).rejects.toThrow(
        '--credential asks for the password on an interactive terminal, and there is none here.',
      );
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("keeps each remote computer's journal in its own folder, and --json names it", () => {
    expect(remoteDataDir('/d', 'ssh', 'server01:2222')).toBe('/d/remote/ssh-server01_2222');
    expect(remoteDataDir('/d', 'winrm', '../../etc')).toBe('/d/remote/winrm-.._.._etc');
    expect(withRemote({ command: 'scan' }, { via: 'ssh', computer: 'server01' })).toEqual({
      command: 'scan',
      remote: { via: 'ssh', computer: 'server01' },
    });
    expect(withRemote({ command: 'scan' }, undefined)).toEqual({ command: 'scan' });
  });
});
