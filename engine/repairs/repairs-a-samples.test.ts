import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile, machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { FindingStatus } from '../../shared/findings.js';
import type { Repair } from '../repair.js';
import { TSC_DEFAULT_KEY, TSC_SERVERS_KEY } from '../windows/terminal-server-client.js';
import { certificatesRepair } from './certificates.js';
import { apply, context, scan, undo, valuesAt } from './repair-harness.test-support.js';
import { savedCredentialsRepair } from './saved-credentials.js';
import { savedHostEntryRepair } from './saved-host-entry.js';

// The sample machines documented in sample-machines/README.md, scanned for host server01.contoso.com (no handshake
// here: the cached certificate trust is then a suggestion).
const REPAIRS: Repair[] = [certificatesRepair, savedHostEntryRepair, savedCredentialsRepair];
const CASES: [string, FindingStatus[]][] = [
  ['healthy.json', ['ok', 'ok', 'ok']],
  // A PC nobody connects to: its own expired certificate is left alone; the cached trust is a warning.
  ['expired-certificate.json', ['suggestion', 'suggestion', 'ok']],
  // The same PC accepting connections (host mode): now its expired certificate is the problem.
  ['host-expired-certificate.json', ['problem', 'suggestion', 'ok']],
  ['host-missing-certificate.json', ['problem', 'suggestion', 'ok']],
  // Run as administrator, so the listing can tell that the valid certificate's private key does not open.
  ['host-certificate-key-unreadable.json', ['problem', 'suggestion', 'ok']],
  ['stale-host-entry.json', ['suggestion', 'suggestion', 'ok']],
  ['saved-password.json', ['ok', 'ok', 'suggestion']],
  ['sign-in-failure.json', ['ok', 'ok', 'problem']],
];

describe.each(CASES)('sample-machines/%s', (file, statuses) => {
  it('shows the documented findings, and undo of the reversible changes gives the file back', async () => {
    const original = loadMachineFile(
      fileURLToPath(new URL(`../../sample-machines/${file}`, import.meta.url)),
    );
    const machine = new SimulatedMachine(original);
    const ctx = context('server01.contoso.com');
    const scans = [];
    for (const repair of REPAIRS) scans.push(await scan(machine, repair, ctx));
    expect(scans.map((s) => s.finding.status)).toEqual(statuses);

    const reversible = scans.flatMap((s) => s.plan).filter((c) => c.inverse !== null);
    await apply(machine, reversible);
    for (const repair of REPAIRS) {
      const after = await scan(machine, repair, ctx);
      expect(after.plan.filter((c) => c.inverse !== null)).toEqual([]);
    }
    await undo(machine, reversible);
    expect(machinesEqual(original, machine.snapshot())).toBe(true);

    const everything = new SimulatedMachine(original);
    await apply(
      everything,
      scans.flatMap((s) => s.plan),
    );
    for (const repair of REPAIRS) expect((await scan(everything, repair, ctx)).finding.status).toBe('ok');
  });
});

describe('sample-machines/stale-host-entry.json', () => {
  it('keeps the other entries in order, renumbered without gaps', async () => {
    const machine = new SimulatedMachine(
      loadMachineFile(fileURLToPath(new URL('../../sample-machines/stale-host-entry.json', import.meta.url))),
    );
    const { plan } = await scan(machine, savedHostEntryRepair, context('server01.contoso.com'));
    await apply(machine, plan);
    expect(valuesAt(machine, TSC_DEFAULT_KEY)).toEqual({
      MRU0: { type: 'REG_SZ', data: 'pc07' },
      MRU1: { type: 'REG_SZ', data: 'server01.contoso.com:3390' },
      MRU2: { type: 'REG_SZ', data: '10.1.2.40' },
    });
    expect(valuesAt(machine, `${TSC_SERVERS_KEY}\\pc07`)).toBeDefined();
    expect(machine.snapshot().files).toEqual({});
  });
});
