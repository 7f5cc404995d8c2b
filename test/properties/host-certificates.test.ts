import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { RepairEngine } from '../../engine/engine.js';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescription } from '../../shared/machine-description.js';
import { CertificateListResultSchema, type MachineEvent, type Op } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import { REPO } from '../cli/cli-harness.js';

/*
 * Uncertain is not empty, as properties over generated host machines (this PC accepts connections): stores
 * that do not open, keys that cannot be checked, a SessionEnv that is missing or stopped, a certificate chosen
 * by SSLCertificateSHA1Hash, Windows failing to make certificates. Through the whole engine:
 * - no certificate.remove is ever planned on uncertain evidence: each removed certificate was listed (its
 *   store opened) and is unusable for a certain reason, SessionEnv was running, Windows had not logged a
 *   failure to make one;
 * - no generated machine loses its only certificate, even with every irreversible change consented to.
 * The generator couples "Windows cannot make a certificate" (sessionEnvIssuesCertificate false) with the event
 * Windows logs when it fails to (1057 or 1058): a broken MachineKeys folder that leaves no trace at all is
 * beyond what a scan can see (the key-file ACL check of issue 25, part 1).
 */

const SEED = 20261125;
const RUNS = 150;
const HEALTHY = loadMachineFile(join(REPO, 'sample-machines', 'healthy.json'));
const TS_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server';
const POLICY_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
const RDP_STORE = 'LocalMachine\\Remote Desktop';
const MY_STORE = 'LocalMachine\\My';
const WINDOW_MS = 14 * 24 * 3600 * 1000;
const root = mkdtempSync(join(tmpdir(), 'rdp-repair-host-certificates-'));
const figures = { machines: 0, removals: 0, refused: 0 };

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  console.log(
    `Host certificate properties (seed ${SEED}): ${figures.machines} generated host machines, ` +
      `${figures.removals} certificates removed on certain evidence, ${figures.refused} plans without a removal`,
  );
});

const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });

/** The sample's clock is 2026-11-21: expired, expiring within 14 days, valid; each key in any state. */
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
            privateKey: fc.constantFrom(
              'readable' as const,
              'none' as const,
              'unreadable' as const,
              'unavailable' as const,
            ),
            serviceCanReadKey: fc.boolean(),
          })
          .map((key) => ({ ...c, subject: 'CN=PC01', ...key })),
      ),
    ),
  );

// Weighted towards a machine where a removal could be right, so both sides of the property are reached.
const hostArb = fc.record({
  certificates: certificateArb,
  elevated: fc.boolean(),
  rdpStoreError: fc.constantFrom(
    undefined,
    undefined,
    undefined,
    undefined,
    'access-denied' as const,
    'failed' as const,
  ),
  myStoreError: fc.constantFrom(undefined, undefined, 'failed' as const),
  sessionEnv: fc.constantFrom(
    ...(['Running', 'Running', 'Running', 'Running', 'Stopped', 'absent'] as const),
  ),
  windowsCanIssue: fc.constantFrom(true, true, true, false),
  failureChannel: fc.constantFrom(
    'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin',
    'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational',
    'System',
  ),
  chosen: fc.constantFrom(
    undefined,
    undefined,
    undefined,
    '5A1C3E0F7B2D4C6E8A9B0C1D2E3F405162738495',
    'ab'.repeat(20),
  ),
  policy: fc.constantFrom(undefined, undefined, undefined, 0, 1),
});

type Host = typeof hostArb extends fc.Arbitrary<infer T> ? T : never;

function failureEvent(channel: string): MachineEvent {
  return {
    channel,
    id: 1057,
    time: '2026-11-20T06:00:00Z',
    level: 'Error',
    provider: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
    message: 'The RD Session Host Server has failed to create a new self signed certificate.',
    data: {},
  };
}

function hostMachine(g: Host): MachineDescription {
  const d = structuredClone(HEALTHY);
  d.os.elevated = g.elevated;
  d.registry[TS_KEY] = { fDenyTSConnections: dword(0) };
  if (g.policy !== undefined) d.registry[POLICY_KEY] = { fDenyTSConnections: dword(g.policy) };
  if (g.chosen) {
    d.registry[`${TS_KEY}\\WinStations\\RDP-Tcp`] = {
      SSLCertificateSHA1Hash: { type: 'REG_BINARY', data: g.chosen.toLowerCase() },
    };
  }
  d.certificates = { [RDP_STORE]: g.certificates };
  const errors: NonNullable<MachineDescription['certificateStoreErrors']> = {};
  if (g.rdpStoreError) errors[RDP_STORE] = g.rdpStoreError;
  if (g.myStoreError) errors[MY_STORE] = g.myStoreError;
  d.certificateStoreErrors = errors;
  const { SessionEnv: _, ...others } = d.services;
  d.services = g.sessionEnv === 'absent' ? others : { ...others, SessionEnv: { status: g.sessionEnv } };
  d.simulation.sessionEnvIssuesCertificate = g.windowsCanIssue;
  d.events = g.windowsCanIssue ? [] : [failureEvent(g.failureChannel)];
  return d;
}

function setup(description: MachineDescription) {
  const machine = new SimulatedMachine(description);
  figures.machines += 1;
  const engine = new RepairEngine({
    machine,
    dataDir: mkdtempSync(join(root, 'data-')),
    now: () => machine.now(),
  });
  return { machine, engine };
}

const removalsIn = (changes: readonly { ops: readonly Op[] }[]) =>
  changes.flatMap((c) => c.ops).filter((op) => op.op === 'certificate.remove');

/** Unusable for a certain reason, as the scan's own listing showed it. */
function certainlyUnusable(c: { notAfter: string; privateKey: string; serviceCanReadKey: boolean | null }) {
  const now = Date.parse('2026-11-21T09:00:00Z');
  return (
    Date.parse(c.notAfter) <= now + WINDOW_MS + 3600_000 ||
    c.privateKey === 'none' ||
    c.privateKey === 'unreadable' ||
    (c.privateKey === 'readable' && c.serviceCanReadKey === false)
  );
}

const options = { seed: SEED, numRuns: RUNS };

describe('host certificates over generated machines', () => {
  it('no removal ever follows an unknown: every removed certificate is certainly unusable and replaceable', async () => {
    await fc.assert(
      fc.asyncProperty(hostArb, async (g) => {
        const { machine, engine } = setup(hostMachine(g));
        const { report } = await engine.scan('server01.contoso.com');
        const removals = removalsIn(report.changes);
        if (removals.length === 0) {
          figures.refused += 1;
          return;
        }
        figures.removals += removals.length;
        const certificates = report.findings.find((f) => f.repairId === 'certificates');
        expect(certificates?.status).toBe('problem');
        expect(report.mode.acceptsConnections).toBe(true);
        expect(g.sessionEnv).toBe('Running');
        expect(g.windowsCanIssue).toBe(true);
        // The listing the scan saw (same process rights): the store opened, each removed one certainly unusable.
        const [listed] = await machine.run([{ op: 'certificate.list', store: RDP_STORE }], { mode: 'read' });
        expect(listed?.ok).toBe(true);
        const seen = CertificateListResultSchema.parse(listed?.ok ? listed.value : []);
        for (const removal of removals) {
          const certificate = seen.find(
            (c) => 'thumbprint' in removal && c.thumbprint === removal.thumbprint,
          );
          expect(certificate).toBeDefined();
          if (certificate) expect(certainlyUnusable(certificate)).toBe(true);
        }
      }),
      options,
    );
    // The generator reaches both sides.
    expect(figures.removals).toBeGreaterThan(0);
    expect(figures.refused).toBeGreaterThan(0);
  });

  it('no generated machine loses its only certificate, even with every irreversible change consented to', async () => {
    await fc.assert(
      fc.asyncProperty(hostArb, async (g) => {
        const { machine, engine } = setup(hostMachine(g));
        const before = machine.snapshot().certificates[RDP_STORE]?.length ?? 0;
        await engine.apply({
          host: 'server01.contoso.com',
          allowIrreversible: 'all',
          includeSuggestions: 'all',
          restorePoint: false,
        });
        const after = machine.snapshot().certificates[RDP_STORE]?.length ?? 0;
        if (before > 0) expect(after).toBeGreaterThan(0);
      }),
      options,
    );
  });
});
