import { Socket } from 'node:net';
import { SSH_PORT, WINRM_HTTP_PORT, WINRM_HTTPS_PORT } from './remote-target.js';

/*
 * Which PowerShell remoting ports of a computer accept TCP, all asked in one round, before anything signs in:
 * a closed port is said before anyone types a password, with the other way in when one answers.
 */

export type PortState = 'open' | 'closed';

export function tcpState(host: string, port: number, timeoutMs = 3_000): Promise<PortState> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (state: PortState) => {
      socket.destroy();
      resolve(state);
    };
    socket.setTimeout(timeoutMs, () => done('closed'));
    socket.once('connect', () => done('open'));
    socket.once('error', () => done('closed'));
    socket.connect(port, host);
  });
}

export interface RemotingPorts {
  /** The port asked for (ssh://…:P or winrm://…:P). */
  asked: { port: number; state: PortState };
  /** The standard remoting ports other than the one asked, with their state. */
  others: { port: number; state: PortState }[];
}

export async function remotingPorts(
  host: string,
  askedPort: number,
  timeoutMs?: number,
): Promise<RemotingPorts> {
  const ports = [askedPort, ...[SSH_PORT, WINRM_HTTP_PORT, WINRM_HTTPS_PORT].filter((p) => p !== askedPort)];
  const states = await Promise.all(ports.map((port) => tcpState(host, port, timeoutMs)));
  const [asked, ...others] = ports.map((port, i) => ({ port, state: states[i] ?? ('closed' as const) }));
  return { asked: asked ?? { port: askedPort, state: 'closed' }, others };
}

function portName(port: number): string {
  if (port === SSH_PORT) return `${port} (SSH)`;
  if (port === WINRM_HTTP_PORT) return `${port} (WinRM)`;
  if (port === WINRM_HTTPS_PORT) return `${port} (WinRM over HTTPS)`;
  return String(port);
}

/** The one sentence for a closed remoting port, naming any other remoting port that does answer. */
export function closedPortSentence(host: string, ports: RemotingPorts): string {
  const open = ports.others.filter((p) => p.state === 'open').map((p) => portName(p.port));
  const elsewhere =
    open.length > 0
      ? `; port ${open.join(' and ')} answers, so try that way in`
      : '; none of 22, 5985 and 5986 answers either, so PowerShell remoting is not reachable there';
  return `Nothing accepts connections on port ${portName(ports.asked.port)} of ${host}${elsewhere} (nothing was signed in to).`;
}
