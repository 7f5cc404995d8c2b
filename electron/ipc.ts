import { type BrowserWindow, type IpcMainInvokeEvent, ipcMain } from 'electron';
import type { z } from 'zod';
import type { IpcHandlers } from '../engine/ipc-handlers.js';
import { IPC_EVENTS, type IpcEvent } from '../shared/ipc.js';
import { IPC_CHANNEL_NAMES } from '../shared/ipc-channel-names.js';
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

/**
 * The events of one kind (apply progress, check progress), each checked against the contract here (the preload
 * has no zod) and sent to the app window only.
 */
export function eventForwarder<E extends IpcEvent>(
  event: E,
  appWindow: () => BrowserWindow | null,
): (payload: z.input<(typeof IPC_EVENTS)[E]>) => void {
  return (payload) => {
    const parsed = IPC_EVENTS[event].safeParse(payload);
    const window = appWindow();
    if (parsed.success && window !== null && !window.isDestroyed()) {
      window.webContents.send(event, parsed.data);
    }
  };
}
