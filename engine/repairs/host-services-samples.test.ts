import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { RepairEngine } from '../engine.js';

/*
 * The host services samples of issue 25 (sample-machines/README.md): a disabled and a stopped service Remote
 * Desktop needs, found on the host card with evidence in words, fixed through the elevated template, and undone
 * to exactly the machine before.
 */

const dataRoot = mkdtempSync(join(tmpdir(), 'rdp-repair-host-services-'));
afterAll(() => rmSync(dataRoot, { recursive: true, force: true }));

function open(file: string) {
  const machine = new SimulatedMachine(
    loadMachineFile(fileURLToPath(new URL(`../../sample-machines/${file}`, import.meta.url))),
  );
  const engine = new RepairEngine({
    machine,
    dataDir: mkdtempSync(join(dataRoot, 'data-')),
    now: () => machine.now(),
  });
  return { machine, engine };
}

describe.each([
  ['host-service-disabled.json', 'SessionEnv', /Remote Desktop Configuration \(SessionEnv\) is disabled/],
  ['host-service-stopped.json', 'TermService', /Remote Desktop Services \(TermService\) is not running/],
])('sample-machines/%s', (file, service, summary) => {
  it('is a problem on the host card, incoming while another computer is checked', async () => {
    const { engine } = open(file);
    const { report } = await engine.scan('server01.contoso.com');
    const finding = report.findings.find((f) => f.repairId === 'host-services');
    expect(finding).toMatchObject({
      status: 'problem',
      incoming: true,
      summary: expect.stringMatching(summary),
    });
    if (service === 'SessionEnv') {
      // Windows' own word for it, from the Service Control Manager, on the same card.
      expect(finding?.evidence).toContainEqual({
        label: '2026-11-20 07:45 UTC · System 7000',
        value: expect.stringMatching(
          /^Remote Desktop Configuration \(SessionEnv\): the service failed to start — /,
        ),
      });
    }
    // About people who connect here: never this connection's verdict.
    expect(report.verdict.side).not.toBe('this-pc');
  });

  it('the incoming question fixes it through the template, and undo restores the machine exactly', async () => {
    const { engine, machine } = open(file);
    const before = machine.snapshot();
    const run = await engine.apply({
      host: 'localhost',
      question: 'incoming',
      allowIrreversible: [],
      restorePoint: false,
    });
    expect(run.outcome).toBe('done');
    expect(run.changes.filter((c) => c.changeId === `host-services:${service}`)).toMatchObject([
      { state: 'done' },
    ]);
    expect(machine.snapshot().services[service]?.status).toBe('Running');
    const { report } = await engine.scan('localhost', undefined, undefined, 'incoming');
    expect(report.findings.find((f) => f.repairId === 'host-services')?.status).toBe('ok');
    await engine.undo(run.runId ?? undefined);
    expect(machine.snapshot()).toEqual(before);
  });
});

describe('sample-machines/host-port-taken.json', () => {
  it('names the other program on port 3389 with its path on the host-port card, with steps and no change', async () => {
    const { engine } = open('host-port-taken.json');
    const { report } = await engine.scan('localhost', undefined, undefined, 'incoming');
    const finding = report.findings.find((f) => f.repairId === 'host-port');
    expect(finding?.status).toBe('problem');
    expect(finding?.summary).toContain(
      'RemoteRelay (C:\\Program Files\\RemoteRelay\\RemoteRelay.exe), process 5120',
    );
    expect(finding?.instructions.length).toBeGreaterThan(0);
    expect(report.changes.filter((c) => c.repairId === 'host-port')).toEqual([]);
    expect(report.findings.find((f) => f.repairId === 'host-services')?.status).toBe('ok');
  });
});
