import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import { loadMachineFile } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import type { NetworkPort } from '../network/port.js';
import { simulatedNetwork } from '../network/simulated-network.js';
import { RepairEngine } from './engine.js';
import { createIpcHandlers } from './ipc-handlers.js';

/*
 * Issue 27, point 2: "People can't connect to this PC" is a question the engine answers (the app's start
 * screen and the CLI's --this-pc ask it): this PC itself, the host-mode repairs, no handshake with anything, and
 * its own verdict, whatever host the request carries.
 */

const sample = (name: string) => fileURLToPath(new URL(`../sample-machines/${name}.json`, import.meta.url));

/** The sample with its simulated network, counting the handshakes the engine starts. */
function open(name: string) {
  const machine = new SimulatedMachine(loadMachineFile(sample(name)));
  const real = simulatedNetwork(
    () => machine.snapshot().network.hosts,
    () => machine.now(),
  );
  const probes: string[] = [];
  const network: NetworkPort = {
    ...real,
    probeHandshake: (target, options) => {
      probes.push(target.host);
      return real.probeHandshake(target, options);
    },
  };
  const engine = new RepairEngine({
    machine,
    network,
    dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-question-')),
    now: () => machine.now(),
    preview: powershellPreview,
  });
  return { machine, engine, probes };
}

describe('the incoming question', () => {
  it('checks this PC itself with the host-mode repairs and no handshake, whatever host was typed', async () => {
    const { engine, probes } = open('host-expired-certificate');
    const { report } = await engine.scan('server01.contoso.com', undefined, undefined, 'incoming');
    expect(report.question).toBe('incoming');
    expect(report.host).toBe('localhost');
    expect(report.handshake).toBeUndefined();
    expect(probes).toEqual([]);
    expect(report.findings.map((f) => f.repairId).sort()).toEqual([
      'certificates',
      'event-logs',
      'host-port',
      'host-services',
      'host-settings',
    ]);
    // The listener's own expired certificate is the answer here, not something "for people who connect".
    expect(report.findings.find((f) => f.repairId === 'certificates')).toMatchObject({ status: 'problem' });
    expect(report.findings.some((f) => f.incoming)).toBe(false);
    expect(report.verdict.side).toBe('this-pc');
    expect(report.mode.sentence).not.toMatch(/it is checked as/);
  });

  it('says "People cannot connect to this PC" when Remote Desktop is turned off here', async () => {
    const { engine } = open('host-denied-by-policy');
    const { report } = await engine.scan('localhost', undefined, undefined, 'incoming');
    expect(report.verdict).toEqual({
      side: 'this-pc',
      summary: expect.stringMatching(/^People cannot connect to this PC: .*Group Policy/),
    });
  });

  it('names the computer, not "this PC", when that computer is reached through PowerShell remoting', async () => {
    const { machine } = open('host-denied-by-policy');
    // The same machine, as the remote port presents another computer (machine/port.ts `remote`).
    const remote = Object.assign(Object.create(machine) as SimulatedMachine, {
      remote: { via: 'ssh', computer: 'SERVER01' } as const,
    });
    const engine = new RepairEngine({
      machine: remote,
      dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-question-remote-')),
      now: () => machine.now(),
    });
    const { report } = await engine.scan('localhost', undefined, undefined, 'incoming');
    expect(report.verdict.summary).toMatch(/^People cannot connect to SERVER01: /);
    expect(report.verdict.summary).not.toMatch(/this PC/);
  });

  it('is "none" in its own words on a PC that accepts connections with nothing wrong', async () => {
    const { engine } = open('host-server-events');
    const { report } = await engine.scan('localhost', ['saved-credentials'], undefined, 'incoming');
    // Naming only repairs of the other question still checks this question's.
    expect(report.findings.map((f) => f.repairId).sort()).toEqual([
      'certificates',
      'event-logs',
      'host-port',
      'host-services',
      'host-settings',
    ]);
    expect(report.verdict.side).not.toBe('remote-pc');
  });

  it('fixes the listener and verifies in the same question', async () => {
    const { engine, probes } = open('host-expired-certificate');
    const applied = await engine.apply({
      host: 'localhost',
      question: 'incoming',
      allowIrreversible: 'all',
      restorePoint: false,
    });
    expect(applied.outcome).toBe('done');
    expect(applied.changes.filter((c) => c.state === 'done').length).toBeGreaterThan(0);
    expect(applied.verification?.question).toBe('incoming');
    // The next step is a connection TO this PC, not Remote Desktop Connection on it to "localhost".
    expect(applied.nextSteps[0]).toMatch(/^From another computer, connect to this PC again/);
    expect(applied.nextSteps.join(' ')).not.toMatch(/localhost/);
    expect(applied.verification?.findings.find((f) => f.repairId === 'certificates')?.status).not.toBe(
      'problem',
    );
    expect(probes).toEqual([]);
  });

  it('is asked over IPC with question: incoming; the outgoing default is unchanged', async () => {
    const { machine } = open('host-expired-certificate');
    const handlers = createIpcHandlers({
      machine,
      network: simulatedNetwork(
        () => machine.snapshot().network.hosts,
        () => machine.now(),
      ),
      dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-question-ipc-')),
      now: () => machine.now(),
      onProgress: () => {},
    });
    const incoming = await handlers['repair:scan']({ host: 'server01.contoso.com', question: 'incoming' });
    expect(incoming.ok && incoming.value).toMatchObject({ host: 'localhost', question: 'incoming' });
    const outgoing = await handlers['repair:scan']({ host: 'server01.contoso.com' });
    expect(outgoing.ok && outgoing.value.question).toBeUndefined();
    expect(outgoing.ok && outgoing.value.host).toBe('server01.contoso.com');
    const wrong = await handlers['repair:scan']({ host: 'server01.contoso.com', question: 'sideways' });
    expect(wrong.ok).toBe(false);
  });
});

describe('the outgoing question on a PC that does or does not accept connections', () => {
  it('leaves the host-only checks out where this PC accepts no connections, and marks them incoming where it does', async () => {
    const stock = await open('healthy').engine.scan('server01.contoso.com');
    const ids = stock.report.findings.map((f) => f.repairId);
    expect(ids).not.toContain('host-services');
    expect(ids).not.toContain('host-port');
    expect(ids).not.toContain('host-settings');
    const host = await open('host-expired-certificate').engine.scan('server01.contoso.com');
    const services = host.report.findings.find((f) => f.repairId === 'host-services');
    expect(services).toMatchObject({ incoming: true });
  });
});
