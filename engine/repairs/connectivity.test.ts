import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { HostTarget } from '../../shared/host-name.js';
import type { OpResult } from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import { connectivityRepair, PROBE_TIMEOUT_MS } from './connectivity.js';

const ctx = (target: Partial<HostTarget> = {}): RepairContext => ({
  target: { host: 'server01.contoso.com', port: undefined, kind: 'dns', ...target },
  now: new Date('2026-11-21T09:00:00Z'),
});
const results = (addresses: string[], probe: object): OpResult[] => [
  { ok: true, value: { addresses } },
  { ok: true, value: probe },
];

describe('connectivity repair', () => {
  it('resolves the host and probes port 3389 in the same batch', () => {
    expect(connectivityRepair.reads(ctx())).toEqual([
      { op: 'net.resolve', host: 'server01.contoso.com' },
      { op: 'net.probeTcp', host: 'server01.contoso.com', port: 3389, timeoutMs: PROBE_TIMEOUT_MS },
    ]);
  });

  it('probes the port given with the host', () => {
    expect(connectivityRepair.reads(ctx({ port: 3390 }))[1]).toMatchObject({ port: 3390 });
  });

  it('is ok when the name resolves and the port is open', () => {
    const finding = connectivityRepair.diagnose(
      ctx(),
      results(['10.1.2.3'], { open: true, address: '10.1.2.3' }),
    );
    expect(finding.status).toBe('ok');
    expect(finding.evidence).toEqual([
      { label: 'Name resolution', value: '10.1.2.3' },
      { label: 'TCP port 3389', value: 'open (10.1.2.3)' },
    ]);
    expect(connectivityRepair.plan(ctx(), results(['10.1.2.3'], { open: true }))).toEqual([]);
  });

  it('says the name does not resolve', () => {
    const finding = connectivityRepair.diagnose(ctx(), results([], { open: false, error: 'unresolved' }));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/does not resolve/);
  });

  it('says the port is closed when the connection is refused', () => {
    const finding = connectivityRepair.diagnose(
      ctx({ port: 3390 }),
      results(['10.1.2.3'], { open: false, error: 'refused' }),
    );
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/port 3390: the port is closed/);
  });

  it('says the port is filtered when the probe times out', () => {
    const finding = connectivityRepair.diagnose(
      ctx(),
      results(['10.1.2.3'], { open: false, error: 'timeout' }),
    );
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/did not answer on port 3389 within 5 seconds: a firewall may filter/);
  });

  it('says there is no route when the network is unreachable', () => {
    const finding = connectivityRepair.diagnose(
      ctx(),
      results(['10.1.2.3'], { open: false, error: 'unreachable' }),
    );
    expect(finding.summary).toMatch(/no network route/);
  });

  it('does not require resolution of an IP address target', () => {
    const target = { host: '10.1.2.3', kind: 'ipv4' as const };
    const finding = connectivityRepair.diagnose(ctx(target), results([], { open: true }));
    expect(finding.status).toBe('ok');
  });

  it('still reports an unresolved name when the resolve op itself failed', () => {
    const finding = connectivityRepair.diagnose(ctx(), [
      { ok: false, error: { code: 'failed', message: 'DNS client service stopped' } },
      { ok: true, value: { open: false, error: 'unresolved' } },
    ]);
    expect(finding.status).toBe('problem');
    expect(finding.evidence[0]?.value).toBe('could not check: DNS client service stopped');
  });

  it('is unknown when the probe could not run', () => {
    const finding = connectivityRepair.diagnose(ctx(), [
      { ok: true, value: { addresses: ['10.1.2.3'] } },
      { ok: false, error: { code: 'cancelled', message: 'cancelled' } },
    ]);
    expect(finding.status).toBe('unknown');
  });
});

const machine = (name: string) =>
  new SimulatedMachine(
    loadMachineFile(fileURLToPath(new URL(`../../sample-machines/${name}.json`, import.meta.url))),
  );

describe('connectivity repair on sample machines', () => {
  const scan = async (name: string, target: Partial<HostTarget> = {}) => {
    const c = ctx(target);
    return connectivityRepair.diagnose(
      c,
      await machine(name).run(connectivityRepair.reads(c), { mode: 'read' }),
    );
  };

  it('says port 3389 is filtered on host-unreachable.json', async () => {
    const finding = await scan('host-unreachable');
    expect(finding.status).toBe('problem');
    expect(finding.summary).toContain('did not answer on port 3389');
    expect(finding.evidence[0]).toEqual({ label: 'Name resolution', value: '10.1.2.3' });
  });

  it('says the port is closed on the other described host there', async () => {
    const finding = await scan('host-unreachable', { host: 'server02.contoso.com' });
    expect(finding.summary).toContain('the port is closed');
  });

  it('says an unknown name does not resolve, from one batch', async () => {
    const finding = await scan('host-unreachable', { host: 'nosuchhost.contoso.com' });
    expect(finding.status).toBe('problem');
    expect(finding.summary).toContain('does not resolve');
  });

  it('is ok for the reachable host on vpn-connected.json', async () => {
    expect((await scan('vpn-connected')).status).toBe('ok');
  });
});
