import { describe, expect, it } from 'vitest';
import { cli, workspace } from './cli-harness.js';

/*
 * `--only ID` names the repair the user wants: a suggestion named there is chosen, as a card's own Fix chooses
 * it in the app. Before, `fix --only saved-host-entry` on a suggestion changed nothing and said "Left out:
 * suggestions you did not choose" although the user had named it.
 */

describe('fix --only ID chooses that repair, suggestion or not', () => {
  it('stale-host-entry.json: --only saved-host-entry removes the saved entry', async () => {
    const w = workspace('stale-host-entry.json');
    const run = await cli(
      'fix',
      '--host',
      'server01.contoso.com',
      '--only',
      'saved-host-entry',
      '--simulate',
      w.machineFile,
      '--data-dir',
      w.dataDir,
      '--json',
    );
    const json = JSON.parse(run.stdout) as {
      outcome: string;
      message: string;
      changes: { changeId: string; state: string }[];
    };
    expect(json.outcome).toBe('done');
    expect(json.message).not.toMatch(/did not choose/);
    // The entry in the history list, the saved server entry and the hidden Default.rdp.
    expect(json.changes).toHaveLength(3);
    for (const change of json.changes) {
      expect(change).toEqual({ changeId: expect.stringMatching(/^saved-host-entry:/), state: 'done' });
    }
    expect(run.code).toBe(0);
  });

  it('--dry-run plans it too; without --only the suggestion still waits to be chosen', async () => {
    const w = workspace('stale-host-entry.json');
    const base = ['--host', 'server01.contoso.com', '--simulate', w.machineFile, '--data-dir', w.dataDir];
    const named = await cli('fix', '--dry-run', '--only', 'saved-host-entry', '--json', ...base);
    expect((JSON.parse(named.stdout) as { changes: unknown[] }).changes).toHaveLength(3);
    const unnamed = await cli('fix', '--dry-run', '--json', ...base);
    const plan = JSON.parse(unnamed.stdout) as { changes: unknown[]; skipped: unknown[] };
    expect(plan.changes).toEqual([]);
    expect(plan.skipped).toHaveLength(3);
  });
});
