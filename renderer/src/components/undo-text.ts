import type { RunSummary } from '../../../shared/ipc.js';
import { format, strings } from '../strings.js';

type RunChange = RunSummary['changes'][number];

/** The first clause of a sentence: up to its first colon, semicolon or full stop (before the details). */
function firstClause(text: string): string {
  const [clause] = text.split(/[:;]|\.(?:\s|$)/);
  return (clause ?? text).trim();
}

/**
 * What undoing a change does, in words that go backwards ("Turn UDP back on for Remote Desktop"), without its
 * technical tail. A run recorded before changes said so gets "Undo: " and the first clause of what it did.
 */
export function undoText(change: Pick<RunChange, 'description' | 'undoDescription'>): string {
  if (change.undoDescription) return firstClause(change.undoDescription);
  return format(strings.history.undoFallback, { what: firstClause(change.description) });
}

/** The changes undoing this run puts back: every one still in place that can be undone. */
export function changesToUndo(run: RunSummary): RunChange[] {
  return run.changes.filter((change) => change.reversible && !change.undone);
}
