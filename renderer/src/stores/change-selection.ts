import type { FindingStatus, RepairId } from '../../../shared/findings.js';
import type { ChangeView, ScanReport } from '../../../shared/ipc.js';
import type { ChangeState } from './checklist-types.js';

/*
 * Which changes a button stands for. One counting model (issue 27): "Fix all (N)" counts what the dialog's
 * default button makes, which is every change of a problem that can be undone; what cannot be undone, and the
 * suggestions, wait unticked in the dialog until the user chooses them.
 */

/** A card with one of these statuses offers its Fix (a suggestion's too: pressing Fix is choosing it). */
export const FIXABLE_STATUSES: readonly FindingStatus[] = ['problem', 'warning', 'suggestion'];

/**
 * The optional changes (`suggestion` true) or the others: suggestions, and what is for people who connect to
 * this PC while another computer was checked (`incoming`), are kept out of Fix all unless ticked, as the engine's
 * plan keeps them out.
 */
export function changesWithStatus(scan: ScanReport, suggestion: boolean): ChangeView[] {
  const suggested = new Set(
    scan.findings.filter((f) => f.status === 'suggestion' || f.incoming === true).map((f) => f.repairId),
  );
  return scan.changes.filter((change) => suggested.has(change.repairId) === suggestion);
}

export function changesFor(changes: readonly ChangeView[], repairId: RepairId): ChangeView[] {
  return changes.filter((change) => change.repairId === repairId);
}

/** What Fix all offers: the changes its dialog makes as it opens, and those it asks consent for. */
export function fixAllCounts(scan: ScanReport): { made: number; consent: number } {
  const changes = changesWithStatus(scan, false);
  const made = changes.filter((change) => change.reversible).length;
  return { made, consent: changes.length - made };
}

/** One state for a card from the states of its changes in the current or last run. */
export function cardChangeState(
  changes: readonly ChangeView[],
  states: Readonly<Record<string, ChangeState>>,
  repairId: RepairId,
): ChangeState | null {
  const mine = changes.filter((change) => change.repairId === repairId).map((change) => states[change.id]);
  const known = mine.filter((state): state is ChangeState => state !== undefined);
  if (known.length === 0) return null;
  const order: ChangeState[] = ['running', 'failed', 'rolled-back', 'pending', 'skipped', 'undone', 'done'];
  return order.find((state) => known.includes(state)) ?? null;
}
