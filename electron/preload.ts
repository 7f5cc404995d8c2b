import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import { type ApplyProgress, IPC_CHANNELS, IPC_EVENTS, type RdpRepairApi } from '../shared/ipc.js';

/*
 * window.rdpRepair: one named function per IPC channel and the progress subscription, nothing else.
 * No generic invoke and no ipcRenderer reach the page; the Electron event object is never passed on.
 */

function buildApi(): RdpRepairApi {
  const functions = Object.fromEntries(
    Object.keys(IPC_CHANNELS).map((channel) => [
      channel,
      (request: unknown) => ipcRenderer.invoke(channel, request),
    ]),
  );
  return {
    ...functions,
    onProgress(listener: (progress: ApplyProgress) => void): () => void {
      const forward = (_event: IpcRendererEvent, payload: unknown) => {
        const parsed = IPC_EVENTS['repair:progress'].safeParse(payload);
        if (parsed.success) listener(parsed.data);
      };
      ipcRenderer.on('repair:progress', forward);
      return () => {
        ipcRenderer.removeListener('repair:progress', forward);
      };
    },
  } as RdpRepairApi;
}

contextBridge.exposeInMainWorld('rdpRepair', buildApi());
