import { contextBridge, type IpcRendererEvent, ipcRenderer } from 'electron';
import type { ApplyProgress, RdpRepairApi } from '../shared/ipc.js';
import { IPC_CHANNEL_NAMES, PROGRESS_EVENT, SCAN_PROGRESS_EVENT } from '../shared/ipc-channel-names.js';
import type { ScanProgress } from '../shared/scan-progress.js';

/*
 * window.rdpRepair: one named function per IPC channel and the two progress subscriptions, nothing else.
 * No generic invoke and no ipcRenderer reach the page; the Electron event object is never passed on.
 */

/** A subscription to one event; the Electron event object stays here. Main validated the payload before sending it. */
function subscribe<T>(event: string, listener: (payload: T) => void): () => void {
  const forward = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(event, forward);
  return () => {
    ipcRenderer.removeListener(event, forward);
  };
}

function buildApi(): RdpRepairApi {
  const functions = Object.fromEntries(
    IPC_CHANNEL_NAMES.map((channel) => [channel, (request: unknown) => ipcRenderer.invoke(channel, request)]),
  );
  return {
    ...functions,
    onProgress: (listener: (progress: ApplyProgress) => void) => subscribe(PROGRESS_EVENT, listener),
    onScanProgress: (listener: (progress: ScanProgress) => void) => subscribe(SCAN_PROGRESS_EVENT, listener),
  } as RdpRepairApi;
}

contextBridge.exposeInMainWorld('rdpRepair', buildApi());
