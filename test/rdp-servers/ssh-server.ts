import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort, waitForListening } from './servers.js';

/*
 * Debian's OpenSSH server with PowerShell as its `powershell` subsystem, on a loopback port, with throwaway
 * keys: the real counterpart of the remote machine port over SSH. Readiness is waited for by connecting.
 */

export const SSHD = '/usr/sbin/sshd';
export const PINNED_PWSH = resolve('.tools/pwsh/pwsh');

export interface SshServer {
  port: number;
  user: string;
  folder: string;
  /** A key the server accepts, and one it does not. */
  clientKey: string;
  wrongKey: string;
  /** A known-hosts file naming this server's host key, and one that names nothing. */
  knownHosts: string;
  emptyKnownHosts: string;
  /** `SHA256:…`, as ssh-keygen -l prints it. */
  hostKeyFingerprint: string;
  stop(): Promise<void>;
}

export function sshMissing(): string | undefined {
  if (!existsSync(SSHD)) return 'openssh-server (apt-get install openssh-server)';
  if (!existsSync(PINNED_PWSH)) return 'the pinned pwsh (npm run setup:powershell)';
  return undefined;
}

function keygen(file: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'rdp-repair-test', '-f', file]);
}

function sshdConfig(folder: string, port: number): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(folder, 'host_key')}`,
    `AuthorizedKeysFile ${join(folder, 'authorized_keys')}`,
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'StrictModes no',
    `PidFile ${join(folder, 'sshd.pid')}`,
    `Subsystem powershell ${PINNED_PWSH} -sshs -NoLogo -NoProfile`,
    '',
  ].join('\n');
}

function stopper(child: ChildProcess, folder: string): () => Promise<void> {
  return async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    rmSync(folder, { recursive: true, force: true });
  };
}

export async function startSshServer(): Promise<SshServer> {
  const folder = mkdtempSync(join(tmpdir(), 'rdp-repair-sshd-'));
  for (const name of ['host_key', 'client_key', 'wrong_key']) keygen(join(folder, name));
  writeFileSync(join(folder, 'authorized_keys'), readFileSync(join(folder, 'client_key.pub')));
  const port = await freePort();
  const hostKey = readFileSync(join(folder, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ');
  writeFileSync(join(folder, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  writeFileSync(join(folder, 'empty_known_hosts'), '');
  writeFileSync(join(folder, 'sshd_config'), sshdConfig(folder, port));
  mkdirSync('/run/sshd', { recursive: true });
  const child = spawn(SSHD, ['-f', join(folder, 'sshd_config'), '-D', '-e'], { stdio: 'ignore' });
  await waitForListening(port, child);
  const fingerprint = execFileSync('ssh-keygen', ['-l', '-f', join(folder, 'host_key.pub')], {
    encoding: 'utf8',
  });
  return {
    port,
    user: execFileSync('id', ['-un'], { encoding: 'utf8' }).trim(),
    folder,
    clientKey: join(folder, 'client_key'),
    wrongKey: join(folder, 'wrong_key'),
    knownHosts: join(folder, 'known_hosts'),
    emptyKnownHosts: join(folder, 'empty_known_hosts'),
    hostKeyFingerprint: /SHA256:\S+/.exec(fingerprint)?.[0] ?? '',
    stop: stopper(child, folder),
  };
}
