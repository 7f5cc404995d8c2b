import type { ChangeView } from '../../../shared/ipc.js';
import type { ChangeState } from '../stores/checklist-types.js';

/*
 * One state per card: what it offers and the one line it says about the last run, so a card never shows Fix,
 * Undo and a word that contradicts them at once. While its changes run it offers nothing. While a change of it
 * is in place: "Fixed" with Undo when the check now passes; "Partly fixed", naming what was not made, with Fix
 * for the rest when the check still finds something to fix (undoing what was made stays in "Undo all from this
 * run" and History); "Partly undone" with what stayed, and Undo. Otherwise it offers Fix when there is something
 * to fix, with the last run's word beside it.
 */

export type CardLine =
  | { kind: 'state'; state: ChangeState }
  | { kind: 'partly-undone'; stayed: string[] }
  | { kind: 'partly-fixed'; left: string[] };

export interface CardActions {
  fix: boolean;
  undo: boolean;
  line: CardLine | null;
}

/** A change's name: its description up to the first colon ("Turn off UDP for Remote Desktop"). */
export function changeName(change: { description: string }): string {
  const [name] = change.description.split(':');
  return (name ?? change.description).trim();
}

function inPlace(input: {
  canFix: boolean;
  passed: boolean;
  appliedIds: readonly string[];
  runChanges: readonly ChangeView[];
  states: Readonly<Record<string, ChangeState>>;
}): CardActions {
  const { canFix, passed, appliedIds, runChanges, states } = input;
  if (runChanges.some((c) => states[c.id] === 'undone')) {
    const stayed = runChanges.filter((c) => appliedIds.includes(c.id)).map(changeName);
    return { fix: false, undo: true, line: { kind: 'partly-undone', stayed } };
  }
  if (passed) return { fix: false, undo: true, line: { kind: 'state', state: 'done' } };
  const left = runChanges.filter((c) => !appliedIds.includes(c.id)).map(changeName);
  return { fix: canFix, undo: !canFix, line: { kind: 'partly-fixed', left } };
}

export function cardActions(input: {
  canFix: boolean;
  /** The check passes now (the card is OK or not needed). */
  passed: boolean;
  /** Ids of this card's changes that are in place and can be undone. */
  appliedIds: readonly string[];
  /** The card's one state from the current or last run (cardChangeState). */
  runState: ChangeState | null;
  /** The card's changes in that run, with their states, to name what stayed or was left out. */
  runChanges: readonly ChangeView[];
  states: Readonly<Record<string, ChangeState>>;
}): CardActions {
  const { canFix, appliedIds, runState } = input;
  if (runState === 'running' || runState === 'pending')
    return { fix: false, undo: false, line: { kind: 'state', state: runState } };
  if (appliedIds.length > 0) return inPlace(input);
  return { fix: canFix, undo: false, line: runState ? { kind: 'state', state: runState } : null };
}
