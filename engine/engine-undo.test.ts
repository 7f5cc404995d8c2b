import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../machine/simulated/machine-file.js';
import { RepairEngine } from './engine.js';
import { broken, NOW, setup } from './engine.test-support.js';
import { baseMachine } from './test-machines.js';
import { TEST_REPAIRS, TEST_USER_KEY } from './test-repairs.js';

// Undo, the journal, and recovering an interrupted run (scan and apply: engine.test.ts).

describe('undo', () => {
  it('restores the machine exactly, newest run first, and then has nothing left to undo', async () => {
    const { engine, machine, original } = setup();
    const first = await engine.apply({
      host: 'server01',
      changeIds: ['saved-host-entry:a'],
      allowIrreversible: [],
      restorePoint: false,
    });
    const second = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    const undoSecond = await engine.undo();
    expect(undoSecond.runId).toBe(second.runId);
    expect(undoSecond.outcome).toBe('undone');
    const undoFirst = await engine.undo();
    expect(undoFirst.runId).toBe(first.runId);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
    expect(engine.history().map((r) => r.state)).toEqual(['undone', 'undone']);
    await expect(engine.undo()).rejects.toMatchObject({ code: 'not-found' });
  });

  it('undoes only the chosen changes of a run', async () => {
    const { engine, machine } = setup();
    const run = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    const report = await engine.undo(run.runId ?? undefined, ['saved-host-entry:a']);
    expect(report.undoneChangeIds).toEqual(['saved-host-entry:a']);
    expect(engine.history()[0]?.state).toBe('partially-undone');
    expect(machine.snapshot().registry[TEST_USER_KEY]?.A).toEqual({ type: 'REG_SZ', data: 'old' });
  });

  it('a change that cannot be undone is named in words, never by its id', async () => {
    // Apply writes 3 ops (udp, A, B); the undo's first write (4) fails.
    const { engine } = setup(broken(), { faults: { failOnWrite: 4 } });
    const run = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    const change = engine.history()[0]?.changes.find((c) => c.id === 'saved-host-entry:a');
    const report = await engine.undo(run.runId ?? undefined, ['saved-host-entry:a']);
    expect(report.outcome).toBe('failed');
    expect(report.message).not.toContain('saved-host-entry');
    expect(report.message).toContain(
      `Could not undo "${change?.description.split(/(?<=[.:])\s/)[0]?.replace(/[.:]$/, '')}"`,
    );
    expect(report.message).toMatch(
      /\(Injected failure on write op 4\); 0 changes undone, 3 changes still in place\. Try Undo again\.$/,
    );
  });

  it('an unknown run id is not found', async () => {
    const { engine } = setup();
    await expect(engine.undo('run-20260101-000000-abcdef')).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('journal and recovery', () => {
  it('a run interrupted by a crash is found unfinished and rolled back exactly', async () => {
    const { engine, machine, original, dataDir } = setup(broken(), {
      // Writes: 1 udp, 2 A, 3 B: "crash" right after A by never answering.
      faults: { hangOnWrite: 3 },
    });
    void engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    await vi_waitFor(
      () =>
        engine.history()[0]?.changes.length === 3 &&
        machine.snapshot().registry[TEST_USER_KEY]?.A?.type === 'REG_DWORD',
    );
    // A new process (a fresh engine with no active runs) sees the run as unfinished only when its pid is dead.
    const runFile = readdirSync(join(dataDir, 'journal')).find((f) => f.endsWith('.json'));
    const journalFile = join(dataDir, 'journal', runFile as string);
    const crashed = new RepairEngine({ machine, dataDir, repairs: TEST_REPAIRS, now: () => NOW });
    const text = readFileSync(journalFile, 'utf8');
    const envelope = JSON.parse(text) as { run: string; sha256: string };
    const run = JSON.parse(envelope.run) as { pid: number };
    run.pid = 2 ** 22 + 4321;
    const body = JSON.stringify(run);
    const { createHash } = await import('node:crypto');
    writeFileSync(
      journalFile,
      JSON.stringify({ ...envelope, run: body, sha256: createHash('sha256').update(body).digest('hex') }),
    );
    const [pending] = await crashed.unfinished();
    expect(pending?.state).toBe('in-progress');
    const lockFile = join(dataDir, 'apply.lock');
    writeFileSync(lockFile, JSON.stringify({ pid: 2 ** 22 + 4321, token: 'dead' }));
    const report = await crashed.recover(pending?.runId ?? '');
    expect(report.outcome).toBe('undone');
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
    expect(await crashed.unfinished()).toEqual([]);
  });

  it('a corrupt journal file is reported, kept byte for byte, and never overwritten', async () => {
    const { engine, dataDir } = setup();
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    const file = join(dataDir, 'journal', `${report.runId}.json`);
    const damaged = readFileSync(file, 'utf8').replace('"done', '"DONE');
    writeFileSync(file, damaged);
    expect(engine.corruptJournals()).toEqual([{ file, message: expect.stringMatching(/damaged.*checksum/) }]);
    expect(engine.history()).toEqual([]);
    await expect(engine.undo(report.runId ?? undefined)).rejects.toThrow(/damaged/);
    expect(readFileSync(file, 'utf8')).toBe(damaged);
  });

  it('writes the journal before the first change', async () => {
    const seen: number[] = [];
    const { engine, dataDir } = setup(broken(), {
      faults: {
        killAfterWrite: 1,
        onKill: () =>
          seen.push(readdirSync(join(dataDir, 'journal')).filter((f) => f.endsWith('.json')).length),
      },
    });
    await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    expect(seen).toEqual([1]);
  });

  it('refuses to apply while an unfinished run waits to be rolled back', async () => {
    const { engine, dataDir } = setup(baseMachine({}));
    const run = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    const file = join(dataDir, 'journal', `${run.runId}.json`);
    const envelope = JSON.parse(readFileSync(file, 'utf8')) as { run: string };
    const body = JSON.stringify({
      ...(JSON.parse(envelope.run) as object),
      state: 'in-progress',
      pid: 2 ** 22 + 99,
    });
    const { createHash } = await import('node:crypto');
    writeFileSync(
      file,
      JSON.stringify({ ...envelope, run: body, sha256: createHash('sha256').update(body).digest('hex') }),
    );
    await expect(
      engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false }),
    ).rejects.toThrow(/did not finish/);
  });
});

async function vi_waitFor(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!condition()) throw new Error('condition not met');
}

describe('a damaged newest journal', () => {
  it('makes undo without an id and fix refuse, naming the file; an older run can still be undone by its id', async () => {
    const { engine, dataDir } = setup();
    const first = await engine.apply({
      host: 'server01',
      allowIrreversible: [],
      restorePoint: false,
      only: ['udp-transport'],
    });
    const second = await engine.apply({
      host: 'server01',
      allowIrreversible: [],
      restorePoint: false,
      only: ['saved-host-entry'],
    });
    expect(first.runId && second.runId).toBeTruthy();
    const damaged = join(dataDir, 'journal', `${second.runId}.json`);
    writeFileSync(damaged, `${readFileSync(damaged, 'utf8').slice(0, 40)}`);
    const refused = (await engine.undo().catch((e: unknown) => e)) as Error;
    expect(refused.message).toContain(`The newest journal (${damaged}) is damaged`);
    await expect(
      engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false }),
    ).rejects.toThrow(/is damaged/);
    const older = await engine.undo(first.runId ?? undefined);
    expect(older.undoneChangeIds.length).toBeGreaterThan(0);
  });
});
