import type { ChangeView } from '../../../shared/ipc.js';
import type { ChangeState } from '../stores/checklist-store.js';

/*
 * One state per card: what it offers and the one line it says about the last run, so a card never shows Fix,
 * Undo and "Skipped" at once. While its changes run it offers nothing; while a change of it is in place and
 * can be undone it offers Undo (and says "Partly undone" with what stayed, after an undo that left some);
 * otherwise it offers Fix when there is something to fix, with the last run's word beside it.
 */

export type CardLine = { kind: 'state'; state: ChangeState } | { kind: 'partly-undone'; stayed: string[] };

export interface CardActions {
  fix: boolean;
  undo: boolean;
  line: CardLine | null;
}

/** A change's name: its description up to the first colon ("Turn off UDP for Remote Desktop"). */
export function changeName(change: ChangeView): string {
  const [name] = change.description.split(':');
  return (name ?? change.description).trim();
}

export function cardActions(input: {
  canFix: boolean;
  /** Ids of this card's changes that are in place and can be undone. */
  appliedIds: readonly string[];
  /** The card's one state from the current or last run (cardChangeState). */
  runState: ChangeState | null;
  /** The card's changes in that run, with their states, to name what stayed. */
  runChanges: readonly ChangeView[];
  states: Readonly<Record<string, ChangeState>>;
}): CardActions {
  const { canFix, appliedIds, runState, runChanges, states } = input;
  if (runState === 'running' || runState === 'pending')
    return { fix: false, undo: false, line: { kind: 'state', state: runState } };
  if (appliedIds.length > 0) {
    const someUndone = runChanges.some((c) => states[c.id] === 'undone');
    if (someUndone) {
      const stayed = runChanges.filter((c) => appliedIds.includes(c.id)).map(changeName);
      return { fix: false, undo: true, line: { kind: 'partly-undone', stayed } };
    }
    return { fix: false, undo: true, line: runState ? { kind: 'state', state: runState } : null };
  }
  return { fix: canFix, undo: false, line: runState ? { kind: 'state', state: runState } : null };
}
