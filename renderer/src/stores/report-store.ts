import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ConnectionTest, RdpRepairApi, SystemTool } from '../../../shared/ipc.js';
import type { Notice } from './checklist-store.js';

export interface ReportState {
  redact: boolean;
  markdown: string | null;
  loading: boolean;
  notice: Notice | null;
  /** Why the last Windows tool asked for did not open; null when it did. */
  toolNotice: Notice | null;
  load(host: string): Promise<void>;
  setRedact(host: string, redact: boolean): Promise<void>;
  openTool(tool: SystemTool): Promise<void>;
}

/** `connectionTest`: the answer to "Did it connect?" on the checklist, which the report records. */
export function createReportStore(
  api: RdpRepairApi,
  connectionTest: () => ConnectionTest | null = () => null,
): StoreApi<ReportState> {
  return createStore<ReportState>()((set, get) => ({
    redact: true,
    markdown: null,
    loading: false,
    notice: null,
    toolNotice: null,

    async load(host) {
      set({ loading: true, notice: null });
      const answer = connectionTest();
      const result = await api['report:get']({
        host,
        redact: get().redact,
        ...(answer ? { connectionTest: answer } : {}),
      });
      if (result.ok) set({ loading: false, markdown: result.value.markdown });
      else set({ loading: false, markdown: null, notice: { intent: 'error', text: result.error.message } });
    },

    async setRedact(host, redact) {
      set({ redact });
      await get().load(host);
    },

    async openTool(tool) {
      set({ toolNotice: null });
      const result = await api['app:open-tool']({ tool });
      if (!result.ok) set({ toolNotice: { intent: 'error', text: result.error.message } });
      else if (!result.value.opened) set({ toolNotice: { intent: 'warning', text: result.value.message } });
    },
  }));
}
