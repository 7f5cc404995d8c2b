import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { currentProcess, isAlive, liveness, processStart, validPid } from './process-identity.js';

describe('process identity', () => {
  it('reads the start from /proc even when the command name holds spaces and parentheses', () => {
    if (process.platform !== 'linux') return;
    const root = mkdtempSync(join(tmpdir(), 'rdp-repair-proc-'));
    mkdirSync(join(root, '4242'));
    const fields = ['S', ...Array.from({ length: 18 }, (_, i) => String(i + 1)), '987654', '0', '0'];
    writeFileSync(join(root, '4242', 'stat'), `4242 (evil) name (x)) ${fields.join(' ')}\n`);
    expect(processStart(4242, root)).toBe('987654');
    expect(processStart(4243, root)).toBeNull();
  });

  it('this process is alive as itself, and not as the same pid started at another time', () => {
    expect(isAlive(currentProcess())).toBe(true);
    if (process.platform === 'linux' || process.platform === 'win32')
      expect(isAlive({ pid: process.pid, start: '1' })).toBe(false);
  });

  it('pid 0, negative and fractional pids are never a process', () => {
    for (const pid of [0, -1, 1.5, 2 ** 31]) {
      expect(validPid(pid)).toBe(false);
      expect(isAlive({ pid, start: null })).toBe(false);
    }
  });
});

describe('an unfinished run, by the identity of the process that made it', () => {
  it('is unfinished when its pid now belongs to another process, and running while that very process lives', async () => {
    if (process.platform !== 'linux') return;
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
    expect(isUnfinished({ ...run, processStart: processStart(process.ppid) })).toBe(false);
    expect(isUnfinished({ ...run, processStart: '1' })).toBe(true);
  });
});

describe('what can be said of a recorded process', () => {
  it('a live pid whose start can be read is that process only with that very start', () => {
    if (process.platform !== 'linux') return;
    const pid1 = processStart(1);
    expect(pid1).not.toBeNull();
    expect(liveness({ pid: 1, start: pid1 })).toBe('running');
    // Every holder records its own start where it can be read: none, or another one, is someone else's record.
    expect(liveness({ pid: 1, start: null })).toBe('gone');
    expect(liveness({ pid: 1, start: '1' })).toBe('gone');
    expect(isAlive({ pid: 1, start: null })).toBe(false);
  });

  it('a live pid whose start cannot be read here cannot be judged', () => {
    const unreadable = () => null;
    expect(liveness({ pid: process.pid, start: null }, unreadable)).toBe('unknown');
    expect(liveness({ pid: process.pid, start: '1' }, unreadable)).toBe('unknown');
    // Not known to be gone: a run it made is not offered for rollback.
    expect(isAlive({ pid: process.pid, start: null }, unreadable)).toBe(true);
  });

  it('a dead pid is gone whatever its record says', () => {
    expect(liveness({ pid: 2 ** 22 + 4321, start: null })).toBe('gone');
    expect(liveness({ pid: 2 ** 22 + 4321, start: '1' }, () => '1')).toBe('gone');
    expect(liveness(currentProcess())).toBe('running');
  });
});
