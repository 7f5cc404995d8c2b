import { execFile } from 'node:child_process';
import { WINDOWS_POWERSHELL } from './windows-powershell-path.js';

/*
 * When a Windows process started, as .NET reads it (the kernel's creation time, in 100 ns ticks since 0001):
 * plain Node has no way to ask, so Windows PowerShell is asked, by absolute path, with the pid as an integer
 * in the command (validated here) and nothing else from outside. It costs one short PowerShell start (0.5–3 s;
 * not measured here: these machines have no Windows), paid when a lock or an unfinished run of another process
 * is judged, and once for this process (engine/process-identity.ts caches it). It runs inside Electron's main
 * process, so it never waits synchronously: a frozen window for seconds is what spawnSync did here. A process it
 * may not open (another user's, an elevated one) or one that has gone answers null; the caller then compares
 * the pid alone.
 */

/** Runs a program and resolves with its stdout ('' when it failed, timed out or is not there); never rejects. */
export type TextRunner = (file: string, args: readonly string[], timeoutMs: number) => Promise<string>;

const TIMEOUT_MS = 15_000;

const runForStdout: TextRunner = (file, args, timeoutMs) =>
  new Promise<string>((resolve) => {
    execFile(
      file,
      [...args],
      { encoding: 'utf8', timeout: timeoutMs, windowsHide: true, maxBuffer: 64 * 1024 },
      // Killed at its time limit or failed: whatever it wrote is not trusted as a complete answer.
      (error, stdout) => resolve(error ? '' : stdout),
    );
  });

export interface WindowsProcessStartOptions {
  /** How the program is run (child_process; a fake in tests). */
  run?: TextRunner;
  /** Longest wait for PowerShell's answer. */
  timeoutMs?: number;
}

export async function windowsProcessStart(
  pid: number,
  shell: string = WINDOWS_POWERSHELL,
  options: WindowsProcessStartOptions = {},
): Promise<string | null> {
  if (!Number.isInteger(pid) || pid <= 0 || pid > 0x7fffffff) return null;
  const script = `try { [System.Diagnostics.Process]::GetProcessById(${pid}).StartTime.ToUniversalTime().Ticks } catch { '' }`;
  const run = options.run ?? runForStdout;
  const stdout = await run(
    shell,
    ['-NoProfile', '-NonInteractive', '-Command', script],
    options.timeoutMs ?? TIMEOUT_MS,
  );
  const text = stdout.trim();
  return /^\d{1,20}$/.test(text) ? text : null;
}
