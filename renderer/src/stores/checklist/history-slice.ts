import type { RepairId } from '../../../../shared/findings.js';
import type { ApplyReport, ChangeView } from '../../../../shared/ipc.js';
import type { AppliedChanges } from '../checklist-types.js';
import { type ChecklistSlice, rescan } from './checklist-slice.js';

/**
 * The runs this page made and what each still has in place, for the cards' Undo and "Undo all from this run";
 * forgotten when the History page or a recovery changed the machine behind the page's back.
 */
export interface HistorySlice {
  /** The last "Fix all" run, for its next steps and "Undo all from this run". */
  lastRun: ApplyReport | null;
  applied: Partial<Record<RepairId, AppliedChanges[]>>;

  /** After something outside this page (history, recovery) changed the machine. */
  refreshAfterExternalChange(): Promise<void>;
}

export type AppliedByRepair = HistorySlice['applied'];

/** `applied` with what the run `report` changed among `changes`: only what Undo can put back. */
export function withApplied(
  applied: AppliedByRepair,
  report: ApplyReport,
  changes: readonly ChangeView[],
): AppliedByRepair {
  if (report.runId === null) return applied;
  const runId = report.runId;
  const doneIds = new Set(report.changes.filter((c) => c.state === 'done').map((c) => c.changeId));
  const next = { ...applied };
  for (const change of changes) {
    // Only what Undo can put back: a card never offers Undo for a change that cannot be undone.
    if (!doneIds.has(change.id) || !change.reversible) continue;
    const list = next[change.repairId] ?? [];
    const existing = list.find((entry) => entry.runId === runId);
    if (existing) existing.changeIds.push(change.id);
    else list.push({ runId, changeIds: [change.id] });
    next[change.repairId] = list;
  }
  return next;
}

/** `applied` without the changes just undone; a repair with nothing left in place is dropped. */
export function withoutUndone(applied: AppliedByRepair, undone: ReadonlySet<string>): AppliedByRepair {
  const next: AppliedByRepair = {};
  for (const [repairId, entries] of Object.entries(applied) as [RepairId, AppliedChanges[]][]) {
    const left = entries
      .map((entry) => ({ ...entry, changeIds: entry.changeIds.filter((id) => !undone.has(id)) }))
      .filter((entry) => entry.changeIds.length > 0);
    if (left.length > 0) next[repairId] = left;
  }
  return next;
}

export const createHistorySlice: ChecklistSlice<HistorySlice> =
  ({ api }) =>
  (set, get) => ({
    lastRun: null,
    applied: {},

    async refreshAfterExternalChange() {
      set({ applied: {}, lastRun: null, changeStates: {}, runChanges: [] });
      await rescan(api, set, get);
    },
  });
