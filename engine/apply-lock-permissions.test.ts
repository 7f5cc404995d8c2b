import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

/** Where this account may not look at pid 1, as under a /proc mounted with hidepid=2 (another account's process). */
const HIDDEN_STAT = '/proc/1/stat';

vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    // As on Windows for a stale lock another account made under %ProgramData%: this account may not delete it.
    rmSync: (path: string, options?: import('node:fs').RmOptions) => {
      if (String(path).endsWith('apply.lock'))
        throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      return fs.rmSync(path, options);
    },
    readFileSync: ((path: string, options?: unknown) => {
      if (String(path) === HIDDEN_STAT)
        throw Object.assign(new Error(`ENOENT: no such file or directory, open '${HIDDEN_STAT}'`), {
          code: 'ENOENT',
        });
      return (fs.readFileSync as (p: string, o?: unknown) => unknown)(path, options);
    }) as typeof fs.readFileSync,
  };
});

const { acquireApplyLock } = await import('./apply-lock.js');

const lockIn = (prefix: string) => join(mkdtempSync(join(tmpdir(), prefix)), 'apply.lock');

async function refusal(file: string): Promise<unknown> {
  try {
    (await acquireApplyLock(file)).release();
  } catch (error) {
    return error;
  }
  throw new Error('the lock was taken');
}

describe('a stale lock this account may not remove', () => {
  it('is busy, in one sentence that names the file and what to do, not a raw EPERM', async () => {
    const file = lockIn('rdp-repair-lock-perm-');
    // A dead holder: stale.
    writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 99, start: null, token: 'other-account' }));
    const thrown = await refusal(file);
    expect(thrown).toMatchObject({ code: 'busy' });
    expect((thrown as Error).message).toContain(file);
    expect((thrown as Error).message).toMatch(/another account/);
    expect((thrown as Error).message).not.toMatch(/EPERM/);
  });
});

describe('a lock whose holder this account cannot judge', () => {
  // pid 1 runs, but when it started cannot be read: whether it took the lock cannot be told either way.
  for (const start of [null, '12345678901']) {
    it(`(pid 1, start ${start}) is busy, in one sentence that names the file and what to do`, async () => {
      if (process.platform === 'win32') return;
      const file = lockIn('rdp-repair-lock-judge-');
      writeFileSync(file, JSON.stringify({ pid: 1, start, token: 'unknown' }));
      const thrown = await refusal(file);
      expect(thrown).toMatchObject({ code: 'busy' });
      const message = (thrown as Error).message;
      expect(message).toContain(file);
      expect(message).toMatch(/close/i);
      expect(message).toMatch(/if none is open, delete its lock file/);
      expect(message.replace(file, '').match(/\./g)).toEqual(['.']);
    });
  }
});
