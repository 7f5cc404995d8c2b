import { describe, expect, it } from 'vitest';
import { cli, workspace } from './cli-harness.js';

/*
 * Scripts tell healthy from broken by the exit code alone: 0 nothing wrong on any side, 1 something wrong on
 * this PC, in the network path or on the remote computer, 2 bad input or a failure. Before, scan exited 0 for
 * a remote-side and a network verdict because it looked only at this PC's problem findings.
 */

async function scanJson(sample: string): Promise<{ code: number; side: string }> {
  const w = workspace(sample);
  const run = await cli(
    'scan',
    '--host',
    'server01.contoso.com',
    '--simulate',
    w.machineFile,
    '--data-dir',
    w.dataDir,
    '--json',
  );
  return { code: run.code, side: (JSON.parse(run.stdout) as { verdict: { side: string } }).verdict.side };
}

describe('scan exit codes follow the verdict', () => {
  it.each([
    ['remote-certificate-expired.json', 'remote-pc'],
    ['tunnel-closes.json', 'network'],
    ['host-unreachable.json', 'network'],
    ['antivirus-on.json', 'this-pc'],
    ['udp-enabled.json', 'this-pc'],
  ])('%s: the verdict is %s, exit 1', async (sample, side) => {
    expect(await scanJson(sample)).toEqual({ code: 1, side });
  });

  it('healthy.json: nothing wrong on any side, exit 0', async () => {
    expect(await scanJson('healthy.json')).toEqual({ code: 0, side: 'none' });
  });

  it('a fix that leaves the remote computer at fault exits 1', async () => {
    const w = workspace('remote-certificate-expired.json');
    const run = await cli(
      'fix',
      '--host',
      'server01.contoso.com',
      '--simulate',
      w.machineFile,
      '--data-dir',
      w.dataDir,
    );
    expect(run.code).toBe(1);
  });
});

describe('--help lists the exit codes', () => {
  it('names 0, 1 and 2 and what each means', async () => {
    const run = await cli('--help');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Exit codes:/);
    expect(run.stdout).toMatch(/^\s+0\s+.*nothing wrong/m);
    expect(run.stdout).toMatch(/^\s+1\s+.*remote computer/m);
    expect(run.stdout).toMatch(/^\s+2\s+.*bad input/m);
  });
});
