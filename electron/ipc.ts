import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import type { IpcHandlers } from '../engine/ipc-handlers.js';
import { type ApplyProgress, IPC_CHANNELS, type IpcChannel } from '../shared/ipc.js';
import { isTrustedSender, UNTRUSTED_SENDER_MESSAGE } from './security/sender-check.js';

/*
 * One ipcMain.handle per channel of the contract. Each checks the sender before the engine sees the
 * request; the handlers validate the payload themselves and never throw.
 */

export const IPC_CHANNEL_NAMES = Object.keys(IPC_CHANNELS) as IpcChannel[];

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

/** Progress of a running apply, sent to the app window only. */
export function progressForwarder(appWindow: () => BrowserWindow | null): (progress: ApplyProgress) => void {
  return (progress) => {
    const window = appWindow();
    if (window !== null && !window.isDestroyed()) window.webContents.send('repair:progress', progress);
  };
}
