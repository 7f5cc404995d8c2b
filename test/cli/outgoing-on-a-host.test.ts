import { describe, expect, it } from 'vitest';
import { cli, workspace } from './cli-harness.js';

/*
 * Issue 27, point 2, on the command line: on a PC that accepts Remote Desktop and whose own listener certificate
 * has expired, `scan --host` of another computer that answers normally is not "this PC", and `fix` of
 * that connection leaves the listener's certificate alone; the certificate is the answer to `--this-pc`.
 */
/** rdp-repair with the sample machine and data folder of `w`. */
const onSample = (w: ReturnType<typeof workspace>, ...argv: string[]) =>
  cli(...argv, '--simulate', w.machineFile, '--data-dir', w.dataDir);

describe('rdp-repair scan --host on a PC that others connect to', () => {
  it('an outgoing check whose remote computer answers normally does not say "this PC"', async () => {
    const w = workspace('host-expired-certificate.json');
    const run = await onSample(w, 'scan', '--host', 'server01.contoso.com', '--json');
    const json = JSON.parse(run.stdout) as {
      verdict: { side: string; summary: string };
      findings: { repairId: string; status: string; incoming?: boolean }[];
    };
    expect(json.verdict.side).toBe('none');
    expect(json.verdict.summary).toMatch(/people who connect to this PC would fail/);
    expect(json.findings.find((f) => f.repairId === 'certificates')).toMatchObject({
      status: 'problem',
      incoming: true,
    });
    // Still exit 1: something is wrong on one side (this PC as a host), though not for this connection.
    expect(run.code).toBe(1);
  });

  it('fix of that connection leaves the listener certificate, and says so', async () => {
    const w = workspace('host-expired-certificate.json');
    const run = await onSample(w, 'fix', '--host', 'server01.contoso.com');
    expect(`${run.stdout}\n${run.stderr}`).toMatch(/for people who connect to this PC/);
    const after = await onSample(w, 'scan', '--this-pc', '--json');
    expect((JSON.parse(after.stdout) as { verdict: { side: string } }).verdict.side).toBe('this-pc');
  });
});
