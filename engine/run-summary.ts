import type { RunSummary } from '../shared/ipc.js';
import { needsElevation } from './elevation/needs-elevation.js';
import type { JournalRun } from './journal/journal-entry.js';
import { undoableChanges } from './undo.js';

/** A run as the history and recovery views show it. An unfinished run lists every change it may have made. */
export function toRunSummary(run: JournalRun): RunSummary {
  const shown =
    run.state === 'in-progress'
      ? run.changes
      : run.changes.filter((c) => c.status !== 'planned' && c.status !== 'not-applied');
  return {
    runId: run.runId,
    host: run.host,
    startedAt: run.startedAt,
    state: run.state,
    changes: shown.map(({ change, status }) => ({
      id: change.id,
      repairId: change.repairId,
      description: change.description,
      ...(change.undoDescription ? { undoDescription: change.undoDescription } : {}),
      reversible: change.inverse !== null,
      needsElevation: needsElevation(change),
      undone: status === 'undone' || status === 'rolled-back',
    })),
    undoable: undoableChanges(run).length > 0,
    ...(run.connectionTest ? { connectionTest: run.connectionTest.answer } : {}),
  };
}
