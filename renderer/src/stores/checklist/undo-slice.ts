import type { RepairId } from '../../../../shared/findings.js';
import { type ChecklistSlice, errorNotice, rescan } from './checklist-slice.js';
import { withoutUndone } from './history-slice.js';

/** Undo: one card's changes, or all of the last Fix all run, then the check again. */
export interface UndoSlice {
  undoRepair(repairId: RepairId): Promise<void>;
  undoLastRun(): Promise<void>;
}

export const createUndoSlice: ChecklistSlice<UndoSlice> =
  ({ api }) =>
  (set, get) => {
    /** Undoes the run's changes (all when `changeIds` is undefined); true when all were undone. */
    async function undo(runId: string | undefined, changeIds: string[] | undefined): Promise<boolean> {
      set({ activity: 'undoing', notice: null, announcement: null, mstscNotice: null });
      const result = await api['repair:undo']({ runId, changeIds });
      if (!result.ok) {
        set({ activity: 'idle', notice: errorNotice(result.error.message) });
        return false;
      }
      const report = result.value;
      const undone = new Set(report.undoneChangeIds);
      const changeStates = { ...get().changeStates };
      for (const id of undone) changeStates[id] = 'undone';
      const applied = withoutUndone(get().applied, undone);
      set({
        changeStates,
        applied,
        // Next steps were about the changes just undone: they stay only while some change is still in place.
        ...(Object.keys(applied).length === 0 ? { nextSteps: null } : {}),
        notice: { intent: report.outcome === 'failed' ? 'error' : 'success', text: report.message },
      });
      await rescan(api, set, get);
      set({ activity: 'idle' });
      return report.outcome === 'undone';
    }

    return {
      async undoRepair(repairId) {
        const entries = get().applied[repairId] ?? [];
        for (const entry of entries) {
          const ok = await undo(entry.runId, entry.changeIds);
          if (!ok) return;
        }
      },

      async undoLastRun() {
        const runId = get().lastRun?.runId;
        if (!runId) return;
        if (await undo(runId, undefined)) set({ lastRun: null });
      },
    };
  };
