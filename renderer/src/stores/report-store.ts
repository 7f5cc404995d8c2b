import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RdpRepairApi } from '../../../shared/ipc.js';
import type { Notice } from './checklist-store.js';

export interface ReportState {
  redact: boolean;
  markdown: string | null;
  loading: boolean;
  notice: Notice | null;
  load(host: string): Promise<void>;
  setRedact(host: string, redact: boolean): Promise<void>;
}

export function createReportStore(api: RdpRepairApi): StoreApi<ReportState> {
  return createStore<ReportState>()((set, get) => ({
    redact: true,
    markdown: null,
    loading: false,
    notice: null,

    async load(host) {
      set({ loading: true, notice: null });
      const result = await api['report:get']({ host, redact: get().redact });
      if (result.ok) set({ loading: false, markdown: result.value.markdown });
      else set({ loading: false, markdown: null, notice: { intent: 'error', text: result.error.message } });
    },

    async setRedact(host, redact) {
      set({ redact });
      await get().load(host);
    },
  }));
}
