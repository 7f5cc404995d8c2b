import type { MachinePort } from '../machine/port.js';
import { openFileBackedMachine } from '../machine/simulated/file-backed-machine.js';

export interface OpenedMachine {
  port: MachinePort;
  /** The clock the engine diagnoses with: a simulated machine may pin its own. */
  now: () => Date;
}

/** The simulated machine in FILE, or (not yet on this build) the real Windows machine. */
export function openMachine(simulate: string | undefined): OpenedMachine {
  if (simulate !== undefined) {
    const machine = openFileBackedMachine(simulate);
    return { port: machine, now: () => machine.now() };
  }
  if (process.platform !== 'win32') {
    throw new Error(
      'There is no Windows here to repair: use --simulate FILE to run against a simulated machine (samples are in machines/).',
    );
  }
  throw new Error(
    'This build cannot drive Windows PowerShell yet: use --simulate FILE to run against a simulated machine.',
  );
}
