import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { OpResult } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import { TSC_DEFAULT_KEY, TSC_SERVERS_KEY } from '../windows/terminal-server-client.js';
import { certificatesRepair } from './certificates.js';
import { apply, context, machineWith, scan, undo, valuesAt } from './repair-harness.test-support.js';
import { savedHostEntryRepair } from './saved-host-entry.js';

/** fast-check seed, fixed as in test/properties/: a failure replays exactly, and a green run stays green. */
const SEED = 20261203;

const sz = (data: string): RegistryValue => ({ type: 'REG_SZ', data });
const DOCS = 'C:\\Users\\alice\\OneDrive\\Documents';

function rdpFile(address: string): string {
  return `screen mode id:i:2\r\nfull address:s:${address}\r\nusername:s:CONTOSO\\alice\r\n`;
}

function keyResult(values: Record<string, RegistryValue>, subkeys = {}): OpResult {
  return { ok: true, value: { exists: true, tree: { values, subkeys } } };
}
const ABSENT: OpResult = { ok: true, value: { exists: false } };

function mruOf(machine: SimulatedMachine): Record<string, RegistryValue> {
  return valuesAt(machine, TSC_DEFAULT_KEY) ?? {};
}

describe('saved-host-entry on read results', () => {
  const ctx = context('server01');

  it('is ok when nothing is saved', () => {
    const results = [ABSENT, ABSENT, ABSENT];
    expect(savedHostEntryRepair.diagnose(ctx, results).status).toBe('ok');
    expect(savedHostEntryRepair.plan(ctx, results)).toEqual([]);
  });

  it('removes the host from an MRU list with gaps and renumbers the rest in order', () => {
    const mru = keyResult({
      MRU0: sz('pc07'),
      MRU2: sz('server01'),
      MRU5: sz('pc08:3390'),
      MRU7: sz('SERVER01:3389'),
    });
    const [change] = savedHostEntryRepair.plan(ctx, [mru, ABSENT, ABSENT]);
    expect(change?.id).toBe('saved-host-entry:history');
    expect(change?.scope).toBe('user');
    expect(change?.ops).toEqual([
      { op: 'registry.setValue', path: TSC_DEFAULT_KEY, name: 'MRU1', value: sz('pc08:3390') },
      { op: 'registry.deleteValue', path: TSC_DEFAULT_KEY, name: 'MRU2' },
      { op: 'registry.deleteValue', path: TSC_DEFAULT_KEY, name: 'MRU5' },
      { op: 'registry.deleteValue', path: TSC_DEFAULT_KEY, name: 'MRU7' },
    ]);
    expect(change?.inverse).toEqual([
      { op: 'registry.deleteValue', path: TSC_DEFAULT_KEY, name: 'MRU1' },
      { op: 'registry.setValue', path: TSC_DEFAULT_KEY, name: 'MRU2', value: sz('server01') },
      { op: 'registry.setValue', path: TSC_DEFAULT_KEY, name: 'MRU5', value: sz('pc08:3390') },
      { op: 'registry.setValue', path: TSC_DEFAULT_KEY, name: 'MRU7', value: sz('SERVER01:3389') },
    ]);
  });

  it('reports unknown when a read failed and nothing was found', () => {
    const failed: OpResult = { ok: false, error: { code: 'access-denied', message: 'Access is denied.' } };
    const finding = savedHostEntryRepair.diagnose(ctx, [failed, ABSENT, ABSENT]);
    expect(finding.status).toBe('unknown');
    expect(finding.evidence).toContainEqual({
      label: 'Connection history',
      value: 'could not be read: Access is denied.',
    });
  });

  it('still plans what it could read when another read failed', () => {
    const failed: OpResult = { ok: false, error: { code: 'failed', message: 'boom' } };
    const plan = savedHostEntryRepair.plan(ctx, [keyResult({ MRU0: sz('server01') }), failed, failed]);
    expect(plan.map((c) => c.id)).toEqual(['saved-host-entry:history']);
    expect(
      savedHostEntryRepair.diagnose(ctx, [keyResult({ MRU0: sz('server01') }), failed, failed]).status,
    ).toBe('suggestion');
  });

  it('leaves values that are not MRU entries or not strings alone', () => {
    const mru = keyResult({
      MRU0: { type: 'REG_DWORD', data: 1 },
      MRU1: sz('server01'),
      Other: sz('server01'),
    });
    const [change] = savedHostEntryRepair.plan(ctx, [mru, ABSENT, ABSENT]);
    expect(change?.ops).toEqual([{ op: 'registry.deleteValue', path: TSC_DEFAULT_KEY, name: 'MRU1' }]);
  });
});

describe('saved-host-entry on a simulated machine', () => {
  function stale(): MachineDescriptionInput {
    return machineWith({
      os: { build: '10.0.22631', edition: 'Professional', user: 'alice', documentsFolder: DOCS },
      registry: {
        [TSC_DEFAULT_KEY]: {
          MRU0: sz('server01.contoso.com'),
          MRU1: sz('pc07'),
          MRU3: sz('SERVER01.contoso.com:3389'),
          MRU4: sz('server01.contoso.com:3390'),
          MRU6: sz('laptop12'),
        },
        [`${TSC_SERVERS_KEY}\\Server01.Contoso.com`]: {
          UsernameHint: sz('CONTOSO\\alice'),
          CertHash: { type: 'REG_BINARY', data: '0a1b2c3d4e5f' },
        },
        [`${TSC_SERVERS_KEY}\\Server01.Contoso.com\\LocalDevices`]: {
          Drives: { type: 'REG_DWORD', data: 1 },
        },
        [`${TSC_SERVERS_KEY}\\pc07`]: { UsernameHint: sz('PC07\\bob') },
      },
      files: {
        [`${DOCS}\\Default.rdp`]: {
          content: rdpFile('server01.contoso.com'),
          attributes: ['Hidden', 'Archive'],
        },
      },
    });
  }

  it('finds the host in two MRU slots, the Servers key in another case and Default.rdp in OneDrive', async () => {
    const original = stale();
    const machine = new SimulatedMachine(original);
    const ctx = context('server01.contoso.com');
    const before = await scan(machine, savedHostEntryRepair, ctx);
    expect(before.finding.status).toBe('suggestion');
    expect(before.finding.summary).toBe(
      'Remote Desktop Connection remembers settings for server01.contoso.com. If they are out of date, clearing them lets the next connection start fresh (Undo puts them back).',
    );
    expect(before.plan.map((c) => c.id)).toEqual([
      'saved-host-entry:history',
      'saved-host-entry:server-Server01.Contoso.com',
      'saved-host-entry:default-rdp',
    ]);
    expect(before.plan.every((c) => c.inverse !== null && c.scope === 'user')).toBe(true);

    await apply(machine, before.plan);
    expect(mruOf(machine)).toEqual({
      MRU0: sz('pc07'),
      MRU1: sz('server01.contoso.com:3390'),
      MRU2: sz('laptop12'),
    });
    const after = machine.snapshot();
    expect(Object.keys(after.registry).some((k) => /servers\\server01/i.test(k))).toBe(false);
    expect(valuesAt(machine, `${TSC_SERVERS_KEY}\\pc07`)).toEqual({ UsernameHint: sz('PC07\\bob') });
    expect(after.files).toEqual({});

    const rescan = await scan(machine, savedHostEntryRepair, ctx);
    expect(rescan.finding.status).toBe('ok');
    expect(rescan.plan).toEqual([]);

    await undo(machine, before.plan);
    expect(machinesEqual(original, machine.snapshot())).toBe(true);
    expect(machine.snapshot().files[`${DOCS}\\Default.rdp`]).toEqual({
      content: rdpFile('server01.contoso.com'),
      encoding: 'utf-16le',
      attributes: ['Hidden', 'Archive'],
    });
  });

  it('acts on host:port entries only for that port', async () => {
    const original = stale();
    const machine = new SimulatedMachine(original);
    const { plan } = await scan(machine, savedHostEntryRepair, context('server01.contoso.com:3390'));
    // Default.rdp names port 3389 and stays; the Servers key is per host name, so it goes.
    expect(plan.map((c) => c.id)).toEqual([
      'saved-host-entry:history',
      'saved-host-entry:server-Server01.Contoso.com',
    ]);
    await apply(machine, plan);
    expect(mruOf(machine)).toEqual({
      MRU0: sz('server01.contoso.com'),
      MRU1: sz('pc07'),
      MRU2: sz('SERVER01.contoso.com:3389'),
      MRU3: sz('laptop12'),
    });
    await undo(machine, plan);
    expect(machinesEqual(original, machine.snapshot())).toBe(true);
  });

  it('leaves a Default.rdp that names another computer alone', async () => {
    const original = machineWith({
      registry: { [TSC_DEFAULT_KEY]: { MRU0: sz('server01') } },
      files: {
        'C:\\Users\\alice\\Documents\\Default.rdp': { content: rdpFile('pc07'), attributes: ['Hidden'] },
      },
    });
    const machine = new SimulatedMachine(original);
    const { plan, finding } = await scan(machine, savedHostEntryRepair, context('server01'));
    expect(plan.map((c) => c.id)).toEqual(['saved-host-entry:history']);
    expect(finding.evidence).toContainEqual({
      label: 'Default.rdp',
      value: 'connects to pc07, another computer: left alone',
    });
    await apply(machine, plan);
    expect(machine.snapshot().files).toEqual(new SimulatedMachine(original).snapshot().files);
  });

  it('uses the Documents folder the machine reports, not the profile default', async () => {
    const original = machineWith({
      os: { build: '10.0.22631', edition: 'Professional', user: 'alice', documentsFolder: DOCS },
      files: {
        'C:\\Users\\alice\\Documents\\Default.rdp': { content: rdpFile('server01'), attributes: ['Hidden'] },
      },
    });
    const machine = new SimulatedMachine(original);
    const { plan, finding } = await scan(machine, savedHostEntryRepair, context('server01'));
    expect(finding.status).toBe('ok');
    expect(plan).toEqual([]);
  });

  it('matches the short name to the full name only when unambiguous', async () => {
    const original = machineWith({
      registry: {
        [TSC_DEFAULT_KEY]: {
          MRU0: sz('server01.contoso.com'),
          MRU1: sz('server01.fabrikam.com'),
          MRU2: sz('server01'),
        },
      },
    });
    const machine = new SimulatedMachine(original);
    const { plan } = await scan(machine, savedHostEntryRepair, context('server01'));
    await apply(machine, plan);
    expect(mruOf(machine)).toEqual({ MRU0: sz('server01.contoso.com'), MRU1: sz('server01.fabrikam.com') });
  });

  it('restores a UTF-8 Default.rdp without BOM and its attributes exactly', async () => {
    const original = machineWith({
      files: {
        'C:\\Users\\alice\\Documents\\Default.rdp': {
          content: rdpFile('10.1.2.3:3389'),
          encoding: 'utf-8',
          attributes: ['Hidden', 'ReadOnly'],
        },
      },
    });
    const machine = new SimulatedMachine(original);
    const { plan } = await scan(machine, savedHostEntryRepair, context('10.1.2.3'));
    expect(plan.map((c) => c.id)).toEqual(['saved-host-entry:default-rdp']);
    await apply(machine, plan);
    expect(machine.snapshot().files).toEqual({});
    await undo(machine, plan);
    expect(machinesEqual(original, machine.snapshot())).toBe(true);
  });

  it('shares the Servers key with certificates: both applied, then undone in reverse, give the original', async () => {
    for (const order of [
      [certificatesRepair, savedHostEntryRepair],
      [savedHostEntryRepair, certificatesRepair],
    ]) {
      const original = stale();
      const machine = new SimulatedMachine(original);
      const ctx = context('server01.contoso.com');
      // One scan, as the engine does: both plans come from the same read of the machine.
      const plans = await Promise.all(order.map(async (repair) => (await scan(machine, repair, ctx)).plan));
      const changes = plans.flat();
      expect(changes.some((c) => c.id.startsWith('certificates:trust-'))).toBe(true);
      await apply(machine, changes);
      await apply(machine, changes);
      for (const repair of order) expect((await scan(machine, repair, ctx)).plan).toEqual([]);
      await undo(machine, changes);
      expect(machinesEqual(original, machine.snapshot())).toBe(true);
    }
  });
});

const HOSTS = [
  'server01',
  'SERVER01',
  'server01:3389',
  'server01:3390',
  'server01.contoso.com',
  'Server01.Contoso.com:3390',
  'server01.fabrikam.com',
  'pc07',
  'pc07.contoso.com',
  '10.1.2.3',
  '10.1.2.3:3390',
] as const;
const TARGETS = ['server01', 'server01.contoso.com', 'server01:3390', '10.1.2.3', 'pc07'] as const;

const machineArb = fc
  .record({
    slots: fc.uniqueArray(fc.integer({ min: 0, max: 9 }), { maxLength: 10 }),
    hosts: fc.array(fc.constantFrom(...HOSTS), { minLength: 10, maxLength: 10 }),
    servers: fc.uniqueArray(fc.constantFrom(...HOSTS.filter((h) => !h.includes(':'))), {
      maxLength: 4,
      selector: (h) => h.toLowerCase(),
    }),
    certHash: fc.boolean(),
    defaultRdp: fc.option(
      fc.record({
        address: fc.constantFrom(...HOSTS),
        encoding: fc.constantFrom('utf-16le' as const, 'utf-8' as const),
        attributes: fc.subarray(['Hidden', 'ReadOnly', 'Archive'] as const),
      }),
    ),
    lowerCaseNames: fc.boolean(),
  })
  .map(({ slots, hosts, servers, certHash, defaultRdp, lowerCaseNames }): MachineDescriptionInput => {
    const registry: Record<string, Record<string, RegistryValue>> = {};
    if (slots.length > 0) {
      registry[TSC_DEFAULT_KEY] = Object.fromEntries(
        slots.map((slot, i) => [`${lowerCaseNames ? 'mru' : 'MRU'}${slot}`, sz(hosts[i] ?? 'pc07')]),
      );
    }
    for (const server of servers) {
      registry[`${TSC_SERVERS_KEY}\\${server}`] = {
        UsernameHint: sz('CONTOSO\\alice'),
        ...(certHash ? { CertHash: { type: 'REG_BINARY', data: 'deadbeef' } } : {}),
      };
    }
    return machineWith({
      registry,
      files: defaultRdp
        ? {
            'C:\\Users\\alice\\Documents\\Default.rdp': {
              content: rdpFile(defaultRdp.address),
              encoding: defaultRdp.encoding,
              attributes: [...defaultRdp.attributes],
            },
          }
        : {},
    });
  });

describe('saved-host-entry properties', () => {
  it('undo(apply(m)) equals m; apply twice equals apply once; nothing is left to fix', async () => {
    await fc.assert(
      fc.asyncProperty(machineArb, fc.constantFrom(...TARGETS), async (original, host) => {
        const ctx = context(host);
        const machine = new SimulatedMachine(original);
        const before = await scan(machine, savedHostEntryRepair, ctx);
        const mruBefore = Object.entries(mruOf(machine))
          .sort(([a], [b]) => Number(a.slice(3)) - Number(b.slice(3)))
          .map(([, v]) => v);

        await apply(machine, before.plan);
        const once = machine.snapshot();
        await apply(machine, before.plan);
        expect(machinesEqual(once, machine.snapshot())).toBe(true);

        const after = await scan(machine, savedHostEntryRepair, ctx);
        expect(after.plan).toEqual([]);
        expect(after.finding.status).toBe('ok');
        if (before.plan.some((c) => c.id === 'saved-host-entry:history')) {
          const mruAfter = mruOf(machine);
          const names = Object.keys(mruAfter).map((n) => n.toUpperCase());
          expect(names.sort()).toEqual(names.map((_, i) => `MRU${i}`).sort());
          const kept = Object.entries(mruAfter)
            .sort(([a], [b]) => Number(a.slice(3)) - Number(b.slice(3)))
            .map(([, v]) => v);
          // The remaining entries keep their order: a subsequence of the original list.
          let i = 0;
          for (const value of mruBefore) if (i < kept.length && value.data === kept[i]?.data) i++;
          expect(i).toBe(kept.length);
        }

        await undo(machine, before.plan);
        expect(machinesEqual(original, machine.snapshot())).toBe(true);
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

describe('saved-host-entry with a value named __proto__', () => {
  it('backs it up and restores it: registry maps have no prototype', async () => {
    const description = JSON.parse(
      JSON.stringify(machineWith({})).replace(
        '"registry":{',
        '"registry":{"HKCU\\\\Software\\\\Microsoft\\\\Terminal Server Client\\\\Servers\\\\server01.contoso.com":{"__proto__":{"type":"REG_SZ","data":"hostile"},"UsernameHint":{"type":"REG_SZ","data":"alice"}},',
      ),
    );
    const machine = new SimulatedMachine(description);
    const original = machine.snapshot();
    const key = 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\server01.contoso.com';
    expect(Object.keys(original.registry[key] ?? {})).toContain('__proto__');
    const before = await scan(machine, savedHostEntryRepair, context('server01.contoso.com'));
    await apply(machine, before.plan);
    expect(valuesAt(machine, key)).toBeUndefined();
    await undo(machine, before.plan);
    expect(Object.keys(valuesAt(machine, key) ?? {}).sort()).toEqual(['UsernameHint', '__proto__']);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });
});
