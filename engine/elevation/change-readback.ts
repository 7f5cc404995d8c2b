import type { MachinePort } from '../../machine/port.js';
import {
  CertificateListResultSchema,
  type Op,
  type OpResult,
  ReadValueResultSchema,
  ServiceStatusResultSchema,
} from '../../shared/ops.js';
import { registryValuesEqual } from '../../shared/registry.js';

/*
 * What the machine itself says about whether a change is in place, for when the elevated answer cannot be
 * taken at its word: it is missing, or it says nothing ran, and a same-user process could have sent it (the
 * answer channel, machine/powershell/elevated/result-pipe.ts). The engine then reads the affected machine-wide values
 * through the unelevated port (one read batch) and records what is on the machine, not what was claimed.
 */

/**
 * - `in-place`: every op's effect is visible.
 * - `partly`: some are, so the change ran at least in part.
 * - `absent`: every op can be checked and none shows.
 * - `unknown`: nothing visible, and some op leaves nothing to read (a service restart).
 */
export type ReadbackVerdict = 'in-place' | 'partly' | 'absent' | 'unknown';

/** The read that shows this op's effect, or undefined when nothing can (a restart, a restore point). */
export function effectRead(op: Op): Op | undefined {
  switch (op.op) {
    case 'registry.setValue':
    case 'registry.deleteValue':
      return { op: 'registry.readValue', path: op.path, name: op.name };
    case 'certificate.remove':
      return { op: 'certificate.list', store: op.store };
    case 'service.setState':
      return { op: 'service.status', name: op.name };
    default:
      // registry.deleteEmptyKey included: a key that was not empty stays, and that is the op working.
      return undefined;
  }
}

/** True when the read shows the op's effect, false when it shows it is not there, undefined when it cannot say. */
export function effectVisible(op: Op, read: OpResult | undefined): boolean | undefined {
  if (!read?.ok) return undefined;
  if (op.op === 'registry.setValue' || op.op === 'registry.deleteValue') {
    const value = ReadValueResultSchema.safeParse(read.value);
    if (!value.success) return undefined;
    if (op.op === 'registry.deleteValue') return !value.data.exists;
    return value.data.exists && registryValuesEqual(value.data.value, op.value);
  }
  if (op.op === 'service.setState') {
    const status = ServiceStatusResultSchema.safeParse(read.value);
    if (!status.success || !status.data.exists || status.data.startType === undefined) return undefined;
    return (status.data.status === 'Running') === op.running && status.data.startType === op.startType;
  }
  if (op.op === 'certificate.remove') {
    const list = CertificateListResultSchema.safeParse(read.value);
    if (!list.success) return undefined;
    const wanted = op.thumbprint.toUpperCase();
    return !list.data.some((certificate) => certificate.thumbprint.toUpperCase() === wanted);
  }
  return undefined;
}

/** A change's forward ops against the reads of their effects (one per op, undefined where none). */
export function judgeChange(ops: readonly Op[], reads: readonly (OpResult | undefined)[]): ReadbackVerdict {
  const seen = ops.map((op, index) => effectVisible(op, reads[index]));
  if (seen.length > 0 && seen.every((visible) => visible === true)) return 'in-place';
  if (seen.some((visible) => visible === true)) return 'partly';
  if (seen.length > 0 && seen.every((visible) => visible === false)) return 'absent';
  return 'unknown';
}

/** One read batch (unelevated) for every change given; each change's verdict by key. */
export async function readBack(
  machine: MachinePort,
  changes: readonly { key: string; ops: readonly Op[] }[],
): Promise<Map<string, ReadbackVerdict>> {
  const reads: Op[] = [];
  const slot = new Map<string, number>();
  const slotOf = (op: Op): number | undefined => {
    const read = effectRead(op);
    if (read === undefined) return undefined;
    const id = JSON.stringify(read);
    if (!slot.has(id)) slot.set(id, reads.push(read) - 1);
    return slot.get(id);
  };
  const slots = changes.map((change) => change.ops.map(slotOf));
  let results: OpResult[] = [];
  if (reads.length > 0) {
    // A read that cannot be made leaves the verdict `unknown`: the claim then stands, as before.
    results = await machine.run(reads, { mode: 'read' }).catch(() => []);
  }
  return new Map(
    changes.map((change, index) => [
      change.key,
      judgeChange(
        change.ops,
        (slots[index] ?? []).map((s) => (s === undefined ? undefined : results[s])),
      ),
    ]),
  );
}
