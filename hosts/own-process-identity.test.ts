import { afterEach, describe, expect, it, vi } from 'vitest';

// The hosts hand Windows' start reader to the engine (which may not start PowerShell itself): on Windows,
// this process's identity is read through it, once.
const asked = vi.hoisted(() => [] as number[]);
vi.mock('../machine/powershell/windows-process-start.js', () => ({
  windowsProcessStart: (pid: number) => {
    asked.push(pid);
    return Promise.resolve('638700000000000001');
  },
}));

const platform = Object.getOwnPropertyDescriptor(process, 'platform');
afterEach(() => {
  if (platform) Object.defineProperty(process, 'platform', platform);
});

describe('ownProcessIdentity', () => {
  it("on Windows reads this process's start through Windows PowerShell's reader", async () => {
    Object.defineProperty(process, 'platform', { value: 'win32' });
    const { ownProcessIdentity } = await import('./composition-root.js');
    expect(await ownProcessIdentity()).toEqual({ pid: process.pid, start: '638700000000000001' });
    expect(asked).toEqual([process.pid]);
  });
});
