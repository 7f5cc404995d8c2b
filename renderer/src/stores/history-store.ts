import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RdpRepairApi, RunSummary } from '../../../shared/ipc.js';
import type { Notice } from './checklist-store.js';

export interface HistoryState {
  runs: RunSummary[];
  loading: boolean;
  undoingRunId: string | null;
  notice: Notice | null;
  load(): Promise<void>;
  undoRun(runId: string): Promise<void>;
}

/** `onMachineChanged` lets the checklist re-check after an undo made here. */
export function createHistoryStore(api: RdpRepairApi, onMachineChanged: () => void): StoreApi<HistoryState> {
  return createStore<HistoryState>()((set, get) => ({
    runs: [],
    loading: false,
    undoingRunId: null,
    notice: null,

    async load() {
      set({ loading: true });
      const result = await api['history:list']({});
      if (result.ok) set({ runs: result.value, loading: false });
      else set({ loading: false, notice: { intent: 'error', text: result.error.message } });
    },

    async undoRun(runId) {
      set({ undoingRunId: runId, notice: null });
      const result = await api['repair:undo']({ runId });
      set({
        undoingRunId: null,
        notice: result.ok
          ? { intent: result.value.outcome === 'failed' ? 'error' : 'success', text: result.value.message }
          : { intent: 'error', text: result.error.message },
      });
      await get().load();
      onMachineChanged();
    },
  }));
}
