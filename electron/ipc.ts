import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import type { IpcHandlers } from '../engine/ipc-handlers.js';
import { type ApplyProgress, IPC_EVENTS } from '../shared/ipc.js';
import { IPC_CHANNEL_NAMES, PROGRESS_EVENT } from '../shared/ipc-channel-names.js';
import { isTrustedSender, UNTRUSTED_SENDER_MESSAGE } from './security/sender-check.js';

/*
 * One ipcMain.handle per channel of the contract. Each checks the sender before the engine sees the
 * request; the handlers validate the payload themselves and never throw.
 */

export function registerIpc(handlers: IpcHandlers, appWindow: () => BrowserWindow | null): void {
  for (const channel of IPC_CHANNEL_NAMES) {
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, request: unknown) => {
      const trusted = isTrustedSender({
        frame: event.senderFrame,
        mainFrame: event.sender.mainFrame,
        senderId: event.sender.id,
        windowId: appWindow()?.webContents.id,
      });
      if (!trusted) return { ok: false, error: { code: 'invalid-input', message: UNTRUSTED_SENDER_MESSAGE } };
      return handlers[channel](request);
    });
  }
}

/** Progress of a running apply, checked against the contract here (the preload has no zod), sent to the app window only. */
export function progressForwarder(appWindow: () => BrowserWindow | null): (progress: ApplyProgress) => void {
  return (progress) => {
    const parsed = IPC_EVENTS[PROGRESS_EVENT].safeParse(progress);
    const window = appWindow();
    if (parsed.success && window !== null && !window.isDestroyed()) {
      window.webContents.send(PROGRESS_EVENT, parsed.data);
    }
  };
}
