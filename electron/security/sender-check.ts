import { isAppUrl } from './app-url.js';

/*
 * IPC answers only the app's own top-level page in the app's own window. A frame inside it (an iframe),
 * a page that navigated elsewhere, or another window gets an error instead of access to the machine.
 */

/** The parts of Electron's WebFrameMain the check needs; frames are compared by id, not object identity. */
export interface FrameLike {
  readonly url: string;
  readonly parent: FrameLike | null;
  readonly processId: number;
  readonly routingId: number;
}

export interface SenderFacts {
  /** `event.senderFrame`: null when the frame has gone. */
  frame: FrameLike | null;
  /** `event.sender.mainFrame`. */
  mainFrame: FrameLike;
  /** `event.sender.id`. */
  senderId: number;
  /** The app window's `webContents.id`, undefined before the window exists. */
  windowId: number | undefined;
}

export function isTrustedSender(facts: SenderFacts): boolean {
  const { frame } = facts;
  return (
    facts.windowId !== undefined &&
    facts.senderId === facts.windowId &&
    frame !== null &&
    frame.processId === facts.mainFrame.processId &&
    frame.routingId === facts.mainFrame.routingId &&
    frame.parent === null &&
    isAppUrl(frame.url)
  );
}

export const UNTRUSTED_SENDER_MESSAGE =
  'The request was refused because it did not come from the app window.';
