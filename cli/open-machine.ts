import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withRealNetwork } from '../engine/real-network-machine.js';
import type { MachinePort } from '../machine/port.js';
import { INTERPRETER_MODULE_FILE } from '../machine/powershell/module-hashes.js';
import { createWindowsMachine } from '../machine/powershell/powershell-processes.js';
import { openFileBackedMachine } from '../machine/simulated/file-backed-machine.js';
import { realNetwork } from '../network/handshake-probe.js';
import type { NetworkPort } from '../network/port.js';
import { simulatedNetwork } from '../network/simulated-network.js';

// The interpreter ships in the package's machine/powershell folder; the CLI runs from dist/cli (bundled) or cli/ (tsx).
function interpreterFolder(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', '..'), join(here, '..')].map((root) =>
    join(root, 'machine', 'powershell'),
  );
  const found = candidates.find((folder) => existsSync(join(folder, INTERPRETER_MODULE_FILE)));
  if (found === undefined)
    throw new Error('The PowerShell interpreter module is missing from this installation.');
  return found;
}

export interface OpenedMachine {
  port: MachinePort;
  /** The handshake with the remote computer: simulated with a simulated machine, unless realNetwork. */
  network: NetworkPort;
  /** The clock the engine diagnoses with: a simulated machine may pin its own. */
  now: () => Date;
}

/**
 * The simulated machine in FILE, or on Windows the real machine through PowerShell. A simulated machine keeps
 * the whole world simulated (nothing leaves this computer for a host the file does not describe) unless
 * `realNetwork`: then its network checks go to the real network.
 */
export function openMachine(simulate: string | undefined, realNetworkWanted = false): OpenedMachine {
  if (simulate !== undefined) {
    const machine = openFileBackedMachine(simulate);
    if (realNetworkWanted)
      return { port: withRealNetwork(machine), network: realNetwork, now: () => machine.now() };
    return {
      port: machine,
      network: simulatedNetwork(
        () => machine.snapshot().network.hosts,
        () => machine.now(),
      ),
      now: () => machine.now(),
    };
  }
  if (process.platform !== 'win32') {
    throw new Error(
      'There is no Windows here to repair: use --simulate FILE to run against a simulated machine (samples are in machines/).',
    );
  }
  return { port: createWindowsMachine(interpreterFolder()), network: realNetwork, now: () => new Date() };
}
