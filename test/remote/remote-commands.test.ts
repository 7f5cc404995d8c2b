import { describe, expect, it } from 'vitest';
import {
  markerMessage,
  openCommand,
  REMOTE_BROKEN,
  REMOTE_OPEN_FAILED,
  remoteBatchCommand,
} from '../../machine/remote/remote-commands.js';
import { createRemoteMachine } from '../../machine/remote/remote-machine.js';

const HASH = 'a'.repeat(64);
const HOSTILE = 'x\'; Remove-Item -Recurse C:\\ ; $(calc) `"';

describe("the remote port's PowerShell", () => {
  it('carries host, user, key, known-hosts file and password only as base64, never as code', () => {
    const ssh = openCommand(
      { via: 'ssh', user: HOSTILE, host: HOSTILE, port: 22, keyFile: HOSTILE, knownHostsFile: HOSTILE },
      Buffer.from('module'),
      HASH,
    );
    const winrm = openCommand(
      {
        via: 'winrm',
        host: HOSTILE,
        port: 5986,
        useSsl: true,
        credential: { user: HOSTILE, password: HOSTILE },
      },
      Buffer.from('module'),
      HASH,
    );
    for (const command of [ssh, winrm, remoteBatchCommand('e30=', true, HOSTILE)]) {
      expect(command).not.toContain('Remove-Item');
      expect(command).not.toContain('calc');
      expect(command.includes('\n')).toBe(false);
    }
    expect(ssh).toContain("StrictHostKeyChecking = 'yes'");
    expect(ssh).toContain('SSHTransport = $true');
    expect(winrm).toContain('$o.UseSSL = $true');
  });

  it('refuses a malformed hash, a port out of range and a batch that is not base64', () => {
    const target = { via: 'ssh' as const, user: 'u', host: 'h', port: 22, keyFile: 'k' };
    expect(() => openCommand(target, Buffer.from('m'), 'not-a-hash')).toThrow(/hash/);
    expect(() => openCommand({ ...target, port: 70000 }, Buffer.from('m'), HASH)).toThrow(/port/);
    expect(() => remoteBatchCommand("'; calc; '", false)).toThrow(/base64/);
  });

  it('reads a marker line, bounded, and nothing when it is absent', () => {
    const line = `${REMOTE_OPEN_FAILED}${Buffer.from('The SSH client session has ended').toString('base64')}`;
    expect(markerMessage(`noise\n${line}\n`, REMOTE_OPEN_FAILED)).toBe('The SSH client session has ended');
    expect(markerMessage('{"protocol":1}', REMOTE_BROKEN)).toBeUndefined();
    expect(
      markerMessage(`${REMOTE_BROKEN}${'QUFB'.repeat(10_000)}`, REMOTE_BROKEN)?.length,
    ).toBeLessThanOrEqual(400);
  });

  it('a session that drops mid-batch: a write batch is "failed" (may have run), a read batch "cancelled"', async () => {
    const answers = [
      { stdout: 'rdp-repair-remote-ready\n', stderr: '' },
      {
        stdout: `${REMOTE_BROKEN}${Buffer.from('The SSH transport process has abruptly terminated').toString('base64')}\n`,
        stderr: '',
      },
    ];
    const port = createRemoteMachine({
      target: { via: 'ssh', user: 'u', host: 'server01', port: 22, keyFile: 'k' },
      modulePath: 'machine/powershell/RdpRepair.Interpreter.psm1',
      moduleSha256: (await import('../../machine/powershell/module-hashes.js')).INTERPRETER_MODULE_SHA256,
      createSession: () => ({
        invoke: async () => answers.shift() ?? { stdout: '', stderr: '' },
        dispose: async () => undefined,
      }),
    });
    const [result] = await port.run([{ op: 'policy.refresh' }], { mode: 'write', elevated: true });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'failed',
        message:
          'The connection to server01 was lost during the batch: some of these changes may have been made there; roll them back with rdp-repair recover and the same --remote.',
      },
    });
  });
});
