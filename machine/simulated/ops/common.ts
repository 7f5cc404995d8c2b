import type { MachineDescription } from '../../../shared/machine-description.js';
import type { OpError, OpErrorCode, OpName, OpOf } from '../../../shared/ops.js';
import type { SimulatedFiles } from '../simulated-files.js';
import type { SimulatedRegistry } from '../simulated-registry.js';

/*
 * What every family's simulated handlers share: the machine they act on and the shape of an answer. Not a
 * family itself: test/architecture/op-families.test.ts knows this file by name.
 */

export type Outcome = { ok: true; value: unknown } | { ok: false; error: OpError };

export function ok(value: unknown): Outcome {
  return { ok: true, value };
}

export function failure(code: OpErrorCode, message: string): { ok: false; error: OpError } {
  return { ok: false, error: { code, message } };
}

/** The simulated machine as one op sees it, from SimulatedMachine. */
export interface SimulatedOpContext {
  readonly state: MachineDescription;
  readonly registry: SimulatedRegistry;
  readonly files: SimulatedFiles;
  /** Hosts passed to app.launchMstsc, in order. */
  readonly launches: string[];
  /** Descriptions of the restore points created, in order. */
  readonly restorePoints: string[];
  /** Whether the answering process holds an administrator's token (the machine's own, or the elevated batch). */
  readonly elevated: boolean;
  /** The machine's clock (SimulatedMachine.now). */
  now(): Date;
  /** The full path of a file in the Documents folder. */
  documentsPath(name: string): string;
}

export type SimulatedOpHandler<N extends OpName> = (op: OpOf<N>, machine: SimulatedOpContext) => Outcome;

/** One handler per op name, as Dispatch.ps1 maps each name to its Invoke-Op function. */
export type SimulatedOpHandlers<N extends OpName> = { readonly [K in N]: SimulatedOpHandler<K> };

export function findByName<T>(record: Record<string, T>, name: string): [string, T] | undefined {
  return Object.entries(record).find(([key]) => key.toLowerCase() === name.toLowerCase());
}
