import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { acquireApplyLock } from './apply-lock.js';
import { ownProcess } from './process-identity.js';

const RACER = fileURLToPath(new URL('../test/support/apply-lock-racer.ts', import.meta.url));
const scratch = () => mkdtempSync(join(tmpdir(), 'rdp-repair-lock-'));
const DEAD_PID = 2 ** 22 + 12345;
// A live process that is not this one and never took the lock, whose start can be read: pid 1 on Linux (anyone
// may read its /proc entry); on Windows, which has no pid 1, the parent of this test process (the same user's,
// read through Windows PowerShell).
const LIVE_OTHER_PID = process.platform === 'win32' ? process.ppid : 1;

function racer(
  lockFile: string,
  arena: string,
  name: string,
): Promise<{ acquired: boolean; overlap: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', RACER, lockFile, arena, name], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('exit', (code) => {
      if (code === 0) resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}'));
      else reject(new Error(`racer ${name} exited ${code}: ${err}`));
    });
  });
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 2000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

/** The message acquiring the lock is refused with; fails the test when the lock is taken instead. */
async function refusal(file: string): Promise<string> {
  try {
    (await acquireApplyLock(file)).release();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('the lock was taken');
}

describe('the apply lock', () => {
  it('names its holder by pid and start time, and is released only by its holder', async () => {
    const file = join(scratch(), 'apply.lock');
    const lock = await acquireApplyLock(file);
    const content = JSON.parse(readFileSync(file, 'utf8'));
    expect(content).toMatchObject(await ownProcess());
    await expect(acquireApplyLock(file)).rejects.toThrow(/Another RDP Repair run/);
    lock.release();
    expect(existsSync(file)).toBe(false);
  });

  it('a lock its live holder took refuses, in one sentence that names the file and what to do', async () => {
    const file = join(scratch(), 'apply.lock');
    const lock = await acquireApplyLock(file);
    const message = await refusal(file);
    lock.release();
    expect(message).toMatch(/^Another RDP Repair run/);
    expect(message).toContain(file);
    expect(message).toMatch(/delete/);
    // One sentence: a single full stop, at the end.
    expect(message.replace(file, '').match(/\./g)).toEqual(['.']);
  });

  it('takes over a lock naming a live process that never took it: pid 1 with no start time', async () => {
    // Only where the start of that process can be read: there every lock records its holder's start.
    if (process.platform !== 'linux' && process.platform !== 'win32') return;
    const file = join(scratch(), 'apply.lock');
    writeFileSync(file, JSON.stringify({ pid: LIVE_OTHER_PID, start: null, token: 'squatter' }));
    const lock = await acquireApplyLock(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject(await ownProcess());
    lock.release();
  });

  it('takes over a lock naming a live process that never took it: pid 1 with a start time not its own', async () => {
    if (process.platform !== 'linux' && process.platform !== 'win32') return;
    const file = join(scratch(), 'apply.lock');
    writeFileSync(file, JSON.stringify({ pid: LIVE_OTHER_PID, start: '12345678901', token: 'squatter' }));
    const lock = await acquireApplyLock(file);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject(await ownProcess());
    lock.release();
  });

  it('takes over a lock whose pid is alive but is another process now (the pid was reused)', async () => {
    if (process.platform !== 'linux' && process.platform !== 'win32') return;
    const file = join(scratch(), 'apply.lock');
    // This very pid, but started at another time: the process that held it is gone.
    writeFileSync(file, JSON.stringify({ pid: process.pid, start: '1', token: 'reused' }));
    const lock = await acquireApplyLock(file);
    expect(JSON.parse(readFileSync(file, 'utf8')).token).not.toBe('reused');
    lock.release();
  });

  it('never counts pid 0 or a negative pid as a live holder', async () => {
    for (const pid of [0, -1]) {
      const dir = scratch();
      const file = join(dir, 'apply.lock');
      writeFileSync(file, JSON.stringify({ pid, start: null, token: 'bad' }));
      // Unreadable as a holder, and old: a lock torn long ago, taken over.
      const old = new Date(Date.now() - 60_000);
      utimesSync(file, old, old);
      (await acquireApplyLock(file)).release();
    }
  });

  it('ten processes racing for a stale lock: one at a time holds it, never two', {
    timeout: 120_000,
  }, async () => {
    for (let round = 0; round < 3; round++) {
      const arena = scratch();
      const file = join(arena, 'apply.lock');
      writeFileSync(file, JSON.stringify({ pid: DEAD_PID, start: null, token: 'stale' }));
      const names = Array.from({ length: 10 }, (_, i) => `r${i}`);
      const results = names.map((name) => racer(file, arena, name));
      await waitFor(
        () => readdirSync(arena).filter((f) => f.startsWith('ready-')).length === names.length,
        'racers',
      );
      writeFileSync(join(arena, 'go'), '');
      const outcomes = await Promise.all(results);
      expect(outcomes.some((o) => o.acquired)).toBe(true);
      expect(outcomes.filter((o) => o.overlap)).toEqual([]);
    }
  });
});
