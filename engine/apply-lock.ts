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
import { join } from 'node:path';
import { EngineError } from './engine-error.js';

export interface ApplyLock {
  release(): void;
}

interface LockContent {
  pid: number;
  token: string;
}

export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof json === 'object' && json !== null && 'pid' in json && 'token' in json) {
      const { pid, token } = json as { pid: unknown; token: unknown };
      if (typeof pid === 'number' && Number.isInteger(pid) && typeof token === 'string')
        return { pid, token };
    }
    return undefined;
  } catch {
    return undefined;
  }
}

function tryCreate(file: string, content: LockContent): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(content));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

const TORN_LOCK_AGE_MS = 10_000;

function lockAgeMs(file: string): number {
  try {
    return Date.now() - statSync(file).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

const BUSY_MESSAGE =
  'Another RDP Repair run (the app or the command line) is changing this computer right now; wait for it to finish, then try again.';

/**
 * `<dataDir>/apply.lock`, created exclusively, holds the pid of the process that applies, undoes or recovers,
 * so two of them (app and CLI, or a double click) never interleave. A lock left by a dead process is taken over.
 */
export function acquireApplyLock(dataDir: string): ApplyLock {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'apply.lock');
  const mine: LockContent = { pid: process.pid, token: randomBytes(8).toString('hex') };
  if (!tryCreate(file, mine)) {
    const holder = readLock(file);
    if (holder && isProcessAlive(holder.pid)) throw new EngineError('busy', BUSY_MESSAGE);
    // An unreadable lock is either being written right now or was torn by a crash long ago.
    if (!holder && lockAgeMs(file) < TORN_LOCK_AGE_MS) throw new EngineError('busy', BUSY_MESSAGE);
    rmSync(file, { force: true });
    if (!tryCreate(file, mine)) throw new EngineError('busy', BUSY_MESSAGE);
  }
  return {
    release() {
      if (readLock(file)?.token === mine.token) rmSync(file, { force: true });
    },
  };
}
