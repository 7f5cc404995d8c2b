import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/cli-harness.js';
import { freePort } from './servers.js';
import { type SshServer, sshMissing, startSshServer } from './ssh-server.js';

/*
 * `rdp-repair scan|fix|undo --remote ssh://…` against a real OpenSSH server with PowerShell as its subsystem on
 * loopback. The remote side is Linux: every Windows-only read fails there with a platform error, and the CLI
 * must show those checks as not known, never as fine.
 */

const missing = sshMissing();
let server: SshServer;
let dataDir: string;

function remote(...rest: string[]): string[] {
  return [
    ...rest,
    '--remote',
    `ssh://${server.user}@127.0.0.1:${server.port}`,
    '--ssh-key',
    server.clientKey,
    '--ssh-known-hosts',
    server.knownHosts,
    '--data-dir',
    dataDir,
  ];
}

// Read through the interpreter's registry, certificate, Credential Manager and event-log ops: Windows only.
const WINDOWS_ONLY = ['udp-transport', 'certificates', 'saved-host-entry', 'saved-credentials', 'event-logs'];

// Without sshd or the pinned pwsh the suite says it did not run, and fails: it never counts as passed.
if (missing !== undefined) {
  it(`did not run: needs ${missing}`, () => {
    throw new Error(`did not run: needs ${missing}`);
  });
}

describe.runIf(missing === undefined)('rdp-repair --remote ssh:// (real sshd + pwsh)', () => {
  beforeAll(async () => {
    server = await startSshServer();
    dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-remote-cli-'));
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  it('scan checks that computer through remoting: --json names it, Windows-only checks are not known', async () => {
    const closed = await freePort();
    const run = await cli(...remote('scan', '--host', `127.0.0.1:${closed}`, '--json'));
    const json = JSON.parse(run.stdout) as {
      remote: unknown;
      machine: string;
      repairs: Record<string, { status: string }>;
      stats: { roundTrips: number };
    };
    expect(json.remote).toEqual({ via: 'ssh', computer: `127.0.0.1:${server.port}` });
    expect(json.machine).toMatch(/over PowerShell remoting \(SSH\)$/);
    for (const id of WINDOWS_ONLY) expect(json.repairs[id]?.status, id).toBe('unknown');
    expect(json.stats.roundTrips).toBe(1);
    expect(run.stderr).toContain(join(dataDir, 'remote', `ssh-127.0.0.1_${server.port}`));
  }, 120_000);

  // The interpreter answers "no products" only for a missing SecurityCenter2 (Windows Server); no CIM at all
  // (a Linux remote) is an op error, so the check says it could not tell.
  it('security-software is not known either on a Linux remote', async () => {
    const run = await cli(...remote('scan', '--host', `127.0.0.1:${await freePort()}`, '--json'));
    const json = JSON.parse(run.stdout) as { repairs: Record<string, { status: string }> };
    expect(json.repairs['security-software']?.status).toBe('unknown');
  }, 120_000);

  it('fix plans nothing it cannot see, and undo reconnects and finds the journal of that computer only', async () => {
    const closed = await freePort();
    const fix = await cli(...remote('fix', '--host', `127.0.0.1:${closed}`, '--json'));
    expect(JSON.parse(fix.stdout)).toMatchObject({ outcome: 'nothing-to-do', remote: { via: 'ssh' } });
    const undo = await cli(...remote('undo'));
    expect(undo.stderr).toContain('There is no run to undo');
    expect(existsSync(join(dataDir, 'remote', `ssh-127.0.0.1_${server.port}`))).toBe(true);
  }, 180_000);

  it('a refused key is one sentence on stderr and exit 2, nothing checked', async () => {
    const run = await cli(
      'scan',
      '--host',
      '127.0.0.1',
      '--remote',
      `ssh://${server.user}@127.0.0.1:${server.port}`,
      '--ssh-key',
      server.wrongKey,
      '--ssh-known-hosts',
      server.knownHosts,
      '--data-dir',
      dataDir,
      '--json',
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `127.0.0.1 refused the account ${server.user} with the key ${server.wrongKey} (access denied); add its public key to that account's authorized_keys there, or give the right key with --ssh-key.`,
    ]);
  }, 120_000);
});
