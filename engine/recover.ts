import type { MachinePort } from '../machine/port.js';
import { changeNames, fileErrorText, interruptedAdvice } from './change-text.js';
import type { JournalRun } from './journal/journal-entry.js';
import type { JournalStore } from './journal/journal-store.js';
import { isAlive } from './process-identity.js';
import { replayInverses } from './replay-inverses.js';
import type { UndoResult } from './undo.js';

/** Runs this process is applying right now: in progress, but not unfinished. */
const activeRuns = new Set<string>();

export function markRunActive(runId: string, active: boolean): void {
  if (active) activeRuns.add(runId);
  else activeRuns.delete(runId);
}

/** A run left `in-progress` by a process that is gone (or by this one, outside an apply) did not finish. */
export async function isUnfinished(run: JournalRun): Promise<boolean> {
  if (run.state !== 'in-progress') return false;
  if (run.pid === process.pid) return !activeRuns.has(run.runId);
  return !(await isAlive({ pid: run.pid, start: run.processStart ?? null }));
}

/**
 * The unfinished runs among these (at most `limit`), in their order; judged one at a time, since on Windows
 * each judgement of another process starts a PowerShell.
 */
export async function unfinishedRuns(
  runs: readonly JournalRun[],
  limit = runs.length,
): Promise<JournalRun[]> {
  const unfinished: JournalRun[] = [];
  for (const run of runs) {
    if (unfinished.length >= limit) break;
    if (await isUnfinished(run)) unfinished.push(run);
  }
  return unfinished;
}

/**
 * Rolls back an unfinished run by replaying the inverses of all its changes, newest first. A change whose op
 * may never have run is replayed too: inverses restore the captured state and are idempotent. If the
 * rollback does not complete, the run stays unfinished so it can be tried again. Expects the apply lock.
 */
export async function recoverRun(
  machine: MachinePort,
  journal: JournalStore,
  now: () => Date,
  run: JournalRun,
): Promise<UndoResult> {
  const pending = run.changes.filter((c) => c.status === 'planned' || c.status === 'applied');
  const replay = await replayInverses(
    machine,
    pending.map((c) => c.change),
  );
  for (const entry of run.changes) {
    if (replay.restored.includes(entry.change.id)) entry.status = 'rolled-back';
  }
  const complete = replay.failed.length === 0;
  if (complete) {
    run.state = 'rolled-back';
    run.message = 'Rolled back after the run was interrupted.';
  }
  run.updatedAt = now().toISOString();
  // The machine is restored whether or not the journal can say so (a full disk): tell the user, never throw.
  const unsaved = journal.trySave(run);
  const unsavedNote = unsaved
    ? ` The journal could not be updated (${fileErrorText(unsaved)}), so this run may be offered for rollback again: doing it again is safe.`
    : '';
  const kept =
    replay.irreversible.length > 0
      ? ` ${replay.irreversible.length === 1 ? 'This change cannot be undone and may have been made' : 'These changes cannot be undone and may have been made'}: ${changeNames(replay.irreversible)}.${interruptedAdvice(replay.irreversible)}`
      : '';
  if (replay.permissionDenied) {
    return {
      runId: run.runId,
      outcome: 'permission-not-granted',
      message: `The administrator permission prompt was declined, so the interrupted run is not fully rolled back yet; try again and allow the prompt.${kept}`,
      undoneChangeIds: replay.restored,
    };
  }
  if (!complete) {
    const first = replay.failed[0];
    return {
      runId: run.runId,
      outcome: 'failed',
      message: `Could not roll back ${first?.id} (${first?.message.replace(/\.$/, '')}); the run stays unfinished${first && replay.refused.includes(first.id) ? '.' : ', try again.'}${kept}${unsavedNote}`,
      undoneChangeIds: replay.restored,
    };
  }
  return {
    runId: run.runId,
    outcome: 'undone',
    message: `The interrupted run ${run.runId} was rolled back: this computer is as it was before it.${kept}${unsavedNote}`,
    undoneChangeIds: replay.restored,
  };
}
