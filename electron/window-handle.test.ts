import { describe, expect, it } from 'vitest';
import { isWindowHandle } from '../machine/powershell/powershell-commands.js';
import { windowHandleText } from './window-handle.js';

describe('the app window handle for the UAC prompt', () => {
  it('reads 64-bit and 32-bit handles as Electron gives them (little-endian bytes)', () => {
    const wide = Buffer.alloc(8);
    wide.writeBigUInt64LE(0x1406a4n);
    expect(windowHandleText(wide)).toBe('1312420');
    const narrow = Buffer.alloc(4);
    narrow.writeUInt32LE(0x000a0b2c);
    expect(windowHandleText(narrow)).toBe('658220');
    expect(isWindowHandle(windowHandleText(wide) ?? '')).toBe(true);
  });

  it('gives no owner for no window, a zero handle or another shape', () => {
    expect(windowHandleText(undefined)).toBeUndefined();
    expect(windowHandleText(Buffer.alloc(8))).toBeUndefined();
    expect(windowHandleText(Buffer.alloc(3, 1))).toBeUndefined();
  });
});
