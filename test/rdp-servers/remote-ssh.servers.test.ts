import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MachinePort } from '../../machine/port.js';
import {
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from '../../machine/powershell/module-hashes.js';
import { createNodePowerShellSession } from '../../machine/powershell/powershell-processes.js';
import { createRemoteMachine } from '../../machine/remote/remote-machine.js';
import type { SshTarget } from '../../machine/remote/remote-target.js';
import { diagnoseSsh } from '../../machine/remote/ssh-diagnosis.js';
import type { Op } from '../../shared/ops.js';
import { freePort, type Running, startFullBacklog } from './servers.js';
import { PINNED_PWSH, type SshServer, sshMissing, startSshServer } from './ssh-server.js';

/*
 * The remote machine port end to end against a real OpenSSH server running PowerShell as its subsystem on
 * loopback: this PC's pwsh opens the PSSession, the interpreter's verified bytes load there, batches run there.
 */

const missing = sshMissing();
const MODULE = resolve('machine/powershell', INTERPRETER_MODULE_FILE);

let server: SshServer;
let documents: string;
const opened: MachinePort[] = [];

function target(overrides: Partial<SshTarget> = {}): SshTarget {
  return {
    via: 'ssh',
    user: server.user,
    host: '127.0.0.1',
    port: server.port,
    keyFile: server.clientKey,
    knownHostsFile: server.knownHosts,
    ...overrides,
  };
}

function machine(overrides: Partial<SshTarget> = {}): MachinePort {
  const port = createRemoteMachine({
    target: target(overrides),
    modulePath: MODULE,
    moduleSha256: INTERPRETER_MODULE_SHA256,
    createSession: () => createNodePowerShellSession(PINNED_PWSH),
    diagnose: (t) => (t.via === 'ssh' ? diagnoseSsh(t) : Promise.resolve(undefined)),
    testDocumentsFolder: documents,
  });
  opened.push(port);
  return port;
}

// Without sshd or the pinned pwsh the suite says it did not run, and fails: it never counts as passed.
if (missing !== undefined) {
  it(`did not run: needs ${missing}`, () => {
    throw new Error(`did not run: needs ${missing}`);
  });
}

describe.runIf(missing === undefined)('the remote machine port over SSH (real sshd + pwsh)', () => {
  beforeAll(async () => {
    server = await startSshServer();
    documents = mkdtempSync(join(tmpdir(), 'rdp-repair-remote-docs-'));
  }, 60_000);

  afterAll(async () => {
    for (const port of opened) await port.close?.();
    await server?.stop();
    if (documents) rmSync(documents, { recursive: true, force: true });
  }, 60_000);

  it('loads the interpreter there and answers a read batch, Windows-only ops as platform errors', async () => {
    const port = machine();
    const results = await port.run(
      [
        { op: 'file.read', folder: 'documents', name: 'Default.rdp' },
        {
          op: 'registry.readValue',
          path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services',
          name: 'fClientDisableUDP',
        },
      ],
      { mode: 'read' },
    );
    expect(results[0]).toMatchObject({ ok: true, value: { exists: false } });
    expect(results[1]).toMatchObject({ ok: false });
    if (!results[1]?.ok) expect(results[1]?.error.message).toMatch(/platform|not supported/i);
    expect(port.remote).toEqual({ via: 'ssh', computer: `127.0.0.1:${server.port}` });
  }, 60_000);

  it('writes a file in the contract subtree there, and a second session reads it back and undoes it', async () => {
    const content = Buffer.from('\uFEFFscreen mode id:i:2\r\n', 'utf16le').toString('base64');
    const first = machine();
    const wrote = await first.run(
      [
        {
          op: 'file.write',
          folder: 'documents',
          name: 'Default.rdp',
          contentBase64: content,
          attributes: [],
        },
      ],
      { mode: 'write' },
    );
    expect(wrote[0]).toMatchObject({ ok: true });
    expect(readFileSync(join(documents, 'Default.rdp')).toString('base64')).toBe(content);
    await first.close?.();

    const second = machine();
    const read = await second.run([{ op: 'file.read', folder: 'documents', name: 'Default.rdp' }], {
      mode: 'read',
    });
    expect(read[0]).toMatchObject({ ok: true, value: { contentBase64: content } });
    const undone = await second.run([{ op: 'file.delete', folder: 'documents', name: 'Default.rdp' }], {
      mode: 'write',
    });
    expect(undone[0]).toMatchObject({ ok: true });
    const after = await second.run([{ op: 'file.read', folder: 'documents', name: 'Default.rdp' }], {
      mode: 'read',
    });
    expect(after[0]).toMatchObject({ ok: true, value: { exists: false } });
  }, 90_000);

  it('is refused by the remote allow-list, and machine-wide writes only come from the elevated batch', async () => {
    const port = machine();
    const outside = { op: 'registry.readKey', path: 'HKLM\\SOFTWARE\\Evil' } as Op;
    const machineWide: Op = {
      op: 'registry.setValue',
      path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
      name: 'fClientDisableUDP',
      value: { type: 'REG_DWORD', data: 1 },
    } as Op;
    const [refused] = await port.run([outside], { mode: 'read' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    const [unelevated] = await port.run([machineWide], { mode: 'write' });
    expect(unelevated).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    if (!unelevated?.ok) expect(unelevated?.error.message).toMatch(/only from the elevated batch/);
    // The same change flagged elevated runs in the same session (no UAC over remoting): it gets past every
    // check there and fails with the platform's own error, not a refusal.
    const [elevated] = await port.run([machineWide], { mode: 'write', elevated: true });
    expect(elevated).toMatchObject({ ok: false });
    if (!elevated?.ok) expect(elevated?.error.message).toMatch(/platform/i);
  }, 60_000);

  it('says in one sentence that the key was refused', async () => {
    const [result] = await machine({ keyFile: server.wrongKey }).run([{ op: 'system.facts' }], {
      mode: 'read',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'skipped' } });
    if (!result?.ok) expect(result?.error.message).toMatch(/refused the account .* \(access denied\)/);
  }, 60_000);

  it('refuses an unknown host key and names its SHA256 fingerprint and how to trust it', async () => {
    const [result] = await machine({ knownHostsFile: server.emptyKnownHosts }).run([{ op: 'system.facts' }], {
      mode: 'read',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'skipped' } });
    if (!result?.ok) {
      expect(result?.error.message).toContain(server.hostKeyFingerprint);
      expect(result?.error.message).toContain(
        `ssh-keyscan -p ${server.port} 127.0.0.1 >> ${server.emptyKnownHosts}`,
      );
    }
  }, 60_000);

  it('says the port is closed before signing in to anything', async () => {
    const [result] = await machine({ port: await freePort() }).run([{ op: 'system.facts' }], {
      mode: 'read',
    });
    if (!result?.ok)
      expect(result?.error.message).toMatch(/^Nothing accepts connections on port \d+ of 127\.0\.0\.1/);
    expect(result?.ok).toBe(false);
  }, 60_000);

  it('a session killed mid-batch: the write batch is "failed" (may have run), and the next batch reconnects', async () => {
    let silent: Running | undefined;
    try {
      silent = await startFullBacklog();
      const port = machine();
      await port.warmUp?.();
      const batch = port.run(
        [{ op: 'net.probeTcp', host: '127.0.0.1', port: silent.port, timeoutMs: 20_000 }],
        { mode: 'write' },
      );
      await waitForRemotePwsh(server);
      killRemotePwsh(server);
      const [result] = await batch;
      expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
      if (!result?.ok)
        expect(result?.error.message).toMatch(
          /lost during the batch: some of these changes may have been made/,
        );
      const [again] = await port.run([{ op: 'file.read', folder: 'documents', name: 'none.rdp' }], {
        mode: 'read',
      });
      expect(again).toMatchObject({ ok: true, value: { exists: false } });
    } finally {
      await silent?.stop();
    }
  }, 90_000);
});

/** The pwsh processes sshd started for PowerShell sessions (this test's own sshd: by its pid file). */
function remotePwshPids(server: SshServer): number[] {
  const sshd = Number(readFileSync(join(server.folder, 'sshd.pid'), 'utf8').trim());
  const table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], { encoding: 'utf8' })
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ pid: Number(m[1]), ppid: Number(m[2]), args: m[3] ?? '' }));
  const descendants = new Set([sshd]);
  for (let round = 0; round < 6; round++) {
    for (const row of table) if (descendants.has(row.ppid)) descendants.add(row.pid);
  }
  return table.filter((r) => descendants.has(r.pid) && r.args.includes('-sshs')).map((r) => r.pid);
}

async function waitForRemotePwsh(server: SshServer): Promise<void> {
  for (let i = 0; i < 100 && remotePwshPids(server).length === 0; i++) {
    await new Promise((done) => setTimeout(done, 100));
  }
  // The batch is in flight once the probe waits on the silent port; give it that moment.
  await new Promise((done) => setTimeout(done, 1_500));
}

function killRemotePwsh(server: SshServer): void {
  for (const pid of remotePwshPids(server)) process.kill(pid, 'SIGKILL');
}
