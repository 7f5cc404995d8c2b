import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RepairEngine } from '../../engine/engine.js';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { simulatedNetwork } from '../../network/simulated-network.js';
import type { MachineDescription } from '../../shared/machine-description.js';
import type { RegistryValue } from '../../shared/registry.js';
import { REPO } from '../cli/cli-harness.js';

/*
 * Honest diagnosis as a property: a PC with no evidence of anything (whatever its UDP policy, history, saved
 * passwords, own certificates, VPN-less adapters and security products, with a remote computer that answers
 * normally and no failed connection in its logs) has no `problem`, and Fix all (the default choice: no
 * suggestion ticked, no irreversible consent) changes nothing.
 */

const SEED = 20261201;
const RUNS = 80;
const HEALTHY = loadMachineFile(join(REPO, 'sample-machines', 'healthy.json'));
const root = mkdtempSync(join(tmpdir(), 'rdp-repair-no-evidence-'));
let checked = 0;
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.log(
    `No-evidence property (seed ${SEED}): ${checked} generated stock PCs, 0 problems, 0 changes in Fix all`,
  );
});

const UDP_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';
const TSC = 'HKCU\\Software\\Microsoft\\Terminal Server Client';
const sz = (data: string): RegistryValue => ({ type: 'REG_SZ', data });

const stockPcArb = fc.record({
  udp: fc.constantFrom<RegistryValue | undefined>(
    undefined,
    { type: 'REG_DWORD', data: 0 },
    { type: 'REG_DWORD', data: 1 },
  ),
  history: fc.subarray(['server01.contoso.com', 'pc07', 'SERVER01.contoso.com:3389', '10.1.2.40']),
  serverKey: fc.boolean(),
  credentials: fc.subarray([
    { target: 'TERMSRV/server01.contoso.com', type: 'DomainPassword' as const, user: 'CONTOSO\\alice' },
    { target: 'TERMSRV/server01.contoso.com', type: 'Generic' as const, user: 'alice' },
    { target: 'TERMSRV/pc07', type: 'Generic' as const, user: 'alice' },
  ]),
  ownCertificateExpired: fc.boolean(),
  acceptsConnections: fc.constantFrom<0 | 1 | undefined>(undefined, 1),
  thirdPartyAntivirus: fc.boolean(),
  // Normal endings only: 1 local, 2 remote by user, 3 remote by server.
  pastEndings: fc.subarray([1, 2, 3]),
});

type StockPc = typeof stockPcArb extends fc.Arbitrary<infer T> ? T : never;

function stockPc(input: StockPc): MachineDescription {
  const d = structuredClone(HEALTHY);
  delete d.registry[UDP_KEY];
  if (input.udp) d.registry[UDP_KEY] = { fClientDisableUDP: input.udp };
  if (input.history.length > 0) {
    d.registry[`${TSC}\\Default`] = Object.fromEntries(input.history.map((h, i) => [`MRU${i}`, sz(h)]));
  }
  if (input.serverKey)
    d.registry[`${TSC}\\Servers\\server01.contoso.com`] = { UsernameHint: sz('CONTOSO\\alice') };
  if (input.acceptsConnections !== undefined) {
    d.registry['HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server'] = {
      fDenyTSConnections: { type: 'REG_DWORD', data: input.acceptsConnections },
    };
  }
  d.credentials = input.credentials;
  d.certificates['LocalMachine\\Remote Desktop'] = input.ownCertificateExpired
    ? [
        {
          thumbprint: '3F2A9C4B7D1E8F6A5B0C2D3E4F5A6B7C8D9E0F1A',
          subject: 'CN=PC01',
          notAfter: '2025-01-01T00:00:00Z',
          privateKey: 'readable',
          serviceCanReadKey: true,
        },
      ]
    : [];
  if (input.thirdPartyAntivirus)
    d.securityProducts = [{ name: 'Bitdefender Antivirus Plus', kind: 'antivirus', state: 'on' }];
  const channel = 'Microsoft-Windows-TerminalServices-RDPClient/Operational';
  d.events = input.pastEndings.flatMap((reason, i): MachineDescription['events'] => [
    { channel, id: 1024, time: `2026-11-2${i}T08:00:00Z`, data: { Value: 'server01.contoso.com' } },
    { channel, id: 1025, time: `2026-11-2${i}T08:00:01Z`, data: {} },
    { channel, id: 1027, time: `2026-11-2${i}T08:00:02Z`, data: {} },
    { channel, id: 1026, time: `2026-11-2${i}T09:00:00Z`, data: { Value: reason } },
  ]);
  return d;
}

describe('a stock PC with no evidence of anything', () => {
  it('has no problem, and Fix all changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(stockPcArb, async (input) => {
        const machine = new SimulatedMachine(stockPc(input));
        const engine = new RepairEngine({
          machine,
          network: simulatedNetwork(
            () => machine.snapshot().network.hosts,
            () => machine.now(),
          ),
          dataDir: mkdtempSync(join(root, 'data-')),
          now: () => machine.now(),
        });
        const { report, plan } = await engine.dryRun({ host: 'server01.contoso.com', allowIrreversible: [] });
        checked += 1;
        expect(report.findings.filter((f) => f.status === 'problem').map((f) => f.repairId)).toEqual([]);
        expect(plan.changes.map((c) => c.id)).toEqual([]);
        expect(report.verdict.side).toBe('none');
      }),
      { seed: SEED, numRuns: RUNS },
    );
  });
});
