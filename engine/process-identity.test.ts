import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAlive, liveness, ownProcess, processStart, validPid } from './process-identity.js';

describe('process identity', () => {
  it('reads the start from /proc even when the command name holds spaces and parentheses', async () => {
    const root = mkdtempSync(join(tmpdir(), 'rdp-repair-proc-'));
    mkdirSync(join(root, String(process.pid)));
    const fields = ['S', ...Array.from({ length: 18 }, (_, i) => String(i + 1)), '987654', '0', '0'];
    writeFileSync(join(root, String(process.pid), 'stat'), `4242 (evil) name (x)) ${fields.join(' ')}\n`);
    if (process.platform === 'win32') {
      // Windows has no /proc: the folder is never read, and the start is what .NET says through Windows
      // PowerShell (windows-process-start.ts): this process's creation time in 100 ns ticks.
      const start = await processStart(process.pid, root);
      expect(start).toMatch(/^\d{15,20}$/);
      expect(start).not.toBe('987654');
      return;
    }
    // macOS: no /proc and no other source, so no start (liveness says 'unknown' for a live pid).
    if (process.platform !== 'linux') {
      expect(await processStart(process.pid, root)).toBeNull();
      return;
    }
    expect(await processStart(process.pid, root)).toBe('987654');
    expect(await processStart(process.pid + 1, root)).toBeNull();
  });

  it('this process is alive as itself, and not as the same pid started at another time', async () => {
    expect(await isAlive(await ownProcess())).toBe(true);
    if (process.platform === 'linux' || process.platform === 'win32')
      expect(await isAlive({ pid: process.pid, start: '1' })).toBe(false);
  });

  it('pid 0, negative and fractional pids are never a process', async () => {
    for (const pid of [0, -1, 1.5, 2 ** 31]) {
      expect(validPid(pid)).toBe(false);
      expect(await isAlive({ pid, start: null })).toBe(false);
    }
  });
});

describe('an unfinished run, by the identity of the process that made it', () => {
  it('is unfinished when its pid now belongs to another process, and running while that very process lives', async () => {
    // Linux reads the start from /proc, Windows through Windows PowerShell: the same answers. macOS cannot say.
    if (process.platform !== 'linux' && process.platform !== 'win32') return;
    const { isUnfinished } = await import('./recover.js');
    const run = {
      runId: 'run-2026-11-20-0001',
      sequence: 1,
      host: 'server01',
      startedAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
      pid: process.ppid,
      state: 'in-progress' as const,
      changes: [],
    };
    expect(await isUnfinished({ ...run, processStart: await processStart(process.ppid) })).toBe(false);
    expect(await isUnfinished({ ...run, processStart: '1' })).toBe(true);
  });
});

describe('what can be said of a recorded process', () => {
  it('a live pid whose start can be read is that process only with that very start', async () => {
    if (process.platform !== 'linux' && process.platform !== 'win32') return;
    // Linux: pid 1, whose start anyone may read in /proc. Windows has no pid 1 (4 is System, whose start .NET
    // may not read): the parent of this test process, the same user's, whose start Windows PowerShell reads.
    const pid = process.platform === 'win32' ? process.ppid : 1;
    const start = await processStart(pid);
    expect(start).not.toBeNull();
    expect(await liveness({ pid, start })).toBe('running');
    // Every holder records its own start where it can be read: none, or another one, is someone else's record.
    expect(await liveness({ pid, start: null })).toBe('gone');
    expect(await liveness({ pid, start: '1' })).toBe('gone');
    expect(await isAlive({ pid, start: null })).toBe(false);
  });

  it('a live pid whose start cannot be read here cannot be judged', async () => {
    const unreadable = () => null;
    expect(await liveness({ pid: process.pid, start: null }, unreadable)).toBe('unknown');
    expect(await liveness({ pid: process.pid, start: '1' }, unreadable)).toBe('unknown');
    // Not known to be gone: a run it made is not offered for rollback.
    expect(await isAlive({ pid: process.pid, start: null }, unreadable)).toBe(true);
  });

  it('a dead pid is gone whatever its record says', async () => {
    expect(await liveness({ pid: 2 ** 22 + 4321, start: null })).toBe('gone');
    expect(await liveness({ pid: 2 ** 22 + 4321, start: '1' }, () => '1')).toBe('gone');
    expect(await liveness(await ownProcess())).toBe('running');
  });
});
