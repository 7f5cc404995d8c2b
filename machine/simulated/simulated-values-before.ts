import { elevatedValueEntry, MACHINE_ALLOW_LIST, type Refusal } from '../../shared/machine-allow-list.js';
import type { Op } from '../../shared/ops.js';
import { guardedValueChange, valueBeforeName } from '../../shared/values-before.js';
import type { SimulatedRegistry } from './simulated-registry.js';

/*
 * The record of values before (shared/values-before.ts) on the simulated registry, as the elevated
 * interpreter keeps it on Windows: written before the fix, dropped after the exact undo, and its keys removed
 * once empty, so a fix and its undo leave the machine exactly as it was.
 */

const RECORD_KEY = MACHINE_ALLOW_LIST.elevatedWrites.valuesBeforeKey;
const RECORD_PARENT = RECORD_KEY.slice(0, RECORD_KEY.lastIndexOf('\\'));

export interface GuardedWrite {
  refusal: Refusal | null;
  /** Before the write: records the value it had, for the fix. */
  before(): void;
  /** After the write succeeded: drops the record, for the exact undo. */
  after(): void;
}

const NOTHING = (): void => {};

/** Null when the op is not a write of a guarded value from the elevated batch. */
export function guardValueWrite(
  registry: SimulatedRegistry,
  op: Op,
  elevatedBatch: boolean,
): GuardedWrite | null {
  if (!elevatedBatch || (op.op !== 'registry.setValue' && op.op !== 'registry.deleteValue')) return null;
  const entry = elevatedValueEntry(op.path, op.name);
  if (!entry) return null;
  const recorded = (name: string) => {
    const value = registry.readValue(RECORD_KEY, name);
    return value?.type === 'REG_SZ' ? value.data : undefined;
  };
  const change = guardedValueChange(
    entry,
    registry.readValue(op.path, op.name) ?? null,
    op.op === 'registry.setValue' ? op.value : null,
    recorded(valueBeforeName(entry)),
  );
  switch (change.action) {
    case 'none':
      return { refusal: null, before: NOTHING, after: NOTHING };
    case 'refuse':
      return { refusal: change.refusal, before: NOTHING, after: NOTHING };
    case 'record':
      return {
        refusal: null,
        before: () => registry.setValue(RECORD_KEY, change.recordName, { type: 'REG_SZ', data: change.text }),
        after: NOTHING,
      };
    case 'forget':
      return {
        refusal: null,
        before: NOTHING,
        after: () => {
          registry.deleteValue(RECORD_KEY, change.recordName);
          registry.deleteEmptyKey(RECORD_KEY);
          registry.deleteEmptyKey(RECORD_PARENT);
        },
      };
  }
}
