import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachinePort, RunOptions } from '../machine/port.js';
import { loadMachineFile } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import { simulatedNetwork } from '../network/simulated-network.js';
import type { Op } from '../shared/ops.js';
import type { ScanProgress } from '../shared/scan-progress.js';
import { RepairEngine } from './engine.js';
import { scanSteps } from './scan-steps.js';

const MACHINES = join(import.meta.dirname, '..', 'sample-machines');

function recorder() {
  const seen: ScanProgress[] = [];
  const states = () => seen.map((p) => p.steps.map((s) => `${s.id}:${s.state}`).join(' '));
  return { seen, states, listener: (p: ScanProgress) => seen.push(p) };
}

describe('scanSteps', () => {
  it('shows PowerShell starting only when the port says so, and moves every step forward once', () => {
    const { states, listener } = recorder();
    const steps = scanSteps('server01', true, listener);
    steps.stage('starting');
    steps.remoteDone();
    steps.stage('running');
    steps.readDone();
    expect(states()).toEqual([
      'read-this-pc:waiting talk-to-remote:running',
      'start-powershell:running read-this-pc:waiting talk-to-remote:running',
      'start-powershell:running read-this-pc:waiting talk-to-remote:done',
      'start-powershell:done read-this-pc:waiting talk-to-remote:done',
      'start-powershell:done read-this-pc:running talk-to-remote:done',
      'start-powershell:done read-this-pc:done talk-to-remote:done',
    ]);
  });

  it('never moves a step back, never repeats itself, and adds no start once the read is under way', () => {
    const { states, listener } = recorder();
    const steps = scanSteps('server01', false, listener);
    steps.stage('running');
    steps.stage('starting');
    steps.readDone();
    steps.stage('running');
    steps.readDone();
    steps.remoteDone();
    expect(states()).toEqual(['read-this-pc:waiting', 'read-this-pc:running', 'read-this-pc:done']);
  });

  it('finishes the read even when the port never said what stage it was at', () => {
    const { states, listener } = recorder();
    scanSteps('server01', false, listener).readDone();
    expect(states().at(-1)).toBe('read-this-pc:done');
  });

  it('hands out copies: a listener keeping an event does not see it change', () => {
    const { seen, listener } = recorder();
    const steps = scanSteps('server01', false, listener);
    steps.readDone();
    expect(seen[0]?.steps[0]?.state).toBe('waiting');
  });
});

describe('a check reports its steps', () => {
  it('on a simulated machine: the read and the handshake, for the host as given, all done at the end', async () => {
    const machine = new SimulatedMachine(await loadMachineFile(join(MACHINES, 'host-unreachable.json')));
    const engine = new RepairEngine({
      machine,
      network: simulatedNetwork(
        () => machine.snapshot().network.hosts,
        () => machine.now(),
      ),
      dataDir: mkdtempSync(join(tmpdir(), 'scan-steps-')),
      now: () => machine.now(),
    });
    const { seen, states, listener } = recorder();
    await engine.scan('Server01.contoso.com:3389', undefined, listener);
    expect(seen.every((p) => p.host === 'Server01.contoso.com:3389')).toBe(true);
    expect(states()[0]).toBe('read-this-pc:waiting talk-to-remote:running');
    expect(states().at(-1)).toBe('read-this-pc:done talk-to-remote:done');
    expect(states()).toContain('read-this-pc:running talk-to-remote:running');
  });

  it('the handshake stays running while the remote takes its time, and the read finishes first', async () => {
    let release: () => void = () => {};
    const answered = new Promise<void>((resolve) => {
      release = resolve;
    });
    const machine = new SimulatedMachine(await loadMachineFile(join(MACHINES, 'healthy.json')));
    const engine = new RepairEngine({
      machine,
      network: {
        kind: 'simulated',
        probeHandshake: async () => {
          await answered;
          return undefined;
        },
      },
      dataDir: mkdtempSync(join(tmpdir(), 'scan-steps-')),
      now: () => machine.now(),
    });
    const { states, listener } = recorder();
    const scan = engine.scan('server01', undefined, (p) => {
      listener(p);
      if (p.steps.find((s) => s.id === 'read-this-pc')?.state === 'done') release();
    });
    await scan;
    expect(states().slice(-2)).toEqual([
      'read-this-pc:done talk-to-remote:running',
      'read-this-pc:done talk-to-remote:done',
    ]);
  });

  it('with a port that starts PowerShell first, and when the port fails outright', async () => {
    const starting: MachinePort = {
      kind: 'powershell',
      label: 'fake',
      async run(ops: readonly Op[], options: RunOptions) {
        options.onStage?.('starting');
        options.onStage?.('running');
        return ops.map(() => ({ ok: false, error: { code: 'failed', message: 'no' } }));
      },
    };
    const broken: MachinePort = { ...starting, run: () => Promise.reject(new Error('PowerShell died')) };
    const dataDir = mkdtempSync(join(tmpdir(), 'scan-steps-'));
    const first = recorder();
    await new RepairEngine({ machine: starting, dataDir }).scan('server01', undefined, first.listener);
    expect(first.states()).toEqual([
      'read-this-pc:waiting',
      'start-powershell:running read-this-pc:waiting',
      'start-powershell:done read-this-pc:waiting',
      'start-powershell:done read-this-pc:running',
      'start-powershell:done read-this-pc:done',
    ]);
    const second = recorder();
    await expect(
      new RepairEngine({ machine: broken, dataDir }).scan('server01', undefined, second.listener),
    ).rejects.toThrow('PowerShell died');
    expect(second.states().at(-1)).toBe('read-this-pc:done');
  });
});
