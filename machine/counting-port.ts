import type { Op, OpResult } from '../shared/ops.js';
import type { MachinePort, RunOptions } from './port.js';

export interface PortStats {
  /** Ops sent to the machine, whatever their result. */
  opsExecuted: number;
  /** `run` calls: each one is one round trip (one PowerShell invocation on Windows). */
  roundTrips: number;
}

export interface CountingPort extends MachinePort {
  stats(): PortStats;
}

/** Wraps a port to count what the engine asks of the machine, for the CLI's `--json` stats. */
export function countingPort(port: MachinePort): CountingPort {
  let opsExecuted = 0;
  let roundTrips = 0;
  return {
    kind: port.kind,
    label: port.label,
    run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
      roundTrips += 1;
      opsExecuted += ops.length;
      return port.run(ops, options);
    },
    stats: () => ({ opsExecuted, roundTrips }),
  };
}
