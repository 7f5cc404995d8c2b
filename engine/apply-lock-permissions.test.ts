import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// As on Windows for a stale lock another account made under %ProgramData%: this account may not delete it.
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  return {
    ...fs,
    rmSync: (path: string, options?: import('node:fs').RmOptions) => {
      if (String(path).endsWith('apply.lock'))
        throw Object.assign(new Error('EPERM: operation not permitted'), { code: 'EPERM' });
      return fs.rmSync(path, options);
    },
  };
});

const { acquireApplyLock } = await import('./apply-lock.js');

describe('a stale lock this account may not remove', () => {
  it('is busy, in one sentence that names the file and what to do, not a raw EPERM', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rdp-repair-lock-perm-')), 'apply.lock');
    // A dead holder: stale.
    writeFileSync(file, JSON.stringify({ pid: 2 ** 22 + 99, start: null, token: 'other-account' }));
    let thrown: unknown;
    try {
      acquireApplyLock(file);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'busy' });
    expect((thrown as Error).message).toContain(file);
    expect((thrown as Error).message).toMatch(/another account/);
    expect((thrown as Error).message).not.toMatch(/EPERM/);
  });
});
