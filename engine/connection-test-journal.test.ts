import { describe, expect, it } from 'vitest';
import { RepairEngine } from './engine.js';
import { setup } from './engine.test-support.js';
import { createIpcHandlers } from './ipc-handlers.js';

/*
 * Issue 27: the answer to "Did it connect?" after a fix is kept with that run in its journal, so History (and a
 * later app start) still has it. Only a finished run of this data folder takes one.
 */
describe('"Did it connect?" kept with the run', () => {
  it('is saved with a finished run and shown in its summary; a later answer replaces it', async () => {
    const { engine, machine, dataDir } = setup();
    const applied = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    const runId = applied.runId as string;
    expect(runId).toBeTruthy();
    expect(await engine.recordConnectionTest(runId, 'not-connected')).toBe(true);
    expect(engine.history().find((r) => r.runId === runId)?.connectionTest).toBe('not-connected');
    expect(await engine.recordConnectionTest(runId, 'connected')).toBe(true);
    // Another engine on the same folder (the app started again) reads it from the journal.
    const again = new RepairEngine({ machine, dataDir });
    expect(again.history().find((r) => r.runId === runId)?.connectionTest).toBe('connected');
  });

  it('is refused for a run that does not exist, and over IPC a bad answer is invalid input', async () => {
    const { engine, machine, dataDir } = setup();
    expect(await engine.recordConnectionTest('run-20261203-000000-abcdef', 'connected')).toBe(false);
    const handlers = createIpcHandlers({ machine, dataDir, onProgress: () => {} });
    const bad = await handlers['history:connection-test']({
      runId: 'run-20261203-000000-abcdef',
      answer: 'maybe',
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const none = await handlers['history:connection-test']({
      runId: 'run-20261203-000000-abcdef',
      answer: 'connected',
    });
    expect(none).toEqual({ ok: true, value: { saved: false } });
  });
});
