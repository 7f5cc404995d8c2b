import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FleetScanRow } from '../../hosts/cli/fleet-scan.js';
import { cli } from '../cli/cli-harness.js';
import { type SshServer, sshMissing, startSshServer } from './ssh-server.js';

/*
 * `rdp-repair scan --hosts-file FILE --remote-via ssh` (issue 26, point 4) against the real sshd with pwsh as its
 * subsystem on loopback: one result per computer, the reachable one checked as the computer others connect to
 * (a Linux remote, so its Windows-only checks are not known, never fine), each unreachable one the remote port's
 * one sentence; nothing fixed, and exit 1 since not every computer is fine.
 */

const missing = sshMissing();
let server: SshServer;
let folder: string;

if (missing !== undefined) {
  it(`did not run: needs ${missing}`, () => {
    throw new Error(`did not run: needs ${missing}`);
  });
}

describe.runIf(missing === undefined)(
  'rdp-repair scan --hosts-file --remote-via ssh (real sshd + pwsh)',
  () => {
    beforeAll(async () => {
      server = await startSshServer();
      folder = mkdtempSync(join(tmpdir(), 'rdp-repair-fleet-scan-'));
    }, 60_000);

    afterAll(async () => {
      await server?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
    }, 60_000);

    it('checks each computer over remoting, one result each, worst first, nothing fixed', async () => {
      const hostsFile = join(folder, 'hosts.txt');
      writeFileSync(hostsFile, '# the fleet\n127.0.0.1\nnohost.invalid\n127.0.0.1:3390\n');
      const run = await cli(
        'scan',
        '--hosts-file',
        hostsFile,
        '--remote-via',
        'ssh',
        '--remote-port',
        String(server.port),
        '--ssh-user',
        server.user,
        '--ssh-key',
        server.clientKey,
        '--ssh-known-hosts',
        server.knownHosts,
        '--data-dir',
        folder,
        '--json',
      );
      expect(run.code, run.stderr).toBe(1);
      const rows = JSON.parse(run.stdout) as FleetScanRow[];
      // 127.0.0.1 twice in the file (Remote Desktop ports differ) is one computer for remoting.
      expect(rows.map((row) => row.host).sort()).toEqual(['127.0.0.1', 'nohost.invalid']);
      const reached = rows.find((row) => row.host === '127.0.0.1');
      expect(reached).toMatchObject({
        reached: true,
        remote: { via: 'ssh', computer: `127.0.0.1:${server.port}` },
      });
      // A Linux remote cannot answer the Windows reads: could not check, never "fine".
      expect(reached?.verdict.side).not.toBe('none');
      expect(reached?.unknown).toBeGreaterThan(0);
      const unreachable = rows.find((row) => row.host === 'nohost.invalid');
      expect(unreachable?.reached).toBe(false);
      expect(unreachable?.verdict.summary).toMatch(
        /^Nothing accepts connections on port \d+ of nohost\.invalid/,
      );
      for (const row of rows) expect(row.verdict.summary).not.toContain('\n');
    }, 180_000);

    it('a key the computers refuse is that computer’s one sentence, as text, one line per computer', async () => {
      const hostsFile = join(folder, 'one.txt');
      writeFileSync(hostsFile, '127.0.0.1\n');
      const run = await cli(
        'scan',
        '--hosts-file',
        hostsFile,
        '--remote-via',
        'ssh',
        '--remote-port',
        String(server.port),
        '--ssh-user',
        server.user,
        '--ssh-key',
        server.wrongKey,
        '--ssh-known-hosts',
        server.knownHosts,
        '--data-dir',
        folder,
      );
      expect(run.code).toBe(1);
      expect(run.stdout.trim().split('\n')).toEqual([
        `127.0.0.1:${server.port}: not reached: 127.0.0.1 refused the account ${server.user} with the key ${server.wrongKey} (access denied); add its public key to that account's authorized_keys there, or give the right key with --ssh-key.`,
      ]);
    }, 120_000);
  },
);
