import { loadMachineFile, saveMachineFile } from './machine-file.js';
import { SimulatedMachine, type SimulatedMachineOptions } from './simulated-machine.js';

/** A simulated machine that keeps its changes in its file, as a real machine keeps them on disk. */
export class FileBackedMachine extends SimulatedMachine {
  constructor(
    readonly path: string,
    options: SimulatedMachineOptions = {},
  ) {
    super(loadMachineFile(path), { label: `Simulated machine: ${path}`, ...options });
  }

  protected override persist(): void {
    saveMachineFile(this.path, this.snapshot());
  }
}

function killAfterWriteFromEnv(): number | undefined {
  const raw = process.env.RDP_REPAIR_SIM_KILL_AFTER_WRITE;
  if (raw === undefined || raw === '') return undefined;
  if (!/^[1-9]\d*$/.test(raw)) {
    throw new Error(`RDP_REPAIR_SIM_KILL_AFTER_WRITE must be a positive whole number, not "${raw}".`);
  }
  return Number(raw);
}

/**
 * Loads the machine file (throws MachineFileError when it is malformed) and saves the machine back to it
 * after every write op. `RDP_REPAIR_SIM_KILL_AFTER_WRITE=N` kills the process right after the Nth write,
 * for crash-recovery tests of the CLI.
 */
export function openFileBackedMachine(
  path: string,
  options: SimulatedMachineOptions = {},
): FileBackedMachine {
  const killAfterWrite = killAfterWriteFromEnv();
  const faults = killAfterWrite === undefined ? options.faults : { killAfterWrite, ...options.faults };
  return new FileBackedMachine(path, { ...options, faults });
}
