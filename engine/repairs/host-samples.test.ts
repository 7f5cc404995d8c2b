import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { RepairEngine } from '../engine.js';

/*
 * The host samples of issue 25 (sample-machines/README.md): what could not be checked is unknown and changes nothing;
 * Group Policy decides host mode; the server role's events come from their own channels.
 */

const dataRoot = mkdtempSync(join(tmpdir(), 'rdp-repair-host-samples-'));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

async function scanSample(file: string) {
  const machine = new SimulatedMachine(
    loadMachineFile(fileURLToPath(new URL(`../../sample-machines/${file}`, import.meta.url))),
  );
  const engine = new RepairEngine({
    machine,
    dataDir: mkdtempSync(join(dataRoot, 'data-')),
    now: () => machine.now(),
  });
  const { report } = await engine.scan('server01.contoso.com');
  const finding = (id: string) => report.findings.find((f) => f.repairId === id);
  return { report, finding, machine };
}

const removals = (changes: { ops: { op: string }[] }[]) =>
  changes.flatMap((c) => c.ops).filter((op) => op.op === 'certificate.remove');

describe('sample-machines/host-store-unopenable.json', () => {
  it('is unknown, says the store could not be opened, and plans no certificate change', async () => {
    const { report, finding } = await scanSample('host-store-unopenable.json');
    expect(finding('certificates')).toMatchObject({
      status: 'unknown',
      summary: expect.stringMatching(
        /^Could not check this computer's Remote Desktop certificate: .*Access is denied/,
      ),
    });
    expect(report.changes.filter((c) => c.repairId === 'certificates')).toEqual([]);
  });
});

describe('sample-machines/host-key-uncheckable.json', () => {
  it('is unknown with Windows reason and removes nothing, though run as administrator', async () => {
    const { report, finding } = await scanSample('host-key-uncheckable.json');
    expect(finding('certificates')?.status).toBe('unknown');
    expect(
      finding('certificates')
        ?.evidence.map((e) => e.value)
        .join(' '),
    ).toMatch(/private key could not be checked: .*0x8009001E/);
    expect(removals(report.changes)).toEqual([]);
  });
});

describe('sample-machines/host-denied-by-policy.json', () => {
  it('is not host mode: Group Policy turns Remote Desktop off though the local setting allows it', async () => {
    const { report, finding } = await scanSample('host-denied-by-policy.json');
    expect(report.mode).toMatchObject({
      acceptsConnections: false,
      sentence: expect.stringContaining('Remote Desktop is turned off by Group Policy'),
    });
    // Its expired certificate is information only: nobody connects to this computer.
    expect(finding('certificates')?.status).not.toBe('problem');
    expect(removals(report.changes)).toEqual([]);
  });
});

describe('sample-machines/host-server-events.json', () => {
  it('shows the incoming attempts from the server channels, one line each, on the event-logs card', async () => {
    const { finding } = await scanSample('host-server-events.json');
    const lines = finding('event-logs')?.evidence.filter((e) => e.label.endsWith('Incoming connection'));
    expect(lines?.map((e) => e.label)).toEqual([
      '2026-11-20 11:30 UTC · Incoming connection',
      '2026-11-20 10:00 UTC · Incoming connection',
    ]);
    expect(lines?.[1]?.value).toMatch(
      /accepted from 10\.1\.2\.50:51234; then the RDP protocol stack found an error/,
    );
  });

  it('shows the certificate events on the certificates card, and the 1058 stops the removal', async () => {
    const { report, finding } = await scanSample('host-server-events.json');
    const certificates = finding('certificates');
    expect(certificates?.status).toBe('problem');
    expect(certificates?.evidence.map((e) => e.label)).toEqual(
      expect.arrayContaining([
        '2026-11-20 10:00 UTC · System 36870',
        '2026-11-20 06:12 UTC · RemoteConnectionManager/Admin 1058',
        'Not removed',
      ]),
    );
    expect(removals(report.changes)).toEqual([]);
    // Shown once, on the card it supports.
    expect(
      finding('event-logs')
        ?.evidence.map((e) => e.label)
        .join(' '),
    ).not.toMatch(/36870|1058/);
  });
});
