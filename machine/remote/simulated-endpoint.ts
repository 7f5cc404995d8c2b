import type { Op, OpResult } from '../../shared/ops.js';
import type { MachinePort, RunOptions } from '../port.js';
import {
  type RemoteTarget,
  remoteComputer,
  SSH_PORT,
  WINRM_HTTP_PORT,
  WINRM_HTTPS_PORT,
} from './remote-target.js';
import { closedPortSentence, type PortState, type RemotingPorts } from './remoting-ports.js';

/*
 * The demo's remoting endpoint (issue 26): the remote computer of a simulated network, reached "through
 * PowerShell remoting" by a simulated machine of its own. It refuses as the real port does, with the same
 * sentences (remoting-ports.ts): a computer the simulated network does not know, or whose remoting port is not
 * among its open ports, is the closed-port sentence naming the other way in. Once open it answers as the remote
 * port's machine does: `kind`, `label` and `remote` alike (simulated-endpoint.test.ts holds them to it), the
 * batches run by the simulated machine behind it.
 */

/** What the simulated network says about one computer: the TCP ports that accept connections there. */
export interface SimulatedRemotingHost {
  openTcpPorts?: readonly number[];
}

/** The remoting ports of `target` as the simulated network answers them, in the real port's shape. */
export function simulatedRemotingPorts(
  target: Pick<RemoteTarget, 'host' | 'port'>,
  hosts: Readonly<Record<string, SimulatedRemotingHost>>,
): RemotingPorts {
  const known = Object.entries(hosts).find(([name]) => name.toLowerCase() === target.host.toLowerCase());
  const open = new Set(known?.[1].openTcpPorts ?? []);
  const state = (port: number): PortState => (open.has(port) ? 'open' : 'closed');
  const others = [SSH_PORT, WINRM_HTTP_PORT, WINRM_HTTPS_PORT].filter((p) => p !== target.port);
  return {
    asked: { port: target.port, state: state(target.port) },
    others: others.map((port) => ({ port, state: state(port) })),
  };
}

/** Why the simulated endpoint does not open, in the real port's words, or undefined when it opens. */
export function simulatedRemotingRefusal(
  target: RemoteTarget,
  hosts: Readonly<Record<string, SimulatedRemotingHost>>,
): string | undefined {
  const ports = simulatedRemotingPorts(target, hosts);
  if (ports.asked.state === 'closed') return closedPortSentence(target.host, ports);
  return undefined;
}

/** The label the remote port gives its machine (remote-machine.ts), for the simulated one too. */
export function remoteMachineLabel(target: RemoteTarget): string {
  return `${remoteComputer(target)} over PowerShell remoting (${target.via === 'ssh' ? 'SSH' : 'WinRM'})`;
}

/** The simulated machine of the remote computer, as the remote port shows it. */
export function simulatedRemoteMachine(
  target: RemoteTarget,
  machine: MachinePort,
): MachinePort & { readonly remote: { via: 'ssh' | 'winrm'; computer: string } } {
  return {
    kind: machine.kind,
    label: `${remoteMachineLabel(target)}, simulated`,
    remote: { via: target.via, computer: remoteComputer(target) },
    run: (ops: readonly Op[], options: RunOptions): Promise<OpResult[]> => machine.run(ops, options),
  };
}
