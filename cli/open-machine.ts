import type { MachinePort } from '../machine/port.js';
import { openFileBackedMachine } from '../machine/simulated/file-backed-machine.js';

/** The simulated machine in FILE, or (not yet on this build) the real Windows machine. */
export function openMachine(simulate: string | undefined): MachinePort {
  if (simulate !== undefined) return openFileBackedMachine(simulate);
  if (process.platform !== 'win32') {
    throw new Error(
      'There is no Windows here to repair: use --simulate FILE to run against a simulated machine (samples are in machines/).',
    );
  }
  throw new Error(
    'This build cannot drive Windows PowerShell yet: use --simulate FILE to run against a simulated machine.',
  );
}
