import type { MachinePort } from '../machine/port.js';
import type { UndoReport } from '../shared/ipc.js';
import { changeCount, fileErrorText, shortDescription } from './change-text.js';
import type { JournalRun } from './journal/journal-entry.js';
import type { JournalStore } from './journal/journal-store.js';
import { replayInverses } from './replay-inverses.js';

export type UndoResult = Omit<UndoReport, 'stats'>;

/** Changes of a finished run that are in place and can be undone. */
export function undoableChanges(run: JournalRun): JournalRun['changes'] {
  if (run.state === 'in-progress') return [];
  return run.changes.filter((c) => c.status === 'applied' && c.change.inverse !== null);
}

/**
 * Puts back what a run changed (all its changes, or only `changeIds`), newest change first, from the
 * inverses recorded in its journal. Expects the apply lock to be held.
 */
export async function undoRun(
  machine: MachinePort,
  journal: JournalStore,
  now: () => Date,
  run: JournalRun,
  changeIds?: readonly string[],
): Promise<UndoResult> {
  const candidates = undoableChanges(run).filter((c) => !changeIds || changeIds.includes(c.change.id));
  if (candidates.length === 0) {
    return {
      runId: run.runId,
      outcome: 'nothing-to-undo',
      message: 'Nothing to undo: the changes of this run are already undone or cannot be undone.',
      undoneChangeIds: [],
    };
  }
  const replay = await replayInverses(
    machine,
    candidates.map((c) => c.change),
  );
  for (const entry of run.changes) if (replay.restored.includes(entry.change.id)) entry.status = 'undone';
  const left = undoableChanges(run).length;
  run.state = left === 0 ? 'undone' : 'partially-undone';
  run.updatedAt = now().toISOString();
  const unsaved = journal.trySave(run);
  const unsavedNote = unsaved
    ? ` The journal could not be updated (${fileErrorText(unsaved)}), so History may still offer to undo this run: doing it again is safe.`
    : '';
  const undone = `${changeCount(replay.restored.length)} undone`;
  if (replay.permissionDenied) {
    return {
      runId: run.runId,
      outcome: 'permission-not-granted',
      message: `The administrator permission prompt was declined; ${undone}, ${changeCount(left)} still in place. Try Undo again and allow the prompt.`,
      undoneChangeIds: replay.restored,
    };
  }
  if (replay.failed.length > 0) {
    const first = replay.failed[0];
    // Named as the user saw it in History, never by its id.
    const change = candidates.find((c) => c.change.id === first?.id)?.change;
    const name = change ? `"${shortDescription(change)}"` : 'a change';
    return {
      runId: run.runId,
      outcome: 'failed',
      message: `Could not undo ${name} (${first?.message.replace(/\.$/, '')}); ${undone}, ${changeCount(left)} still in place.${first && replay.refused.includes(first.id) ? '' : ' Try Undo again.'}`,
      undoneChangeIds: replay.restored,
    };
  }
  return {
    runId: run.runId,
    outcome: 'undone',
    message: `${undone}: what was there before is restored exactly.${unsavedNote}`,
    undoneChangeIds: replay.restored,
  };
}
