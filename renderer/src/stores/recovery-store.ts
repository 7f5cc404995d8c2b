import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RdpRepairApi, RunSummary } from '../../../shared/ipc.js';
import type { Notice } from './checklist-store.js';

export interface RecoveryState {
  /** Unfinished runs found at start-up; the first is offered for rollback before anything else. */
  pending: RunSummary[];
  checked: boolean;
  busy: boolean;
  notice: Notice | null;
  load(): Promise<void>;
  rollback(runId: string): Promise<void>;
  dismiss(runId: string): void;
}

export function createRecoveryStore(
  api: RdpRepairApi,
  onMachineChanged: () => void,
): StoreApi<RecoveryState> {
  return createStore<RecoveryState>()((set, get) => ({
    pending: [],
    checked: false,
    busy: false,
    notice: null,

    async load() {
      const result = await api['recovery:pending']({});
      set({
        checked: true,
        pending: result.ok ? result.value : [],
        notice: result.ok ? null : { intent: 'error', text: result.error.message },
      });
    },

    async rollback(runId) {
      set({ busy: true });
      const result = await api['recovery:rollback']({ runId });
      const rest = get().pending.filter((run) => run.runId !== runId);
      if (result.ok && result.value.outcome !== 'failed') {
        set({ busy: false, pending: rest, notice: { intent: 'success', text: result.value.message } });
        onMachineChanged();
      } else {
        set({
          busy: false,
          notice: { intent: 'error', text: result.ok ? result.value.message : result.error.message },
        });
      }
    },

    dismiss(runId) {
      set({ pending: get().pending.filter((run) => run.runId !== runId) });
    },
  }));
}
