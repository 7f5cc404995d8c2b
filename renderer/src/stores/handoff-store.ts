import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RepairId } from '../../../shared/findings.js';
import type { ConnectionTest, IpcResponse, RdpRepairApi } from '../../../shared/ipc.js';
import type { Notice } from './checklist-types.js';

/*
 * "Send to the administrator" (issue 27): the page for the remote computer's administrator, asked for when
 * the user opens it, so it holds what this PC tried up to that moment.
 */

export type HandoffPage = IpcResponse<'report:handoff'>;

export interface HandoffState {
  /** The computer the open dialog is about; null when it is closed. */
  host: string | null;
  page: HandoffPage | null;
  notice: Notice | null;
  show(host: string): Promise<void>;
  close(): void;
}

export interface HandoffContext {
  connectionTest(): ConnectionTest | null;
  manualDone(): RepairId[];
}

export function createHandoffStore(api: RdpRepairApi, context: HandoffContext): StoreApi<HandoffState> {
  return createStore<HandoffState>()((set, get) => ({
    host: null,
    page: null,
    notice: null,

    async show(host) {
      set({ host, page: null, notice: null });
      const answer = context.connectionTest();
      const done = context.manualDone();
      const result = await api['report:handoff']({
        host,
        ...(answer ? { connectionTest: answer } : {}),
        ...(done.length > 0 ? { manualDone: done } : {}),
      });
      // Closed or reopened for another computer meanwhile: this answer is no longer wanted.
      if (get().host !== host) return;
      if (result.ok) set({ page: result.value });
      else set({ notice: { intent: 'error', text: result.error.message } });
    },

    close() {
      set({ host: null, page: null, notice: null });
    },
  }));
}
