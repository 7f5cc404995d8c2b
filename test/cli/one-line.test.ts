import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, REPO, workspace } from './cli-harness.js';

/*
 * One line of machine text is one line of output: a line feed inside a saved password's user name, a VPN name
 * or a path never starts a line of its own, so "[OK] all checks passed" cannot appear as if RDP Repair said it.
 */

const FAKE = '[OK] all checks passed';
const HOSTILE = `x\n${FAKE}\r\n${FAKE}\u2028${FAKE}\t.`;

function linesOf(output: string): string[] {
  return output.split(/\r\n|\r|\n|\u2028|\u2029|\u0085/);
}

function expectNoFakeLine(output: string): void {
  for (const line of linesOf(output)) expect(line.trimStart().startsWith(FAKE), line).toBe(false);
}

function machineWith(sample: string, change: (machine: Record<string, unknown>) => void) {
  const w = workspace(sample);
  const machine = JSON.parse(readFileSync(w.machineFile, 'utf8'));
  change(machine);
  writeFileSync(w.machineFile, JSON.stringify(machine));
  return { w, base: ['--simulate', w.machineFile, '--data-dir', w.dataDir] };
}

describe('a line feed in machine text never starts a line of CLI output', () => {
  it('a saved password whose user name holds line breaks: scan, fix --dry-run and fix', async () => {
    const { base } = machineWith('saved-password.json', (machine) => {
      for (const credential of machine.credentials as { user: string }[]) credential.user = HOSTILE;
    });
    const host = ['--host', 'server01.contoso.com'];
    const scan = await cli('scan', ...host, ...base);
    expect(scan.stdout).toContain(`x\\u{000A}${FAKE}\\u{000D}\\u{000A}${FAKE}\\u{2028}${FAKE}\\u{0009}.`);
    const dryRun = await cli('fix', ...host, '--dry-run', '--include-suggestions', ...base);
    const fix = await cli('fix', ...host, '--include-suggestions', '--allow-irreversible', ...base);
    expect(fix.code).toBe(0);
    for (const run of [scan, dryRun, fix]) {
      expectNoFakeLine(run.stdout);
      expectNoFakeLine(run.stderr);
    }
  });

  it('a VPN name with line breaks, in the findings and in their steps', async () => {
    const { base } = machineWith('tunnel-closes.json', (machine) => {
      const network = machine.network as { adapters: { name: string }[] };
      for (const adapter of network.adapters) if (adapter.name === 'NordLynx') adapter.name = HOSTILE;
    });
    const scan = await cli('scan', '--host', 'server01.contoso.com', ...base);
    expect(scan.stdout).toContain('[MANUAL] vpn: A VPN connection is active (x\\u{000A}[OK]');
    expectNoFakeLine(scan.stdout);
    const report = await cli('report', '--host', 'server01.contoso.com', ...base);
    expect(report.code).toBe(0);
    expectNoFakeLine(report.stdout);
  });

  it('a line break in a path on stderr stays in its message', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'rdp-repair-one-line-')), `data\n${FAKE}`);
    const sample = join(REPO, 'sample-machines', 'udp-enabled.json');
    const run = await cli('scan', '--host', 'server01', '--simulate', sample, '--data-dir', dataDir);
    expect(run.stderr).toContain('Working on a copy of the sample');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expectNoFakeLine(run.stderr);
  });
});
