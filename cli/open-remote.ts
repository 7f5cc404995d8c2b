import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INTERPRETER_MODULE_FILE, INTERPRETER_MODULE_SHA256 } from '../machine/powershell/module-hashes.js';
import { createNodePowerShellSession } from '../machine/powershell/powershell-processes.js';
import { WINDOWS_POWERSHELL } from '../machine/powershell/windows-powershell-path.js';
import { createRemoteMachine } from '../machine/remote/remote-machine.js';
import type { RemoteTarget } from '../machine/remote/remote-target.js';
import { remoteComputer } from '../machine/remote/remote-target.js';
import { closedPortSentence, remotingPorts } from '../machine/remote/remoting-ports.js';
import { diagnoseSsh } from '../machine/remote/ssh-diagnosis.js';
import { realNetwork } from '../network/handshake-probe.js';
import type { OpenedMachine } from './open-machine.js';
import type { RemoteRequest } from './remote-options.js';

/*
 * `--remote`: the machine is another computer, reached through PowerShell remoting from this PC's PowerShell.
 * The journal and the apply lock stay on this PC, in a folder named after that computer, so `undo` and
 * `recover` with the same --remote find its runs (and only its runs) and reconnect to apply the inverses.
 */

function packageRoots(): string[] {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, '..', '..'), join(here, '..')];
}

function interpreterModule(): string {
  const found = packageRoots()
    .map((root) => join(root, 'machine', 'powershell', INTERPRETER_MODULE_FILE))
    .find((file) => existsSync(file));
  if (found === undefined)
    throw new Error('The PowerShell interpreter module is missing from this installation.');
  return found;
}

/**
 * This PC's PowerShell, the remoting client: PowerShell 7 for SSH (Windows PowerShell 5.1 has no SSH
 * transport), Windows PowerShell by absolute path for WinRM on Windows; the project's pinned pwsh when present.
 */
function localPowerShell(via: RemoteTarget['via']): string {
  const pinned = packageRoots()
    .map((root) => join(root, '.tools', 'pwsh', process.platform === 'win32' ? 'pwsh.exe' : 'pwsh'))
    .find((file) => existsSync(file));
  if (pinned) return pinned;
  if (via === 'winrm' && process.platform === 'win32') return WINDOWS_POWERSHELL;
  return 'pwsh';
}

/** The data folder of one remote computer under this PC's data folder. */
export function remoteDataDir(dataDir: string, via: RemoteTarget['via'], computer: string): string {
  return join(dataDir, 'remote', `${via}-${computer.replace(/[^A-Za-z0-9.-]/g, '_')}`);
}

export interface RemotePrompt {
  /** Asks for a password without echo; undefined when nobody can answer (no interactive terminal). */
  password?: (question: string) => Promise<string>;
}

async function targetOf(request: RemoteRequest, prompt: RemotePrompt): Promise<RemoteTarget> {
  const { url } = request;
  if (url.via === 'ssh') {
    return {
      via: 'ssh',
      user: url.user,
      host: url.host,
      port: url.port,
      keyFile: resolve(request.sshKey ?? ''),
      ...(request.sshKnownHosts ? { knownHostsFile: resolve(request.sshKnownHosts) } : {}),
    };
  }
  const base = { via: 'winrm' as const, host: url.host, port: url.port, useSsl: url.useSsl };
  if (request.credentialUser === undefined) return base;
  // The ports first, in one round: a closed port is said before anyone types a password.
  const ports = await remotingPorts(url.host, url.port);
  if (ports.asked.state === 'closed') throw new Error(closedPortSentence(url.host, ports));
  if (!prompt.password) {
    throw new Error('--credential asks for the password on an interactive terminal, and there is none here.');
  }
  const password = await prompt.password(`Password for ${request.credentialUser} on ${url.host}: `);
  return { ...base, credential: { user: request.credentialUser, password } };
}

export async function openRemote(
  request: RemoteRequest,
  dataDir: string,
  prompt: RemotePrompt,
): Promise<{ opened: OpenedMachine; dataDir: string }> {
  const target = await targetOf(request, prompt);
  const computer = remoteComputer(target);
  const folder = remoteDataDir(dataDir, target.via, computer);
  const port = createRemoteMachine({
    target,
    modulePath: interpreterModule(),
    moduleSha256: INTERPRETER_MODULE_SHA256,
    createSession: () => createNodePowerShellSession(localPowerShell(target.via)),
    diagnose: (t) => (t.via === 'ssh' ? diagnoseSsh(t) : Promise.resolve(undefined)),
  });
  // Connected before anything else: a refused key or an unknown host key is the command's one sentence.
  const refusal = await port.connect();
  if (refusal !== undefined) {
    await port.close?.();
    throw new Error(refusal);
  }
  return {
    opened: {
      port,
      network: realNetwork,
      now: () => new Date(),
      lockFile: join(folder, 'apply.lock'),
      notice: `Working on ${computer} through PowerShell remoting (${target.via === 'ssh' ? 'SSH' : 'WinRM'}); its journal is kept here in ${folder}.`,
    },
    dataDir: folder,
  };
}

/** `--json` names the remote computer and how it was reached: `remote: { via, computer }`. */
export function withRemote(
  json: Record<string, unknown>,
  remote: { via: 'ssh' | 'winrm'; computer: string } | undefined,
): Record<string, unknown> {
  return remote ? { ...json, remote: { via: remote.via, computer: remote.computer } } : json;
}
