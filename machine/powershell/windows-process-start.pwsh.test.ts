import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { pwshForTests } from '../../test/support/pwsh-for-tests.js';
import { windowsProcessStart } from './windows-process-start.js';

/*
 * The Windows reader of a process's start, run with the real pwsh here: the same .NET call
 * (Process.StartTime) answers on Linux, so the command, its output and its failures are the real ones; on
 * Windows it runs Windows PowerShell 5.1 (engine/process-identity.test.ts).
 */

describe('windowsProcessStart (real PowerShell)', () => {
  it('gives this process one start time each time it is asked', async () => {
    const first = await windowsProcessStart(process.pid, pwshForTests());
    const second = await windowsProcessStart(process.pid, pwshForTests());
    expect(first).toMatch(/^\d{15,20}$/);
    // Windows reads the creation time itself (GetProcessTimes), the same to the tick; .NET on Linux derives it
    // from the boot time, which moves by a millisecond or so between calls (under a second, here).
    const apart = BigInt(first ?? '0') - BigInt(second ?? '0');
    expect(apart < 0n ? -apart : apart).toBeLessThan(10_000_000n);
  });

  it('tells a later process apart, and answers null once it has gone', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      const pid = child.pid ?? 0;
      const start = await windowsProcessStart(pid, pwshForTests());
      expect(start).toMatch(/^\d{15,20}$/);
      expect(BigInt(start ?? '0')).toBeGreaterThan(
        BigInt((await windowsProcessStart(process.pid, pwshForTests())) ?? '0'),
      );
      child.kill('SIGKILL');
      await once(child, 'exit');
      expect(await windowsProcessStart(pid, pwshForTests())).toBeNull();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('never starts PowerShell for a pid that cannot be one', async () => {
    for (const pid of [0, -1, 1.5, 2 ** 31])
      expect(await windowsProcessStart(pid, '/nonexistent/pwsh')).toBeNull();
  });

  it('answers null when PowerShell is not there', async () => {
    expect(await windowsProcessStart(process.pid, '/nonexistent/pwsh')).toBeNull();
  });
});
