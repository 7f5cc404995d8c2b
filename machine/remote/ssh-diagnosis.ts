import { execFile } from 'node:child_process';
import type { SshTarget } from './remote-target.js';
import { closedPortSentence, remotingPorts } from './remoting-ports.js';

/*
 * When New-PSSession over SSH fails, PowerShell says only that "the SSH transport process has abruptly
 * terminated". This asks the same OpenSSH client the way PowerShell runs it (same key, same known-hosts file,
 * strict checking, no prompts) and turns its answer into one sentence: port closed, key refused, host key unknown.
 */

const MAX_OUTPUT = 64 * 1024;

function runTool(
  file: string,
  args: readonly string[],
  input?: string,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      file,
      [...args],
      { timeout: 20_000, maxBuffer: MAX_OUTPUT },
      (_error, stdout, stderr) => resolve({ stdout: String(stdout ?? ''), stderr: String(stderr ?? '') }),
    );
    if (input !== undefined) child.stdin?.end(input);
    else child.stdin?.end();
  });
}

function sshOptions(target: SshTarget): string[] {
  return [
    '-o',
    'BatchMode=yes',
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    'IdentitiesOnly=yes',
    '-o',
    'ConnectTimeout=10',
    ...(target.knownHostsFile ? ['-o', `UserKnownHostsFile=${target.knownHostsFile}`] : []),
    '-i',
    target.keyFile,
    '-p',
    String(target.port),
    '-l',
    target.user,
  ];
}

/** The host key's SHA256 fingerprint and type as the server offers it now, or undefined. */
export async function hostKeyFingerprint(host: string, port: number): Promise<string | undefined> {
  const scan = await runTool('ssh-keyscan', ['-p', String(port), '-T', '5', '-t', 'ed25519,ecdsa,rsa', host]);
  const lines = scan.stdout
    .split('\n')
    .filter((l) => l.length > 0 && !l.startsWith('#'))
    .slice(0, 8);
  if (lines.length === 0) return undefined;
  const listed = await runTool('ssh-keygen', ['-l', '-f', '-'], `${lines.join('\n')}\n`);
  const match = /(SHA256:[A-Za-z0-9+/=]{20,64})[^\n]*?\((\w{2,16})\)/.exec(listed.stdout);
  return match ? `${match[1]} (${match[2]})` : undefined;
}

function unknownKeySentence(target: SshTarget, fingerprint: string | undefined, changed: boolean): string {
  const file = target.knownHostsFile ?? '~/.ssh/known_hosts';
  const name = target.port === 22 ? target.host : `[${target.host}]:${target.port}`;
  const what = changed ? 'is not the one recorded for it in' : 'is not in';
  const scan = `ssh-keyscan -p ${target.port} ${target.host} >> ${file}`;
  return `The SSH host key of ${name}${fingerprint ? `, ${fingerprint},` : ''} ${what} ${file}, so the connection was refused; if that computer's administrator confirms this fingerprint (ssh-keygen -lf on its host key), trust it with: ${scan}`;
}

/** One sentence for a failed SSH remoting session, or undefined when the client gives no known reason. */
export async function diagnoseSsh(target: SshTarget): Promise<string | undefined> {
  const ports = await remotingPorts(target.host, target.port);
  if (ports.asked.state === 'closed') return closedPortSentence(target.host, ports);
  const probe = await runTool('ssh', [...sshOptions(target), target.host, '-s', 'powershell']);
  const said = probe.stderr.slice(0, 8192);
  const changed = /REMOTE HOST IDENTIFICATION HAS CHANGED/.test(said);
  if (changed || /Host key verification failed|host key is known/i.test(said)) {
    return unknownKeySentence(target, await hostKeyFingerprint(target.host, target.port), changed);
  }
  if (/Permission denied/.test(said)) {
    return `${target.host} refused the account ${target.user} with the key ${target.keyFile} (access denied); add its public key to that account's authorized_keys there, or give the right key with --ssh-key.`;
  }
  if (/Load key|invalid format|No such file/i.test(said)) {
    return `The SSH key ${target.keyFile} could not be used (missing, unreadable or protected by a passphrase, which cannot be asked here).`;
  }
  if (/subsystem request failed/i.test(said)) {
    return `${target.host} accepts SSH but has no PowerShell subsystem; add "Subsystem powershell <path to pwsh> -sshs -NoLogo -NoProfile" to its sshd_config.`;
  }
  return undefined;
}
