import { copyFileSync, existsSync, mkdirSync, realpathSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineLockFile } from '../engine/data-dir.js';
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

/** The shipped sample machines (machines/ beside the package), or undefined when there are none here. */
function samplesFolder(): string | undefined {
  const here = dirname(fileURLToPath(import.meta.url));
  return [join(here, '..', '..', 'machines'), join(here, '..', 'machines')].find((f) => existsSync(f));
}

/**
 * A shipped sample is never changed: the CLI works on a copy in the data folder (made once, then reused, so
 * fix, undo and recover see the same machine). Any other machine file is changed in place, as documented.
 */
function machineFileToOpen(simulate: string, dataDir: string): { path: string; notice?: string } {
  const samples = samplesFolder();
  const wanted = resolve(simulate);
  if (!samples || !existsSync(wanted)) return { path: simulate };
  const inside = relative(realpathSync(samples), realpathSync(wanted));
  if (inside.startsWith('..') || inside.includes(sep)) return { path: simulate };
  const copy = join(dataDir, 'simulated', basename(wanted));
  if (!existsSync(copy)) {
    mkdirSync(dirname(copy), { recursive: true });
    copyFileSync(wanted, copy);
  }
  return {
    path: copy,
    notice: `Working on a copy of the sample ${basename(wanted)} in ${copy}; the shipped sample stays as it is (delete the copy to start over).`,
  };
}

export interface OpenedMachine {
  port: MachinePort;
  /** The handshake with the remote computer: simulated with a simulated machine, unless realNetwork. */
  network: NetworkPort;
  /** The clock the engine diagnoses with: a simulated machine may pin its own. */
  now: () => Date;
  /** Said once on stderr: e.g. that a shipped sample is worked on as a copy. */
  notice?: string;
  /** The machine's one apply lock, whatever data folder a run uses. */
  lockFile: string;
}

/**
 * The simulated machine in FILE, or on Windows the real machine through PowerShell. A simulated machine keeps
 * the whole world simulated (nothing leaves this computer for a host the file does not describe) unless
 * `realNetwork`: then its network checks go to the real network.
 */
export function openMachine(
  simulate: string | undefined,
  realNetworkWanted: boolean,
  dataDir: string,
): OpenedMachine {
  if (simulate !== undefined) {
    const file = machineFileToOpen(simulate, dataDir);
    const machine = openFileBackedMachine(file.path);
    const notice = file.notice ? { notice: file.notice } : {};
    // Beside the machine file: every run on this simulated machine, from any data folder, takes the same lock.
    const lockFile = `${file.path}.lock`;
    if (realNetworkWanted)
      return {
        port: withRealNetwork(machine),
        network: realNetwork,
        now: () => machine.now(),
        lockFile,
        ...notice,
      };
    const network = simulatedNetwork(
      () => machine.snapshot().network.hosts,
      () => machine.now(),
      () => machine.snapshot().simulation.handshakeDelayMs,
    );
    return { port: machine, network, now: () => machine.now(), lockFile, ...notice };
  }
  if (process.platform !== 'win32') {
    throw new Error(
      'There is no Windows here to repair: use --simulate FILE to run against a simulated machine (samples are in machines/).',
    );
  }
  return {
    port: createWindowsMachine(interpreterFolder()),
    network: realNetwork,
    now: () => new Date(),
    lockFile: machineLockFile(),
  };
}
