import type { MachinePort } from '../machine/port.js';
import type { Op, OpError, OpResult } from '../shared/ops.js';
import { type ReadbackVerdict, readBack } from './elevation/change-readback.js';

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
const NO_ANSWER: OpError = { code: 'failed', message: 'The machine gave no answer.' };

function entryStatus(results: readonly (OpResult | undefined)[]): EntryOutcome['status'] {
  if (results.every((r) => r?.ok)) return 'done';
  // A missing result (the session died) may hide a change, so it counts as ran.
  const ran = results.some((r) => !r || r.ok || !NOT_RUN.has(r.error.code));
  return ran ? 'failed' : 'not-run';
}

export interface BatchOptions {
  elevated: boolean;
  signal?: AbortSignal;
  onEntryDone?: (outcome: EntryOutcome) => void;
  /**
   * Check with the machine what the answer says was not done (change-readback.ts), before anyone hears of it:
   * for the elevated batch, whose answer comes over a channel a same-user process can also speak on.
   */
  readBack?: boolean;
}

/** The machine's word over the answer's: visibly made is done, made in part is failed (so rolled back). */
function revise(
  outcomes: readonly EntryOutcome[],
  verdicts: ReadonlyMap<string, ReadbackVerdict>,
): EntryOutcome[] {
  const ran = (key: string) => ['in-place', 'partly'].includes(verdicts.get(key) ?? '');
  // The batch stops at its first failure, so an entry before one the machine shows made had succeeded (the
  // restore point, a restart): nothing can be read for those.
  const lastRan = outcomes.findLastIndex((o) => o.status !== 'done' && ran(o.key));
  return outcomes.map((outcome, index): EntryOutcome => {
    if (outcome.status === 'done') return outcome;
    const verdict = verdicts.get(outcome.key);
    if (verdict === 'in-place' || (verdict === 'unknown' && index < lastRan)) {
      return { key: outcome.key, status: 'done' };
    }
    if (verdict === 'partly') return { ...outcome, status: 'failed' };
    return outcome;
  });
}

/** The first entry left undone stops the batch: its first failed op and that op's error. */
function firstErrorOf(
  entries: readonly BatchEntry[],
  outcomes: readonly EntryOutcome[],
  results: readonly (OpResult | undefined)[],
): BatchOutcome['firstError'] {
  let offset = 0;
  for (const [index, entry] of entries.entries()) {
    const outcome = outcomes[index];
    if (outcome && outcome.status !== 'done') {
      const within = entry.ops.findIndex((_, i) => !results[offset + i]?.ok);
      const at = within < 0 ? 0 : within;
      const result = results[offset + at];
      const error = result && !result.ok ? result.error : (outcome.error ?? NO_ANSWER);
      return { key: entry.key, op: entry.ops[at] as Op, error };
    }
    offset += entry.ops.length;
  }
  return undefined;
}

/**
 * Runs the entries as ONE write batch (one round trip): the machine stops at the first failure, so each
 * entry's outcome tells exactly what was changed. `onEntryDone` reports each entry as its last op finishes
 * (with `readBack`, once the machine has been asked).
 */
export async function runBatch(
  machine: MachinePort,
  entries: readonly BatchEntry[],
  options: BatchOptions,
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
        if (!options.readBack && entryIndex !== undefined && lastOp.get(entryIndex) === opIndex) {
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
  let outcomes = entries.map((_, i) => outcomeOf(i));
  if (options.readBack) {
    const doubted = entries.filter((_, i) => outcomes[i]?.status !== 'done');
    if (doubted.length > 0) outcomes = revise(outcomes, await readBack(machine, doubted));
    for (const outcome of outcomes) options.onEntryDone?.(outcome);
  }
  const firstError = firstErrorOf(entries, outcomes, results);
  return { entries: outcomes, ...(firstError ? { firstError } : {}) };
}
