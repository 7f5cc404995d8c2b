import { OP_FAMILIES, type Op, type OpFamily, type OpName, type OpNameOf } from '../../shared/ops.js';
import { CERTIFICATES_HANDLERS } from './ops/certificates.js';
import type { Outcome, SimulatedOpContext, SimulatedOpHandlers } from './ops/common.js';
import { CREDENTIALS_HANDLERS } from './ops/credentials.js';
import { EVENTS_HANDLERS } from './ops/events.js';
import { FILES_HANDLERS } from './ops/files.js';
import { NETWORK_HANDLERS } from './ops/network.js';
import { REGISTRY_HANDLERS } from './ops/registry.js';
import { SERVICES_HANDLERS } from './ops/services.js';
import { SYSTEM_HANDLERS } from './ops/system.js';

/*
 * The simulated machine's dispatch table, as Dispatch.ps1 is the interpreter's: op name → handler, the
 * handlers one file per op family under ops/. The types require every op of a family to have its handler;
 * test/architecture/op-families.test.ts checks the families are the interpreter's.
 */

export const SIMULATED_HANDLERS_BY_FAMILY: { readonly [F in OpFamily]: SimulatedOpHandlers<OpNameOf<F>> } = {
  registry: REGISTRY_HANDLERS,
  files: FILES_HANDLERS,
  credentials: CREDENTIALS_HANDLERS,
  certificates: CERTIFICATES_HANDLERS,
  services: SERVICES_HANDLERS,
  network: NETWORK_HANDLERS,
  events: EVENTS_HANDLERS,
  system: SYSTEM_HANDLERS,
};

type AnyHandler = (op: Op, machine: SimulatedOpContext) => Outcome;

const HANDLERS: ReadonlyMap<string, AnyHandler> = new Map(
  OP_FAMILIES.flatMap(
    (family) => Object.entries(SIMULATED_HANDLERS_BY_FAMILY[family]) as [OpName, AnyHandler][],
  ),
);

/** Runs one op, already checked against the vocabulary and the allow-list, on the simulated machine. */
export function dispatchSimulatedOp(op: Op, machine: SimulatedOpContext): Outcome {
  const handler = HANDLERS.get(op.op);
  // Unreachable for an op OpSchema accepted: the table's type has a handler for every op name.
  if (!handler) throw new Error(`No simulated handler for ${op.op}.`);
  return handler(op, machine);
}
