import type { MachinePort, RunOptions } from '../machine/port.js';
import { probeTcpForReal, resolveForReal } from '../network/network-ops.js';
import type { Op, OpResult } from '../shared/ops.js';

/*
 * `--real-network`: a machine whose network ops (name resolution, the TCP probe) go to this computer's real
 * network while everything else stays with the machine it wraps (a simulated one, in tests and the CLI). The
 * handshake probe is the network port's; this covers the two checks that are machine ops.
 */

const NETWORK_OPS = new Set(['net.resolve', 'net.probeTcp']);

async function answer(op: Op): Promise<OpResult> {
  try {
    if (op.op === 'net.resolve') return { ok: true, value: await resolveForReal(op) };
    if (op.op === 'net.probeTcp') return { ok: true, value: await probeTcpForReal(op) };
  } catch (error) {
    return { ok: false, error: { code: 'failed', message: (error as Error).message } };
  }
  return { ok: false, error: { code: 'invalid-argument', message: `${op.op} is not a network op.` } };
}

export function withRealNetwork(machine: MachinePort): MachinePort {
  return {
    kind: machine.kind,
    label: `${machine.label}, with the real network`,
    async run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
      const local = ops.flatMap((op, index) => (NETWORK_OPS.has(op.op) ? [] : [{ op, index }]));
      // Network ops are read ops: a write batch never has one, so its stop-at-first-failure order is kept.
      if (local.length === ops.length) return machine.run(ops, options);
      const { onOpDone, ...rest } = options;
      const [localResults, networkResults] = await Promise.all([
        machine.run(
          local.map((l) => l.op),
          rest,
        ),
        Promise.all(ops.map((op) => (NETWORK_OPS.has(op.op) ? answer(op) : Promise.resolve(undefined)))),
      ]);
      const results = ops.map((_, index) => {
        const at = local.findIndex((l) => l.index === index);
        return (at >= 0 ? localResults[at] : networkResults[index]) as OpResult;
      });
      results.forEach((result, index) => {
        onOpDone?.(index, result);
      });
      return results;
    },
  };
}
