import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import { loadMachineFile } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import { simulatedNetwork } from '../network/simulated-network.js';
import { RepairEngine } from './engine.js';
import { targetsThisPc } from './windows/this-pc-target.js';

/*
 * Issue 27, point 2: on a PC that accepts Remote Desktop and whose own listener certificate has expired, a check
 * of a connection to ANOTHER computer that answers normally does not say "this PC": that certificate is for
 * people who connect here. It stays on its card, out of the verdict and out of Fix all unless chosen; checked as
 * this PC itself (localhost, the CLI's --this-pc), it is the answer, as before.
 */

const SAMPLE = fileURLToPath(new URL('../sample-machines/host-expired-certificate.json', import.meta.url));

/** The sample, checked as the app checks another computer; `thisPc`: as the CLI's --this-pc (no handshake). */
function open(thisPc = false) {
  const machine = new SimulatedMachine(loadMachineFile(SAMPLE));
  const network = simulatedNetwork(
    () => machine.snapshot().network.hosts,
    () => machine.now(),
  );
  const engine = new RepairEngine({
    machine,
    ...(thisPc ? {} : { network }),
    dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-incoming-')),
    now: () => machine.now(),
    preview: powershellPreview,
  });
  return { machine, engine };
}

/** The listener's certificates, by thumbprint (a renewal removes the expired one; Windows makes a new one). */
const listenerCertificates = (machine: SimulatedMachine) =>
  (machine.snapshot().certificates['LocalMachine\\Remote Desktop'] ?? []).map((c) => c.thumbprint);

describe('this PC as a host, while another computer is checked', () => {
  it('is not the verdict: the remote computer answered normally, and the card says it is for people who connect here', async () => {
    const { engine } = open();
    const { report } = await engine.scan('server01.contoso.com');
    const certificate = report.findings.find((f) => f.repairId === 'certificates');
    expect(certificate).toMatchObject({ status: 'problem', incoming: true });
    expect(report.verdict.side).toBe('none');
    expect(report.verdict.summary).toMatch(
      /^Nothing on this PC stands in the way of this connection and the remote computer answered/,
    );
    expect(report.verdict.summary).toMatch(/people who connect to this PC would fail/);
  });

  it('is left out of Fix all unless chosen, and made when chosen', async () => {
    const { engine, machine } = open();
    const before = listenerCertificates(machine);
    const fixAll = await engine.dryRun({ host: 'server01.contoso.com', allowIrreversible: 'all' });
    expect(fixAll.plan.changes.filter((c) => c.repairId === 'certificates')).toEqual([]);
    expect(fixAll.plan.skipped.filter((s) => s.why === 'incoming').length).toBeGreaterThan(0);
    const applied = await engine.apply({
      host: 'server01.contoso.com',
      allowIrreversible: 'all',
      restorePoint: false,
    });
    expect(applied.message).toMatch(/for people who connect to this PC/);
    expect(listenerCertificates(machine)).toEqual(before);

    const chosen = await engine.apply({
      host: 'server01.contoso.com',
      allowIrreversible: 'all',
      includeSuggestions: 'all',
      restorePoint: false,
    });
    expect(chosen.changes.some((c) => c.changeId.startsWith('certificates:') && c.state === 'done')).toBe(
      true,
    );
    expect(listenerCertificates(machine)).not.toContain(before[0]);
  });

  it('checked as this PC itself (localhost), the listener is the question and the verdict', async () => {
    const { engine } = open(true);
    const { report } = await engine.scan('localhost', ['certificates']);
    const certificate = report.findings.find((f) => f.repairId === 'certificates');
    expect(certificate?.status).toBe('problem');
    expect(certificate?.incoming).toBeUndefined();
    expect(report.verdict.side).toBe('this-pc');
  });

  it('knows this PC by name: localhost and loopback, never another computer', () => {
    for (const host of [
      'localhost',
      'LOCALHOST.',
      '127.0.0.1',
      '127.8.9.10',
      '::1',
      '[::1]',
      '::ffff:127.0.0.1',
    ])
      expect(targetsThisPc({ host, port: undefined, kind: 'dns' }), host).toBe(true);
    for (const host of ['server01.contoso.com', '10.1.2.3', 'localhost.contoso.com', '::2'])
      expect(targetsThisPc({ host, port: undefined, kind: 'dns' }), host).toBe(false);
  });
});
