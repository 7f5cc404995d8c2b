import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { RemoteSession } from '../engine/ipc-handlers-remote.js';
import { type BatchLogger, loggingPort } from '../machine/logging-port.js';
import type { MachinePort } from '../machine/port.js';
import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import {
  type RemoteTarget,
  remoteComputer,
  SSH_PORT,
  WINRM_HTTP_PORT,
  WINRM_HTTPS_PORT,
} from '../machine/remote/remote-target.js';
import {
  type SimulatedRemotingHost,
  simulatedRemoteMachine,
  simulatedRemotingRefusal,
} from '../machine/remote/simulated-endpoint.js';
import { loadMachineFile } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import { realNetwork } from '../network/handshake-probe.js';
import type { NetworkPort } from '../network/port.js';
import { parseHostTarget } from '../shared/host-name.js';
import type { RemoteOpenRequest } from '../shared/ipc.js';
import { connectRemote, remoteDataDir } from './composition-root.js';

/*
 * The composition root's second half for the app (issue 26): "Check and fix it from here" opens another
 * computer's world while the app runs, beside this PC's: the remote port (or, in the demo, the simulated
 * remoting endpoint), with the journal and the lock on this PC in remote/<via>-<computer>, the folder the
 * command line's --remote uses (remoteDataDir), so the app and `rdp-repair --remote` see the same runs.
 */

/** How the host reaches the remote computer: the real remote port, or the demo's simulated endpoint. */
export type RemoteEndpoint =
  | {
      kind: 'powershell';
      /** The interpreter module's folder (packaged: resources/powershell). */
      interpreterFolder: string;
      /** Where the pinned pwsh may be (.tools/pwsh), else PowerShell from the system. */
      packageRoot: string;
      /** Every batch to the app's log. */
      log?: BatchLogger;
    }
  | {
      kind: 'simulated';
      /** What the simulated network of this PC knows: the computers and their open TCP ports. */
      hosts: () => Readonly<Record<string, SimulatedRemotingHost>>;
      /** The simulated remote computer itself. */
      machineFile: string;
      /** This PC's simulated network and clock (the handshake still goes from this PC). */
      network: NetworkPort;
      now: () => Date;
    };

export interface RemoteWorldOptions {
  /** This PC's data folder. */
  dataDir: string;
  endpoint: RemoteEndpoint;
}

/** The target the request names: NAME[:PORT] with the standard remoting port when none is given. */
export function remoteTargetOf(request: RemoteOpenRequest, keyFile: string | undefined): RemoteTarget {
  const parsed = parseHostTarget(request.computer);
  if (!parsed.ok) throw new Error(parsed.message);
  const { host, port } = parsed.target;
  if (request.via === 'ssh') {
    return { via: 'ssh', user: request.user, host, port: port ?? SSH_PORT, keyFile: keyFile ?? '' };
  }
  const winrmPort = port ?? WINRM_HTTP_PORT;
  return {
    via: 'winrm',
    host,
    port: winrmPort,
    useSsl: winrmPort === WINRM_HTTPS_PORT,
    // Without a password: this PC's own sign-in (Kerberos in a domain).
    ...(request.password ? { credential: { user: request.user, password: request.password } } : {}),
  };
}

async function endpointMachine(
  endpoint: RemoteEndpoint,
  target: RemoteTarget,
): Promise<{ port: MachinePort; raw: MachinePort; network: NetworkPort; now: () => Date } | string> {
  if (endpoint.kind === 'simulated') {
    const refusal = simulatedRemotingRefusal(target, endpoint.hosts());
    if (refusal !== undefined) return refusal;
    const machine = new SimulatedMachine(loadMachineFile(endpoint.machineFile));
    const port = simulatedRemoteMachine(target, machine);
    return { port, raw: port, network: endpoint.network, now: endpoint.now };
  }
  const port = await connectRemote(target, endpoint.interpreterFolder, endpoint.packageRoot);
  if (typeof port === 'string') return port;
  const logged = endpoint.log ? loggingPort(port, endpoint.log) : port;
  return { port: logged, raw: port, network: realNetwork, now: () => new Date() };
}

/** Opens the remote computer's world for a second engine, or the one sentence why it could not be opened. */
export async function openRemoteSession(
  options: RemoteWorldOptions,
  request: RemoteOpenRequest,
  keyFile: string | undefined,
): Promise<RemoteSession | string> {
  const target = remoteTargetOf(request, keyFile);
  const opened = await endpointMachine(options.endpoint, target);
  if (typeof opened === 'string') return opened;
  const computer = remoteComputer(target);
  const dataDir = remoteDataDir(options.dataDir, target.via, computer);
  mkdirSync(dataDir, { recursive: true });
  return {
    machine: opened.port,
    network: opened.network,
    now: opened.now,
    dataDir,
    lockFile: join(dataDir, 'apply.lock'),
    preview: powershellPreview,
    remote: { via: target.via, computer },
    label: opened.port.label,
    // The port itself, not the log's wrapper: closing ends the PSSession there.
    close: async () => {
      await opened.raw.close?.();
    },
  };
}
