import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type TextRunner, windowsProcessStart } from './windows-process-start.js';

/*
 * The Windows reader of a process's start runs inside Electron's main process: while Windows PowerShell
 * starts and answers (0.5–3 s), the window must keep painting. So the reader answers with a promise and the
 * event loop goes on turning while it waits. Its real PowerShell is in windows-process-start.pwsh.test.ts.
 */

/** A PowerShell that answers only when told to, recording what it was asked. */
function slowPowerShell(): {
  run: TextRunner;
  calls: { file: string; args: readonly string[]; timeoutMs: number }[];
  answer: (stdout: string) => void;
} {
  const calls: { file: string; args: readonly string[]; timeoutMs: number }[] = [];
  let answer: (stdout: string) => void = () => undefined;
  const run: TextRunner = (file, args, timeoutMs) => {
    calls.push({ file, args, timeoutMs });
    return new Promise<string>((resolve) => {
      answer = resolve;
    });
  };
  return { run, calls, answer: (stdout) => answer(stdout) };
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('windowsProcessStart never blocks the process that asks', () => {
  it('answers with a promise, and the event loop turns while PowerShell runs', async () => {
    const shell = slowPowerShell();
    const pending = windowsProcessStart(4242, 'powershell.exe', { run: shell.run });
    expect(pending).toBeInstanceOf(Promise);
    let settled = false;
    void pending.then(() => {
      settled = true;
    });
    let turned = false;
    setImmediate(() => {
      turned = true;
    });
    await nextTurn();
    expect(turned).toBe(true);
    expect(settled).toBe(false);
    expect(shell.calls).toHaveLength(1);
    expect(shell.calls[0]?.file).toBe('powershell.exe');
    expect(shell.calls[0]?.args.join(' ')).toContain('GetProcessById(4242)');
    // Bounded: a PowerShell that never answers cannot hold the lock's judgement for ever.
    expect(shell.calls[0]?.timeoutMs).toBeGreaterThan(0);
    expect(shell.calls[0]?.timeoutMs).toBeLessThanOrEqual(60_000);
    shell.answer('638712345678901234\r\n');
    expect(await pending).toBe('638712345678901234');
  });

  it('takes anything but one number for no answer', async () => {
    for (const stdout of ['', 'Access denied', '12 34', '1'.repeat(21)]) {
      const shell = slowPowerShell();
      const pending = windowsProcessStart(4242, 'powershell.exe', { run: shell.run });
      shell.answer(stdout);
      expect(await pending).toBeNull();
    }
  });

  it('gives up on a PowerShell that never answers, within its bound', async () => {
    if (process.platform === 'win32') return;
    // A "PowerShell" that hangs: the default runner's time limit ends it and the answer is null.
    const folder = mkdtempSync(join(tmpdir(), 'rdp-repair-hanging-shell-'));
    const hanging = join(folder, 'hanging-powershell');
    writeFileSync(hanging, '#!/bin/sh\nexec sleep 60\n');
    chmodSync(hanging, 0o755);
    let turns = 0;
    const ticker = setInterval(() => {
      turns += 1;
    }, 1);
    try {
      expect(await windowsProcessStart(process.pid, hanging, { timeoutMs: 300 })).toBeNull();
    } finally {
      clearInterval(ticker);
    }
    expect(turns).toBeGreaterThan(0);
  });
});
