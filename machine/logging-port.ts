import type { Op, OpResult } from '../shared/ops.js';
import type { MachinePort, RunOptions } from './port.js';

export interface BatchLogEntry {
  ops: readonly Op[];
  mode: RunOptions['mode'];
  elevated: boolean;
}

export interface BatchLogger {
  batch(entry: BatchLogEntry, results: readonly OpResult[], durationMs: number): void;
  error(context: string, error: unknown): void;
}

/**
 * Wraps a port so every batch, its results and its duration reach the log, and a batch that throws is logged
 * before the error goes on. The logger (electron-log in the app) decides what of an op is safe to write.
 */
export function loggingPort(
  port: MachinePort,
  logger: BatchLogger,
  clock: () => number = Date.now,
): MachinePort {
  return {
    kind: port.kind,
    label: port.label,
    async run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
      const started = clock();
      const entry = { ops, mode: options.mode, elevated: options.elevated === true };
      try {
        const results = await port.run(ops, options);
        logger.batch(entry, results, clock() - started);
        return results;
      } catch (error) {
        logger.error(`batch of ${ops.length} ops (${options.mode})`, error);
        throw error;
      }
    },
  };
}
