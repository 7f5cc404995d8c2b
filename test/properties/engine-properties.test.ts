import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RepairEngine } from '../../engine/engine.js';
import { type CountingPort, countingPort } from '../../machine/counting-port.js';
import { loadMachineFile, machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { RepairId } from '../../shared/findings.js';
import type { MachineDescription } from '../../shared/machine-description.js';
import type { RegistryValue } from '../../shared/registry.js';
import { REPO } from '../cli/cli-harness.js';

/*
 * Engine properties over generated machines: the healthy sample with any mix of the broken features the
 * repairs know about, run through the whole engine (every repair, one scan, the apply batches, undo).
 */

const SEED = 20261121;
const RUNS = 60;
const HEALTHY = loadMachineFile(join(REPO, 'sample-machines', 'healthy.json'));
const POLICIES_WINDOWS_NT = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT';
const UDP_KEY = `${POLICIES_WINDOWS_NT}\\Terminal Services\\Client`;
const TSC_KEY = 'HKCU\\Software\\Microsoft\\Terminal Server Client';
const CERT_STORE = 'LocalMachine\\Remote Desktop';
const root = mkdtempSync(join(tmpdir(), 'rdp-repair-properties-'));

const figures = { machines: 0, applies: 0, undos: 0, scans: 0 };

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.log(
    `Engine properties (seed ${SEED}): ${figures.machines} generated machines, ${figures.applies} applies, ` +
      `${figures.undos} undos restored exactly, ${figures.scans} scans of one round trip each`,
  );
});

const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });
const text = (data: string): RegistryValue => ({ type: 'REG_SZ', data });

/** The host the user cannot reach, as typed; the network of the healthy sample answers on 3389 for all of them. */
const targetArb = fc.constantFrom(
  'server01.contoso.com',
  'SERVER01.Contoso.com',
  'server01.contoso.com:3389',
  'server01',
);

/** The "Turn off UDP on client" policy: where it sits and what it holds. */
const udpArb = fc.constantFrom(
  'absent-value',
  'zero',
  'one',
  'string-one',
  'client-key-missing',
  'policies-missing',
);

function udpRegistry(udp: string): Record<string, Record<string, RegistryValue>> {
  switch (udp) {
    case 'zero':
      return { [UDP_KEY]: { fClientDisableUDP: dword(0) } };
    case 'one':
      return { [UDP_KEY]: { fClientDisableUDP: dword(1) } };
    case 'string-one':
      return { [UDP_KEY]: { fClientDisableUDP: text('1') } };
    case 'absent-value':
      return { [UDP_KEY]: { fClientDisableCredSsp: dword(0) } };
    case 'client-key-missing':
      return { [`${POLICIES_WINDOWS_NT}\\Terminal Services`]: { fDisableCdm: dword(1) } };
    default:
      return {};
  }
}

const hostSpellingArb = fc.constantFrom(
  'server01.contoso.com',
  'SERVER01.CONTOSO.COM',
  'Server01.contoso.com:3389',
  'server01.contoso.com:3390',
  'server01',
);
const otherHostArb = fc.constantFrom(
  'pc07',
  '10.1.2.40',
  'server02.contoso.com',
  'server01.fabrikam.com',
  '[fe80::1%12]:3390',
);

/** The Computer drop-down history: the host in 0–3 slots among others, at random MRU0–MRU9 slots (gaps). */
const mruArb = fc
  .record({
    host: fc.array(hostSpellingArb, { maxLength: 3 }),
    others: fc.array(otherHostArb, { maxLength: 4 }),
  })
  .chain(({ host, others }) => {
    const entries = [...host, ...others];
    const n = entries.length;
    return fc.tuple(
      fc.shuffledSubarray(entries, { minLength: n, maxLength: n }),
      fc.shuffledSubarray([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], { minLength: n, maxLength: n }),
    );
  })
  .map(([entries, slots]) => {
    const sorted = [...slots].sort((a, b) => a - b);
    return Object.fromEntries(entries.map((entry, i) => [`MRU${sorted[i]}`, text(entry)]));
  });

const serverKeyArb = fc.option(
  fc.record({
    name: fc.constantFrom('server01.contoso.com', 'Server01.Contoso.com', 'SERVER01'),
    usernameHint: fc.boolean(),
    certHash: fc.boolean(),
  }),
  { nil: undefined },
);

const defaultRdpArb = fc.option(
  fc.record({
    address: fc.constantFrom(
      'server01.contoso.com',
      'SERVER01.contoso.com:3389',
      'server01.contoso.com:3390',
      'pc07',
    ),
    hidden: fc.boolean(),
    encoding: fc.constantFrom('utf-16le' as const, 'utf-8' as const),
  }),
  { nil: undefined },
);

const credentialArb = fc.subarray([
  { target: 'TERMSRV/server01.contoso.com', type: 'DomainPassword' as const, user: 'CONTOSO\\alice' },
  { target: 'TERMSRV/SERVER01.contoso.com', type: 'Generic' as const, user: 'CONTOSO\\alice' },
  { target: 'TERMSRV/server01.contoso.com:3390', type: 'Generic' as const, user: 'alice' },
  { target: 'TERMSRV/pc07', type: 'DomainPassword' as const, user: 'PC07\\alice' },
  { target: 'TERMSRV/server02.contoso.com', type: 'Generic' as const, user: 'alice' },
]);

/** The sample's clock is 2026-11-21: expired, expiring within 14 days, valid; each with a key in any state. */
const certificateArb = fc
  .subarray([
    { thumbprint: '3F2A9C4B7D1E8F6A5B0C2D3E4F5A6B7C8D9E0F1A', notAfter: '2025-01-01T00:00:00Z' },
    { thumbprint: '0123456789ABCDEF0123456789ABCDEF01234567', notAfter: '2026-11-28T00:00:00Z' },
    { thumbprint: '5A1C3E0F7B2D4C6E8A9B0C1D2E3F405162738495', notAfter: '2027-05-01T00:00:00Z' },
  ])
  .chain((certificates) =>
    fc.tuple(
      ...certificates.map((c) =>
        fc
          .record({
            privateKey: fc.constantFrom('readable' as const, 'none' as const, 'unreadable' as const),
            serviceCanReadKey: fc.boolean(),
          })
          .map((key) => ({ ...c, subject: 'CN=PC01', ...key })),
      ),
    ),
  );

const adapterArb = fc.subarray([
  { name: 'NordLynx', description: 'NordLynx Tunnel', status: 'Up' as const, kind: 'adapter' as const },
  {
    name: 'Office VPN',
    description: 'WAN Miniport (IKEv2)',
    status: 'Up' as const,
    kind: 'vpn-profile' as const,
  },
  {
    name: 'Ethernet 2',
    description: 'TAP-Windows Adapter V9',
    status: 'Disconnected' as const,
    kind: 'adapter' as const,
  },
]);

const securityArb = fc.subarray([
  { name: 'Bitdefender Antivirus', kind: 'antivirus' as const, state: 'on' as const },
  { name: 'Bitdefender Firewall', kind: 'firewall' as const, state: 'on' as const },
  { name: 'Norton 360', kind: 'antivirus' as const, state: 'off' as const },
]);

function rdpFile(address: string): string {
  return `screen mode id:i:2\r\nfull address:s:${address}\r\nusername:s:CONTOSO\\alice\r\nprompt for credentials:i:0\r\n`;
}

const caseArb = fc
  .record({
    host: targetArb,
    udp: udpArb,
    mru: mruArb,
    serverKey: serverKeyArb,
    otherServerKey: fc.boolean(),
    defaultRdp: defaultRdpArb,
    credentials: credentialArb,
    certificates: certificateArb,
    adapters: adapterArb,
    security: securityArb,
  })
  .map((g): { host: string; description: MachineDescription } => {
    const registry: MachineDescription['registry'] = udpRegistry(g.udp);
    if (Object.keys(g.mru).length > 0) registry[`${TSC_KEY}\\Default`] = g.mru;
    if (g.serverKey) {
      registry[`${TSC_KEY}\\Servers\\${g.serverKey.name}`] = {
        ...(g.serverKey.usernameHint ? { UsernameHint: text('CONTOSO\\alice') } : {}),
        ...(g.serverKey.certHash
          ? { CertHash: { type: 'REG_BINARY', data: '0a1b2c3d4e5f60718293a4b5c6d7e8f901234567' } }
          : {}),
      };
    }
    if (g.otherServerKey) registry[`${TSC_KEY}\\Servers\\pc07`] = { UsernameHint: text('PC07\\alice') };
    const files: MachineDescription['files'] = {};
    if (g.defaultRdp) {
      files[`${HEALTHY.os.documentsFolder}\\Default.rdp`] = {
        content: rdpFile(g.defaultRdp.address),
        encoding: g.defaultRdp.encoding,
        attributes: g.defaultRdp.hidden ? ['Hidden', 'Archive'] : ['Archive'],
      };
    }
    return {
      host: g.host,
      description: {
        ...structuredClone(HEALTHY),
        registry,
        files,
        credentials: g.credentials,
        certificates: { [CERT_STORE]: g.certificates },
        network: { ...HEALTHY.network, adapters: [...HEALTHY.network.adapters, ...g.adapters] },
        securityProducts: [...HEALTHY.securityProducts, ...g.security],
      },
    };
  });

function setup(description: MachineDescription): {
  machine: SimulatedMachine;
  port: CountingPort;
  engine: RepairEngine;
} {
  const machine = new SimulatedMachine(description);
  const port = countingPort(machine);
  const dataDir = mkdtempSync(join(root, 'data-'));
  figures.machines += 1;
  return { machine, port, engine: new RepairEngine({ machine: port, dataDir, now: () => machine.now() }) };
}

/** Runs `step` and returns how many round trips it made through `port`. */
async function roundTripsOf<T>(
  port: CountingPort,
  step: () => Promise<T>,
): Promise<{ value: T; roundTrips: number }> {
  const before = port.stats().roundTrips;
  const value = await step();
  return { value, roundTrips: port.stats().roundTrips - before };
}

const REVERSIBLE = { allowIrreversible: [] as string[], restorePoint: false };
const CONSENTED = {
  allowIrreversible: 'all' as const,
  includeSuggestions: 'all' as const,
  restorePoint: true,
};
const options = { seed: SEED, numRuns: RUNS };

describe('engine properties over generated machines', () => {
  it('for the reversible plan, undo(apply(m)) equals m; every scan is one round trip', async () => {
    const planned = new Set<RepairId>();
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ host, description }) => {
        const { machine, port, engine } = setup(description);
        const original = machine.snapshot();
        const scan = await roundTripsOf(port, () => engine.scan(host));
        expect(scan.roundTrips).toBe(1);
        figures.scans += 1;
        for (const change of scan.value.report.changes) planned.add(change.repairId);

        const applied = await roundTripsOf(port, () => engine.apply({ host, ...REVERSIBLE }));
        figures.applies += 1;
        const report = applied.value;
        expect(['done', 'nothing-to-do']).toContain(report.outcome);
        if (report.outcome === 'nothing-to-do') {
          // Only the scan: nothing was written.
          expect(applied.roundTrips).toBe(1);
          expect(machinesEqual(machine.snapshot(), original)).toBe(true);
          return;
        }
        // Scan, at most one elevated and one user batch, then the verification scan (one round trip).
        expect(applied.roundTrips).toBeGreaterThanOrEqual(3);
        expect(applied.roundTrips).toBeLessThanOrEqual(4);
        expect(report.verification?.stats.roundTrips).toBe(1);
        figures.scans += 1;
        const undo = await engine.undo(report.runId ?? undefined);
        expect(undo.outcome).toBe('undone');
        expect(machinesEqual(machine.snapshot(), original)).toBe(true);
        figures.undos += 1;
      }),
      options,
    );
    // The generator reaches every repair that plans changes.
    expect([...planned].sort()).toEqual([
      'certificates',
      'saved-credentials',
      'saved-host-entry',
      'udp-transport',
    ]);
  });

  it('apply twice equals apply once: the second apply has nothing to do and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, fc.boolean(), async ({ host, description }, consent) => {
        const { machine, port, engine } = setup(description);
        const request = consent ? CONSENTED : REVERSIBLE;
        const once = await engine.apply({ host, ...request });
        figures.applies += 2;
        expect(['done', 'nothing-to-do']).toContain(once.outcome);
        const afterOnce = machine.snapshot();
        const twice = await roundTripsOf(port, () => engine.apply({ host, ...request }));
        expect(twice.value.outcome).toBe('nothing-to-do');
        expect(twice.roundTrips).toBe(1);
        figures.scans += 1;
        expect(machinesEqual(machine.snapshot(), afterOnce)).toBe(true);
      }),
      options,
    );
  });

  it('after apply with irreversible consent, a scan shows no problem and no change left', async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async ({ host, description }) => {
        const { port, engine } = setup(description);
        const applied = await engine.apply({ host, ...CONSENTED });
        figures.applies += 1;
        expect(['done', 'nothing-to-do']).toContain(applied.outcome);
        const scan = await roundTripsOf(port, () => engine.scan(host));
        expect(scan.roundTrips).toBe(1);
        figures.scans += 1;
        const { findings, changes } = scan.value.report;
        expect(findings.filter((f) => f.status === 'problem')).toEqual([]);
        expect(changes).toEqual([]);
      }),
      options,
    );
  });
});
