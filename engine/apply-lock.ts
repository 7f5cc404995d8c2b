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
import { currentProcess, isAlive, type ProcessIdentity, validPid } from './process-identity.js';

/*
 * One apply lock per machine, not per data folder: two runs on one computer (the app and the command line,
 * two users, two data folders) never interleave their changes. The lock file is the machine's own (a file
 * beside a simulated machine's file; %ProgramData%\RDP Repair\apply.lock on Windows), created exclusively, and
 * names its holder by pid and start time (process-identity.ts), so a reused pid does not keep a dead run's lock.
 *
 * Taking over a stale lock is itself serialised by a second exclusive file (`<lock>.takeover`): without it, two
 * processes that both saw the stale lock could each delete the other's fresh one and both believe they hold it.
 * Whoever takes over checks again that the lock it removes is still the stale one and that the new one is its own.
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

const BUSY_MESSAGE =
  'Another RDP Repair run (the app or the command line) is changing this computer right now; wait for it to finish, then try again.';

const busy = () => new EngineError('busy', BUSY_MESSAGE);

const lockedOut = (file: string) =>
  new EngineError(
    'busy',
    `An earlier RDP Repair run left its lock (${file}) and this account may not remove it: another account on this computer made it. Sign in as that account and open RDP Repair once, or ask an administrator to delete that file.`,
  );

const NOT_PERMITTED = new Set(['EPERM', 'EACCES']);

/** Whether what is in the lock file now is a lock nobody holds any more. */
function isStale(file: string): { stale: boolean; holder: LockContent | undefined } {
  const holder = readLock(file);
  if (holder) return { stale: !isAlive(holder), holder };
  // An unreadable lock is either being written right now or was torn by a crash long ago.
  return { stale: ageMs(file) >= TORN_AGE_MS, holder };
}

/** Replaces a stale lock with ours, one process at a time; false when another process got there first. */
function takeOver(file: string, seen: LockContent | undefined, mine: string, token: string): boolean {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard, mine)) {
    // A takeover that crashed halfway leaves its guard: clear it when old, and let the caller try again later.
    if (ageMs(guard) >= TORN_AGE_MS) rmSync(guard, { force: true });
    return false;
  }
  try {
    const now = readLock(file);
    // Someone replaced the stale lock between our look and our guard: it is theirs now.
    if (now?.token !== seen?.token || (now && isAlive(now))) return false;
    rmSync(file, { force: true });
    return tryCreate(file, mine) && readLock(file)?.token === token;
  } finally {
    rmSync(guard, { force: true });
  }
}

export function acquireApplyLock(lockFile: string): ApplyLock {
  mkdirSync(dirname(lockFile), { recursive: true });
  const token = randomBytes(8).toString('hex');
  const mine = JSON.stringify({ ...currentProcess(), token });
  if (!tryCreate(lockFile, mine)) {
    const { stale, holder } = isStale(lockFile);
    if (!stale) throw busy();
    let taken: boolean;
    try {
      taken = takeOver(lockFile, holder, mine, token);
    } catch (error) {
      // On Windows a file another account made under %ProgramData% is only theirs (and administrators') to delete.
      if (NOT_PERMITTED.has((error as NodeJS.ErrnoException).code ?? '')) throw lockedOut(lockFile);
      throw error;
    }
    if (!taken) throw busy();
  }
  return {
    release() {
      if (readLock(lockFile)?.token === token) rmSync(lockFile, { force: true });
    },
  };
}
