import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from './cli-harness.js';

/* `rdp-repair history` lists the runs in the journal, newest first: what undo and recover can be given. */

interface HistoryJson {
  schemaVersion: number;
  command: string;
  runs: {
    runId: string;
    startedAt: string;
    host: string;
    state: string;
    undoable: boolean;
    changes: { id: string; undone: boolean }[];
  }[];
}

describe('rdp-repair history', () => {
  it('lists a fix with its id, time, host, state, changes and whether it can be undone; then the undo', async () => {
    const w = workspace('udp-enabled.json');
    const base = ['--simulate', w.machineFile, '--data-dir', w.dataDir];
    const fix = await cli('fix', '--host', 'server01', '--json', ...base);
    const runId = (JSON.parse(fix.stdout) as { runId: string }).runId;

    const listed = await cli('history', '--json', '--data-dir', w.dataDir);
    expect(listed.code).toBe(0);
    const json = JSON.parse(listed.stdout) as HistoryJson;
    expect(json.command).toBe('history');
    expect(json.runs).toEqual([
      expect.objectContaining({
        runId,
        host: 'server01',
        state: 'done',
        undoable: true,
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        changes: [expect.objectContaining({ id: 'udp-transport:disable-udp', undone: false })],
      }),
    ]);

    const text = await cli('history', '--data-dir', w.dataDir);
    expect(text.stdout).toContain(runId);
    expect(text.stdout).toMatch(/server01/);
    expect(text.stdout).toMatch(/can be undone/);
    expect(text.stdout).toMatch(/udp-transport:disable-udp/);

    await cli('undo', ...base);
    const after = JSON.parse((await cli('history', '--json', '--data-dir', w.dataDir)).stdout) as HistoryJson;
    expect(after.runs[0]).toEqual(expect.objectContaining({ runId, state: 'undone', undoable: false }));
  });

  it('an empty journal: says so and exits 0, with no machine (it reads the journal only)', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'rdp-repair-history-')), 'data');
    const text = await cli('history', '--data-dir', dataDir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/No runs/);
    const json = await cli('history', '--json', '--data-dir', dataDir);
    expect(JSON.parse(json.stdout)).toEqual({ schemaVersion: 1, command: 'history', runs: [] });
  });

  it('takes no other argument', async () => {
    const run = await cli('history', 'run-20261120-101500-3f9a1c');
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });
});
