import { describe, expect, it } from 'vitest';
import { winePlans } from './wine-cases.js';

describe('which contract cases run under Wine', async () => {
  const plans = await winePlans();
  const byName = (start: string) => plans.find((p) => p.contractCase.name.startsWith(start));

  it('runs at least 20 cases, covering registry, files and credentials, and names a reason for every skip', () => {
    const run = plans.filter((p) => p.kind === 'run');
    expect(run.length).toBeGreaterThanOrEqual(20);
    const ops = new Set(run.flatMap((p) => p.contractCase.ops.map((op) => op.op)));
    for (const op of [
      'registry.readKey',
      'registry.writeKey',
      'file.setAttributes',
      'credential.list',
      'credential.delete',
    ])
      expect(ops).toContain(op);
    for (const plan of plans) if (plan.kind === 'skip') expect(plan.reason.length).toBeGreaterThan(20);
  });

  it('runs a case whose Windows-only ops the interpreter refuses before any API call', () => {
    expect(byName('ops that break the vocabulary')?.kind).toBe('run');
  });

  it("skips the backup round trip made with the simulated machine's stand-in for DPAPI, saying so", () => {
    const plan = byName('credential.read backs up');
    expect(plan).toMatchObject({ kind: 'skip', reason: expect.stringMatching(/DPAPI/) });
  });

  it('sets up saved passwords through the host, and read-only registry keys outside the interpreter', () => {
    const credentials = byName('credential.list returns only TERMSRV/');
    expect(credentials?.kind === 'run' && credentials.credentials.length).toBeGreaterThan(0);
    const readOnly = byName('the read-only Terminal Server key reads like any other');
    expect(readOnly?.kind === 'run' && readOnly.registrySeeds.map((s) => s.subKey)).toEqual([
      expect.stringMatching(/^HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server/),
    ]);
    expect(readOnly?.kind === 'run' && readOnly.setup).toEqual([]);
  });
});
