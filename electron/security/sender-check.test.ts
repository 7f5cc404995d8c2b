import { describe, expect, it } from 'vitest';
import { type FrameLike, isTrustedSender } from './sender-check.js';

const mainFrame: FrameLike = { url: 'app://rdp-repair/index.html', parent: null, processId: 5, routingId: 1 };

describe('isTrustedSender', () => {
  it("trusts the app window's own main frame on the app's URL", () => {
    expect(isTrustedSender({ frame: mainFrame, mainFrame, senderId: 3, windowId: 3 })).toBe(true);
  });

  it('refuses a sub-frame of the app window', () => {
    const child: FrameLike = {
      url: 'app://rdp-repair/index.html',
      parent: mainFrame,
      processId: 5,
      routingId: 2,
    };
    expect(isTrustedSender({ frame: child, mainFrame, senderId: 3, windowId: 3 })).toBe(false);
  });

  it('refuses the main frame after it navigated away from the app', () => {
    const navigated: FrameLike = { url: 'https://evil.example/', parent: null, processId: 5, routingId: 1 };
    expect(isTrustedSender({ frame: navigated, mainFrame: navigated, senderId: 3, windowId: 3 })).toBe(false);
    const file: FrameLike = { url: 'file:///C:/evil.html', parent: null, processId: 5, routingId: 1 };
    expect(isTrustedSender({ frame: file, mainFrame: file, senderId: 3, windowId: 3 })).toBe(false);
  });

  it('refuses another window and requests before the window exists', () => {
    expect(isTrustedSender({ frame: mainFrame, mainFrame, senderId: 4, windowId: 3 })).toBe(false);
    expect(isTrustedSender({ frame: mainFrame, mainFrame, senderId: 3, windowId: undefined })).toBe(false);
  });

  it('compares frames by id, so an equal copy of the main frame object is trusted and another frame is not', () => {
    expect(isTrustedSender({ frame: { ...mainFrame }, mainFrame, senderId: 3, windowId: 3 })).toBe(true);
    const other = { ...mainFrame, routingId: 9 };
    expect(isTrustedSender({ frame: other, mainFrame, senderId: 3, windowId: 3 })).toBe(false);
    const otherProcess = { ...mainFrame, processId: 6 };
    expect(isTrustedSender({ frame: otherProcess, mainFrame, senderId: 3, windowId: 3 })).toBe(false);
  });

  it('refuses a frame that has gone', () => {
    expect(isTrustedSender({ frame: null, mainFrame, senderId: 3, windowId: 3 })).toBe(false);
  });
});
