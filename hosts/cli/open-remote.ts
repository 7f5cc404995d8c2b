import { resolve } from 'node:path';
import type { RemoteTarget } from '../../machine/remote/remote-target.js';
import { closedPortSentence, remotingPorts } from '../../machine/remote/remoting-ports.js';
import type { RemoteRequest } from './remote-options.js';

/*
 * `--remote`: the machine is another computer, reached through PowerShell remoting from this PC's PowerShell.
 * Here the options become a target (the password asked for once the ports answer); the composition root
 * connects to it and keeps the journal and the apply lock on this PC, in a folder named after that computer,
 * so `undo` and `recover` with the same --remote find its runs (and only its runs) and reconnect.
 */

export interface RemotePrompt {
  /** Asks for a password without echo; undefined when nobody can answer (no interactive terminal). */
  password?: (question: string) => Promise<string>;
}

/** The remote computer `--remote` names, with the password `--credential` asks for. */
export async function remoteTarget(request: RemoteRequest, prompt: RemotePrompt): Promise<RemoteTarget> {
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

/** `--json` names the remote computer and how it was reached: `remote: { via, computer }`. */
export function withRemote(
  json: Record<string, unknown>,
  remote: { via: 'ssh' | 'winrm'; computer: string } | undefined,
): Record<string, unknown> {
  return remote ? { ...json, remote: { via: remote.via, computer: remote.computer } } : json;
}
