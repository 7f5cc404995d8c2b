import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { ApplyProgress, RdpRepairApi } from '../shared/ipc.js';
import { IPC_CHANNEL_NAMES, PROGRESS_EVENT } from '../shared/ipc-channel-names.js';

/*
 * window.rdpRepair: one named function per IPC channel and the progress subscription, nothing else.
 * No generic invoke and no ipcRenderer reach the page; the Electron event object is never passed on.
 */

function buildApi(): RdpRepairApi {
  const functions = Object.fromEntries(
    IPC_CHANNEL_NAMES.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
  );
  return {
    ...functions,
    onProgress(listener: (progress: ApplyProgress) => void): () => void {
      // Main validated the payload against the contract before sending it.
      const forward = (_event: IpcRendererEvent, payload: ApplyProgress) => listener(payload);
      ipcRenderer.on(PROGRESS_EVENT, forward);
      return () => {
        ipcRenderer.removeListener(PROGRESS_EVENT, forward);
      };
    },
  } as RdpRepairApi;
}

contextBridge.exposeInMainWorld('rdpRepair', buildApi());
