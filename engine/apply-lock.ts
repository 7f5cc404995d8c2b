import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import { EngineError } from './engine-error.js';
import { type Liveness, liveness, ownProcess, type ProcessIdentity, validPid } from './process-identity.js';

/*
 * One apply lock per machine, not per data folder: two runs on one computer (the app and the command line,
 * two users, two data folders) never interleave their changes. The lock file is the machine's own (a file
 * beside a simulated machine's file; %ProgramData%\RDP Repair\apply.lock on Windows), created exclusively, and
 * names its holder by pid and start time (process-identity.ts), so a reused pid does not keep a dead run's lock,
 * nor a file naming a live process that never took it (a squatter's `{"pid":1,"start":null}`) keep every run out.
 * A lock that is not taken over is refused in one sentence that names the file and what to do: a holder can be
 * forged (pid 1's start is readable by anyone on Linux) or not judged here, and the user must have a way out.
 *
 * Taking over a stale lock is itself serialised by a second exclusive file (`<lock>.takeover`): without it, two
 * processes that both saw the stale lock could each delete the other's fresh one and both believe they hold it.
 * Whoever takes over checks again that the lock it removes is still the stale one and that the new one is its own.
 *
 * Judging a holder may start Windows PowerShell (process-identity.ts), inside Electron's main process: taking
 * the lock is asynchronous so the window goes on painting meanwhile; the file operations stay synchronous.
 */

export interface ApplyLock {
  release(): void;
}

interface LockContent extends ProcessIdentity {
  token: string;
}

function readLock(file: string): LockContent | undefined {
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const { pid, token, start } = json as { pid?: unknown; token?: unknown; start?: unknown };
    if (!validPid(pid) || typeof token !== 'string') return undefined;
    return { pid, token, start: typeof start === 'string' ? start : null };
  } catch {
    return undefined;
  }
}

function tryCreate(file: string, content: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, content);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

/** A lock or takeover file this old that cannot be read was torn by a crash, not being written right now. */
const TORN_AGE_MS = 10_000;

function ageMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/** Why a lock is not ours to take: its holder runs, cannot be judged here, or is writing it this very moment. */
type Held = Exclude<Liveness, 'gone'> | 'writing';

/** One sentence per case, each naming the lock file: a lock RDP Repair cannot clear must not refuse for ever. */
function busy(file: string, why: Held, holder?: LockContent): EngineError {
  const run = holder ? `Another RDP Repair run (process ${holder.pid})` : 'Another RDP Repair run';
  const deleteIt = `delete its lock file (${file})`;
  const text = {
    running: `${run} is changing this computer right now; wait for it to finish and try again, or, if no other RDP Repair window or command line is open, ${deleteIt}.`,
    unknown: `${run} may be changing this computer right now, but RDP Repair cannot tell here whether that process took the lock; close any other RDP Repair window or command line and try again, or, if none is open, ${deleteIt}.`,
    writing: `${run} is taking the lock right now; try again in a few seconds, or, if no other RDP Repair window or command line is open, ${deleteIt}.`,
  }[why];
  return new EngineError('busy', text);
}

const lockedOut = (file: string) =>
  new EngineError(
    'busy',
    `An earlier RDP Repair run left its lock (${file}) and this account may not remove it: another account on this computer made it. Sign in as that account and open RDP Repair once, or ask an administrator to delete that file.`,
  );

const NOT_PERMITTED = new Set(['EPERM', 'EACCES']);

/** Whether what is in the lock file now is a lock nobody holds any more, and if not, why. */
async function judge(file: string): Promise<{ held: Held | undefined; holder: LockContent | undefined }> {
  const holder = readLock(file);
  if (holder) {
    const state = await liveness(holder);
    return { held: state === 'gone' ? undefined : state, holder };
  }
  // An unreadable lock is either being written right now or was torn by a crash long ago.
  return { held: ageMs(file) >= TORN_AGE_MS ? undefined : 'writing', holder };
}

/** Replaces a stale lock with ours, one process at a time; false when another process got there first. */
async function takeOver(
  file: string,
  seen: LockContent | undefined,
  mine: string,
  token: string,
): Promise<boolean> {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard, mine)) {
    // A takeover that crashed halfway leaves its guard: clear it when old, and let the caller try again later.
    if (ageMs(guard) >= TORN_AGE_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    const now = readLock(file);
    // Someone replaced the stale lock between our look and our guard: it is theirs now.
    if (now?.token !== seen?.token || (now && (await liveness(now)) !== 'gone')) return false;
    rmSync(file, { force: true });
    return tryCreate(file, mine) && readLock(file)?.token === token;
  } finally {
    rmSync(guard, { force: true });
  }
}

export async function acquireApplyLock(lockFile: string): Promise<ApplyLock> {
  mkdirSync(dirname(lockFile), { recursive: true });
  const token = randomBytes(8).toString('hex');
  // Read once per process (the app asks at start): usually answered already.
  const mine = JSON.stringify({ ...(await ownProcess()), token });
  if (!tryCreate(lockFile, mine)) {
    const { held, holder } = await judge(lockFile);
    if (held) throw busy(lockFile, held, holder);
    let taken: boolean;
    try {
      taken = await takeOver(lockFile, holder, mine, token);
    } catch (error) {
      // On Windows a file another account made under %ProgramData% is only theirs (and administrators') to delete.
      if (NOT_PERMITTED.has((error as NodeJS.ErrnoException).code ?? '')) throw lockedOut(lockFile);
      throw error;
    }
    // Another process took it over first (or is taking it over): that one is the holder now.
    if (!taken) throw busy(lockFile, 'running');
  }
  return {
    release() {
      if (readLock(lockFile)?.token === token) rmSync(lockFile, { force: true });
    },
  };
}
