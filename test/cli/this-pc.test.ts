import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, cliWatched, workspace } from './cli-harness.js';

/*
 * `scan --this-pc` asks the other question: can people connect TO this PC? No --host is needed (there is no
 * other computer); this PC's own listener findings are the verdict, and nothing is said about a network path
 * or a remote computer. Before, the scan command needed --host even on the server.
 */

interface ScanJson {
  question: string;
  host: string;
  verdict: { side: string; summary: string };
  handshake: unknown;
  mode: { acceptsConnections: boolean };
  repairs: Record<string, { status: string }>;
}

async function scanThisPc(machineFile: string, dataDir: string, ...more: string[]) {
  return cli('scan', '--this-pc', '--simulate', machineFile, '--data-dir', dataDir, ...more);
}

describe('rdp-repair scan --this-pc', () => {
  it("an expired listener certificate is this PC's verdict, exit 1, with no remote computer and no network", async () => {
    const w = workspace('host-expired-certificate.json');
    const run = await scanThisPc(w.machineFile, w.dataDir, '--json');
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as ScanJson;
    expect(json.question).toBe('incoming');
    expect(json.verdict.side).toBe('this-pc');
    expect(json.verdict.summary).toMatch(/certificate has expired/);
    expect(json.handshake).toBeNull();
    expect(json.mode.acceptsConnections).toBe(true);
    expect(Object.keys(json.repairs).sort()).toEqual([
      'certificates',
      'event-logs',
      'host-port',
      'host-services',
      'host-settings',
    ]);

    const text = await scanThisPc(w.machineFile, w.dataDir);
    expect(text.stdout.split('\n')[0]).toMatch(/^This PC: .*certificate has expired/);
    expect(text.stdout).not.toMatch(/does not resolve|remote computer:/i);
    expect(text.stdout).toMatch(/rdp-repair fix --this-pc/);
  });

  it('on an interactive terminal it says it checks this PC, and names no other computer', async () => {
    const w = workspace('host-expired-certificate.json');
    const run = await cliWatched(
      true,
      'scan',
      '--this-pc',
      '--simulate',
      w.machineFile,
      '--data-dir',
      w.dataDir,
    );
    expect(run.progress[0]).toBe('Checking this PC as the computer others connect to…');
    expect(run.progress.join('\n')).not.toMatch(/localhost|Talked to/);
  });

  it('a PC that does not accept Remote Desktop: that is the answer, exit 1', async () => {
    const w = workspace('host-denied-by-policy.json');
    const run = await scanThisPc(w.machineFile, w.dataDir, '--json');
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as ScanJson;
    expect(json.verdict).toEqual({
      side: 'this-pc',
      summary: expect.stringMatching(/does not accept Remote Desktop connections.*Group Policy/),
    });
  });

  it('a PC that accepts connections with a valid certificate: nothing wrong, exit 0', async () => {
    const w = workspace('host-expired-certificate.json');
    const machine = JSON.parse(readFileSync(w.machineFile, 'utf8'));
    for (const certificate of machine.certificates['LocalMachine\\Remote Desktop']) {
      certificate.notAfter = '2099-01-01T00:00:00Z';
    }
    writeFileSync(w.machineFile, JSON.stringify(machine));
    const run = await scanThisPc(w.machineFile, w.dataDir, '--json');
    const json = JSON.parse(run.stdout) as ScanJson;
    expect(json.verdict.side).toBe('none');
    expect(run.code).toBe(0);
  });

  it('fix --this-pc renews the certificate when consented to; then the scan exits 0', async () => {
    const w = workspace('host-expired-certificate.json');
    const fix = await cli(
      'fix',
      '--this-pc',
      '--allow-irreversible',
      '--simulate',
      w.machineFile,
      '--data-dir',
      w.dataDir,
    );
    expect(fix.code).toBe(0);
    expect((await scanThisPc(w.machineFile, w.dataDir)).code).toBe(0);
  });

  it('--this-pc with --host, or with report, is bad input: exit 2, one sentence', async () => {
    for (const argv of [
      ['scan', '--this-pc', '--host', 'server01'],
      ['report', '--this-pc'],
    ]) {
      const run = await cli(...argv);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(/--this-pc/);
    }
  });
});
