import { readFileSync } from 'node:fs';

/*
 * Which process holds the apply lock or made a run: its pid and, where the system says, when it started. A
 * pid alone is reused: a lock or run left by a dead process would look alive for as long as an unrelated
 * process with the same pid runs. With the start time, such a process is told apart.
 *
 * Where the start time is read: Linux's /proc/<pid>/stat (field 22, clock ticks since boot); Windows through
 * .NET in Windows PowerShell (machine/powershell/windows-process-start.ts: plain Node cannot ask), a reader the
 * hosts hand in (hosts/composition-root.ts), so the engine starts no interpreter of its own. Elsewhere
 * (macOS) `start` is null, and a live pid's record cannot be judged (`liveness`: 'unknown'). The Windows read
 * starts a process, in Electron's main process too, so every read here answers with a promise: the window
 * never freezes on it.
 */

export interface ProcessIdentity {
  pid: number;
  /** When the process started, as the system counts it; null where it cannot be read. */
  start: string | null;
}

/** Where a start is read: synchronous (/proc) or not (Windows PowerShell). */
export type StartReader = (pid: number) => Promise<string | null> | string | null;

/** Linux's /proc/<pid>/stat; null anywhere else or when it cannot be read. A file read: fast, so synchronous. */
function procStart(pid: number, procRoot: string): string | null {
  if (process.platform !== 'linux') return null;
  try {
    const stat = readFileSync(`${procRoot}/${pid}/stat`, 'utf8');
    // Field 2 is the command name in parentheses and may hold spaces or ')': the fields after the last ')'.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = rest[19];
    return ticks && /^\d{1,20}$/.test(ticks) ? ticks : null;
  } catch {
    return null;
  }
}

let windowsStart: StartReader | undefined;

/**
 * How Windows reads a process's start, handed in by the host before it asks for its own identity. Without one,
 * a start on Windows reads as null: a record then cannot be judged ('unknown'), never wrongly judged dead.
 */
export function setWindowsStartReader(reader: StartReader): void {
  windowsStart = reader;
}

/** The start of a process, or null: gone, not readable, or a system that does not say. */
export async function processStart(pid: number, procRoot = '/proc'): Promise<string | null> {
  if (!validPid(pid)) return null;
  if (process.platform === 'win32') return windowsStart ? windowsStart(pid) : null;
  return procStart(pid, procRoot);
}

/** pid 0 is the system's own, negative ones name process groups to process.kill: never a lock holder. */
export function validPid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 && pid <= 0x7fffffff;
}

let ownStart: Promise<string | null> | undefined;
let ownStartRead: { start: string | null } | undefined;

/**
 * This process, its start read once, whoever asks (on Windows each read starts PowerShell). The app and the
 * command line ask early, in the background, so the apply lock finds it read.
 */
export async function ownProcess(): Promise<ProcessIdentity> {
  ownStart ??= processStart(process.pid).then((start) => {
    ownStartRead = { start };
    return start;
  });
  return { pid: process.pid, start: await ownStart };
}

/**
 * This process, synchronously: once ownProcess() has answered (the apply lock awaits it first). Before that,
 * Linux reads /proc here; Windows refuses rather than answer without the start: a run or lock recorded
 * without it would be judged another process's record, and rolled back or taken over under a live run.
 */
export function currentProcess(): ProcessIdentity {
  if (ownStartRead === undefined) {
    if (process.platform === 'win32') {
      throw new Error("This process's start has not been read yet: await ownProcess() first.");
    }
    ownStartRead = { start: procStart(process.pid, '/proc') };
  }
  return { pid: process.pid, start: ownStartRead.start };
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * What can be said of a recorded process: that very process still `running`, `gone`, or `unknown` where a
 * process with that pid runs but when it started cannot be read here (macOS; on Windows another account's or a
 * protected process; under Linux's hidepid). Every holder records its own start where it can be read, so where
 * the pid's start can be read a record without it, or with another, was not made by that process: a lock file
 * naming pid 1 that pid 1 never took is `gone`, not a holder for ever.
 */
export type Liveness = 'running' | 'gone' | 'unknown';

export async function liveness(
  identity: ProcessIdentity,
  startOf: StartReader = processStart,
): Promise<Liveness> {
  if (!validPid(identity.pid) || !pidAlive(identity.pid)) return 'gone';
  const now = await startOf(identity.pid);
  if (now === null) return 'unknown';
  return now === identity.start ? 'running' : 'gone';
}

/** Whether that process may still run: not known to be gone (a run it made is then not rolled back). */
export async function isAlive(
  identity: ProcessIdentity,
  startOf: StartReader = processStart,
): Promise<boolean> {
  return (await liveness(identity, startOf)) !== 'gone';
}
