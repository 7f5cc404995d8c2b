import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * On Windows a process's start is read by starting Windows PowerShell (windows-process-start.ts), inside
 * Electron's main process. Here that reader is a fake that answers only when told to, and the platform says
 * win32: the apply lock and this process's identity must wait for it without blocking, and this process's own
 * start is asked once.
 */

const reader = {
  calls: [] as number[],
  pending: [] as { pid: number; answer: (start: string | null) => void }[],
};

/** The reader a host hands in (hosts/composition-root.ts gives windowsProcessStart). */
function fakeReader(pid: number): Promise<string | null> {
  reader.calls.push(pid);
  return new Promise<string | null>((resolve) => {
    reader.pending.push({ pid, answer: resolve });
  });
}

/** The engine's modules afresh (no start read yet), with the fake reader handed in as a host does. */
async function freshIdentity() {
  const identity = await import('./process-identity.js');
  identity.setWindowsStartReader(fakeReader);
  return identity;
}

const platform = Object.getOwnPropertyDescriptor(process, 'platform');
beforeEach(() => {
  reader.calls.length = 0;
  reader.pending.length = 0;
  vi.resetModules();
  Object.defineProperty(process, 'platform', { value: 'win32' });
});
afterEach(() => {
  if (platform) Object.defineProperty(process, 'platform', platform);
});

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Answers the reader's oldest open question (bounded wait for it to be asked). */
async function answerNext(start: string | null): Promise<number> {
  for (let i = 0; i < 100 && reader.pending.length === 0; i++) await nextTurn();
  const next = reader.pending.shift();
  if (!next) throw new Error('the reader was never asked');
  next.answer(start);
  return next.pid;
}

describe("this process's own start on Windows", () => {
  it('is read once, however many ask and however often', async () => {
    const { ownProcess, currentProcess } = await freshIdentity();
    const first = ownProcess();
    const second = ownProcess();
    expect(await answerNext('638700000000000001')).toBe(process.pid);
    expect(await first).toEqual({ pid: process.pid, start: '638700000000000001' });
    expect(await second).toEqual({ pid: process.pid, start: '638700000000000001' });
    expect(await ownProcess()).toEqual({ pid: process.pid, start: '638700000000000001' });
    // Once read, asked synchronously (the journal's record of the run) without starting PowerShell again.
    expect(currentProcess()).toEqual({ pid: process.pid, start: '638700000000000001' });
    expect(reader.calls).toEqual([process.pid]);
  });

  it('is not given synchronously before it was read: a run recorded without it would look like another\u2019s', async () => {
    const { currentProcess } = await freshIdentity();
    expect(() => currentProcess()).toThrow(/not been read yet/);
    expect(reader.calls).toEqual([]);
  });
});

describe('judging a lock on Windows', () => {
  it('waits for PowerShell without blocking: the event loop turns while the holder is judged', async () => {
    await freshIdentity();
    const { acquireApplyLock } = await import('./apply-lock.js');
    const file = join(mkdtempSync(join(tmpdir(), 'rdp-repair-lock-win-')), 'apply.lock');
    // A live process (this test's parent) named as the holder, with a start that is not its own.
    writeFileSync(file, JSON.stringify({ pid: process.ppid, start: '1', token: 'other' }));
    const taking = acquireApplyLock(file);
    expect(taking).toBeInstanceOf(Promise);
    let settled = false;
    void taking.then(
      () => {
        settled = true;
      },
      () => {
        settled = true;
      },
    );
    // Every question goes to the slow reader; while each waits, timers and I/O go on.
    const answered = new Set<number>();
    for (let i = 0; i < 10 && !settled; i++) {
      let turned = false;
      setImmediate(() => {
        turned = true;
      });
      await nextTurn();
      expect(turned).toBe(true);
      if (reader.pending.length > 0) {
        const pid = reader.pending[0]?.pid ?? 0;
        expect(settled).toBe(false);
        answered.add(await answerNext(pid === process.pid ? '638700000000000001' : '638700000000000999'));
      }
    }
    const lock = await taking;
    // The holder was judged by its start as PowerShell read it: not the one recorded, so the lock was stale.
    expect(answered).toContain(process.ppid);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      pid: process.pid,
      start: '638700000000000001',
    });
    lock.release();
  });
});
