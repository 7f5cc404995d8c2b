import { spawnSync } from 'node:child_process';
import { WINDOWS_POWERSHELL } from '../machine/powershell/windows-powershell-path.js';

/*
 * When a Windows process started, as .NET reads it (the kernel's creation time, in 100 ns ticks since 0001):
 * plain Node has no way to ask, so Windows PowerShell is asked, by absolute path, with the pid as an integer
 * in the command (validated by the caller) and nothing else from outside. It costs one short PowerShell start
 * (not measured here: these machines have no Windows), paid once per run when the apply lock is
 * taken and when a lock or an unfinished run is found. A process it may not open (another user's, an elevated
 * one) or one that has gone answers null; the caller then compares the pid alone.
 */

const TIMEOUT_MS = 15_000;

export function windowsProcessStart(pid: number, shell: string = WINDOWS_POWERSHELL): string | null {
  if (!Number.isInteger(pid) || pid <= 0 || pid > 0x7fffffff) return null;
  const script = `try { [System.Diagnostics.Process]::GetProcessById(${pid}).StartTime.ToUniversalTime().Ticks } catch { '' }`;
  const outcome = spawnSync(shell, ['-NoProfile', '-NonInteractive', '-Command', script], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    windowsHide: true,
  });
  const text = typeof outcome.stdout === 'string' ? outcome.stdout.trim() : '';
  return /^\d{1,20}$/.test(text) ? text : null;
}
