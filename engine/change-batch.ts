import type { MachinePort } from '../machine/port.js';
import type { Op, OpError, OpResult } from '../shared/ops.js';

/** A group of ops that belongs together (one change, or its inverse), run as part of one batch. */
export interface BatchEntry {
  key: string;
  ops: Op[];
}

/**
 * - `done`: every op succeeded.
 * - `failed`: an op failed or only some ran, so the machine may be partly changed.
 * - `not-run`: no op ran (skipped after an earlier failure, cancelled, or the permission prompt was declined).
 */
export type EntryStatus = 'done' | 'failed' | 'not-run';

export interface EntryOutcome {
  key: string;
  status: EntryStatus;
  error?: OpError;
}

export interface BatchOutcome {
  entries: EntryOutcome[];
  /** The first error of the batch: what stopped it. */
  firstError?: { key: string; op: Op; error: OpError };
}

const NOT_RUN = new Set(['skipped', 'cancelled', 'permission-not-granted']);

function entryStatus(results: readonly (OpResult | undefined)[]): EntryOutcome['status'] {
  if (results.every((r) => r?.ok)) return 'done';
  // A missing result (the session died) may hide a change, so it counts as ran.
  const ran = results.some((r) => !r || r.ok || !NOT_RUN.has(r.error.code));
  return ran ? 'failed' : 'not-run';
}

/**
 * Runs the entries as ONE write batch (one round trip): the machine stops at the first failure, so each
 * entry's outcome tells exactly what was changed. `onEntryDone` reports each entry as its last op finishes.
 */
export async function runBatch(
  machine: MachinePort,
  entries: readonly BatchEntry[],
  options: { elevated: boolean; signal?: AbortSignal; onEntryDone?: (outcome: EntryOutcome) => void },
): Promise<BatchOutcome> {
  const ops = entries.flatMap((e) => e.ops);
  const owner: number[] = entries.flatMap((e, index) => e.ops.map(() => index));
  const lastOp = new Map<number, number>();
  for (const [opIndex, entryIndex] of owner.entries()) lastOp.set(entryIndex, opIndex);
  const seen: (OpResult | undefined)[] = [];
  const outcomeOf = (entryIndex: number): EntryOutcome => {
    const entry = entries[entryIndex] as BatchEntry;
    const results = owner.flatMap((o, opIndex) => (o === entryIndex ? [seen[opIndex]] : []));
    const error = results.find((r) => r && !r.ok);
    return {
      key: entry.key,
      status: entryStatus(results),
      ...(error && !error.ok ? { error: error.error } : {}),
    };
  };
  let results: OpResult[];
  try {
    results = await machine.run(ops, {
      mode: 'write',
      elevated: options.elevated,
      signal: options.signal,
      onOpDone: (opIndex, result) => {
        seen[opIndex] = result;
        const entryIndex = owner[opIndex];
        if (entryIndex !== undefined && lastOp.get(entryIndex) === opIndex) {
          options.onEntryDone?.(outcomeOf(entryIndex));
        }
      },
    });
  } catch (error) {
    // The machine went away mid-batch: ops without a result may or may not have run.
    const message = error instanceof Error ? error.message : String(error);
    results = ops.map((_, i) => seen[i] ?? { ok: false, error: { code: 'failed', message } });
  }
  ops.forEach((_, i) => {
    seen[i] = results[i];
  });
  const firstIndex = ops.findIndex((_, i) => !results[i]?.ok);
  const first: OpResult | undefined =
    firstIndex < 0
      ? undefined
      : (results[firstIndex] ?? {
          ok: false,
          error: { code: 'failed', message: 'The machine gave no answer.' },
        });
  return {
    entries: entries.map((_, i) => outcomeOf(i)),
    ...(first && !first.ok
      ? {
          firstError: {
            key: entries[owner[firstIndex] ?? 0]?.key ?? '',
            op: ops[firstIndex] as Op,
            error: first.error,
          },
        }
      : {}),
  };
}
