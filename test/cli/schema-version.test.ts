import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, workspace } from './cli-harness.js';

/*
 * Every JSON document the CLI prints says which shape it has (`schemaVersion`, README "Command line"), so a
 * script can refuse a shape it does not know instead of misreading it.
 */

describe('schemaVersion in every JSON document', () => {
  it('scan, fix --dry-run, fix, undo, recover, report and history', async () => {
    const w = workspace('udp-enabled.json');
    const base = ['--simulate', w.machineFile, '--data-dir', w.dataDir, '--json'];
    const host = ['--host', 'server01'];
    const runs = [
      await cli('scan', ...host, ...base),
      await cli('fix', ...host, '--dry-run', ...base),
      await cli('fix', ...host, ...base),
      await cli('undo', ...base),
      await cli('recover', ...base),
      await cli('report', ...host, ...base),
      await cli('report', ...host, '--out', join(w.dataDir, '..', 'report.md'), ...base),
      await cli('history', ...base),
    ];
    for (const run of runs) {
      const json = JSON.parse(run.stdout) as { schemaVersion?: unknown; command?: unknown };
      expect(json.schemaVersion, String(json.command)).toBe(1);
      // First, so a script (or a person) reading the document sees it before anything else.
      expect(Object.keys(json)[0]).toBe('schemaVersion');
    }
  });
});
