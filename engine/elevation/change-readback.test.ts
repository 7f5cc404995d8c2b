import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MachinePort, RunOptions } from '../../machine/port.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { Op, OpResult } from '../../shared/ops.js';
import { RepairEngine } from '../engine.js';
import { decodeJournal } from '../journal/journal-entry.js';
import { udpMachine } from '../test-machines.js';
import { TEST_REPAIRS, TEST_USER_KEY } from '../test-repairs.js';
import { effectRead, effectVisible, judgeChange } from './change-readback.js';

const UDP_KEY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';
const SET_UDP: Op = {
  op: 'registry.setValue',
  path: UDP_KEY,
  name: 'fClientDisableUDP',
  value: { type: 'REG_DWORD', data: 1 },
};
const THUMBPRINT = 'AB'.repeat(20);
const REMOVE_CERT: Op = {
  op: 'certificate.remove',
  store: 'LocalMachine\\Remote Desktop',
  thumbprint: THUMBPRINT,
};
const RESTART: Op = { op: 'service.restart', name: 'SessionEnv' };

const value = (data: number): OpResult => ({
  ok: true,
  value: { exists: true, value: { type: 'REG_DWORD', data } },
});
const certificates = (...thumbprints: string[]): OpResult => ({
  ok: true,
  value: thumbprints.map((thumbprint) => ({
    thumbprint,
    subject: 'CN=pc',
    notAfter: '2020-01-01T00:00:00Z',
    privateKey: 'unknown',
    serviceCanReadKey: null,
  })),
});

describe('what a read says about whether a change is in place', () => {
  it("reads a service's state back: its start type and whether it runs", () => {
    const start: Op = { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true };
    expect(effectRead(start)).toEqual({ op: 'service.status', name: 'SessionEnv' });
    const status = (status: string, startType?: string): OpResult => ({
      ok: true,
      value: { exists: true, status, ...(startType ? { startType } : {}) },
    });
    expect(effectVisible(start, status('Running', 'Manual'))).toBe(true);
    expect(effectVisible(start, status('Stopped', 'Manual'))).toBe(false);
    expect(effectVisible(start, status('Running', 'Disabled'))).toBe(false);
    // A start type Windows would not tell says nothing either way.
    expect(effectVisible(start, status('Running'))).toBeUndefined();
  });

  it('reads the value a registry write sets, and the store a certificate removal empties', () => {
    expect(effectRead(SET_UDP)).toEqual({
      op: 'registry.readValue',
      path: UDP_KEY,
      name: 'fClientDisableUDP',
    });
    expect(effectRead(REMOVE_CERT)).toEqual({
      op: 'certificate.list',
      store: 'LocalMachine\\Remote Desktop',
    });
    // A restart leaves nothing to read; an empty key may stay when it was not empty.
    expect(effectRead(RESTART)).toBeUndefined();
    expect(effectRead({ op: 'registry.deleteEmptyKey', path: UDP_KEY })).toBeUndefined();
  });

  it('in place when every op is visible, absent when none is, partly in between, unknown when nothing can tell', () => {
    expect(judgeChange([SET_UDP], [value(1)])).toBe('in-place');
    expect(judgeChange([SET_UDP], [value(0)])).toBe('absent');
    expect(judgeChange([SET_UDP], [{ ok: true, value: { exists: false } }])).toBe('absent');
    expect(judgeChange([SET_UDP], [{ ok: false, error: { code: 'failed', message: 'x' } }])).toBe('unknown');
    expect(judgeChange([REMOVE_CERT, RESTART], [certificates(), undefined])).toBe('partly');
    expect(judgeChange([REMOVE_CERT, RESTART], [certificates(THUMBPRINT.toLowerCase()), undefined])).toBe(
      'unknown',
    );
    expect(judgeChange([RESTART], [undefined])).toBe('unknown');
    expect(
      judgeChange(
        [{ op: 'registry.deleteValue', path: UDP_KEY, name: 'fClientDisableUDP' }],
        [{ ok: true, value: { exists: false } }],
      ),
    ).toBe('in-place');
  });
});

const NOW = new Date('2026-11-20T10:00:00Z');
const broken = (): MachineDescriptionInput => ({
  ...udpMachine({ type: 'REG_DWORD', data: 0 }),
  registry: {
    [UDP_KEY]: { fClientDisableUDP: { type: 'REG_DWORD', data: 0 } },
    [TEST_USER_KEY]: { A: { type: 'REG_SZ', data: 'old' } },
  },
});

/**
 * The simulated machine behind an elevated channel a third process answered: the elevated batch runs for real
 * (the machine changes), and the engine is told `claim` instead of what happened.
 */
function machineWhoseElevatedAnswerIs(claim: (ops: readonly Op[]) => OpResult[]) {
  const machine = new SimulatedMachine(broken());
  const batches: { elevated: boolean; mode: string }[] = [];
  const port: MachinePort = {
    kind: machine.kind,
    label: machine.label,
    async run(ops: readonly Op[], options: RunOptions) {
      batches.push({ elevated: options.elevated === true, mode: options.mode });
      if (options.elevated !== true || options.mode !== 'write') return machine.run(ops, options);
      await machine.run(ops, { ...options, onOpDone: undefined });
      const results = claim(ops);
      results.forEach((result, index) => {
        options.onOpDone?.(index, result);
      });
      return results;
    },
  };
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-readback-'));
  const engine = new RepairEngine({ machine: port, dataDir, repairs: TEST_REPAIRS, now: () => NOW });
  return { engine, machine, batches, dataDir };
}

function journalStatuses(dataDir: string): Record<string, string> {
  const folder = join(dataDir, 'journal');
  const [file] = readdirSync(folder).filter((f) => f.endsWith('.json'));
  const text = readFileSync(join(folder, file as string), 'utf8');
  const run = decodeJournal(text, file as string);
  return Object.fromEntries(run.changes.map((c) => [c.change.id, c.status]));
}

const said = (code: 'skipped' | 'failed', message: string) => (ops: readonly Op[]) =>
  ops.map((): OpResult => ({ ok: false, error: { code, message } }));

describe('an elevated answer that is missing or says nothing ran, while the machine shows the change', () => {
  it('"nothing was run": the journal records the machine-wide change applied, and History offers its undo', async () => {
    const { engine, machine, dataDir } = machineWhoseElevatedAnswerIs(
      said('skipped', 'Nothing was run: The elevated runner was started without a valid module hash.'),
    );
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    expect(machine.snapshot().registry[UDP_KEY]?.fClientDisableUDP).toEqual({ type: 'REG_DWORD', data: 1 });
    expect(journalStatuses(dataDir)['udp-transport:disable-udp']).toBe('applied');
    expect(report.outcome).toBe('done');
    const [run] = engine.history();
    expect(run?.undoable).toBe(true);
    expect(run?.changes.find((c) => c.id === 'udp-transport:disable-udp')).toMatchObject({ undone: false });
  });

  it('no answer at all: applied as the machine shows, with no rollback and no second prompt', async () => {
    const { engine, dataDir, batches } = machineWhoseElevatedAnswerIs(
      said('failed', 'The elevated PowerShell ended (exit code 0) without sending its results.'),
    );
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: true });
    expect(report.outcome).toBe('done');
    expect(journalStatuses(dataDir)['udp-transport:disable-udp']).toBe('applied');
    expect(batches.filter((b) => b.elevated)).toHaveLength(1);
  });

  it('"nothing was run" and nothing did: the journal says not applied, and the run stops', async () => {
    const machine = new SimulatedMachine(broken());
    const port: MachinePort = {
      kind: machine.kind,
      label: machine.label,
      run: (ops, options) =>
        options.elevated === true
          ? Promise.resolve(said('skipped', 'Nothing was run: the module hash differs.')(ops))
          : machine.run(ops, options),
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-readback-'));
    const engine = new RepairEngine({ machine: port, dataDir, repairs: TEST_REPAIRS, now: () => NOW });
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    expect(report.outcome).not.toBe('done');
    expect(report.message).toMatch(/nothing was changed/);
    expect(journalStatuses(dataDir)['udp-transport:disable-udp']).toBe('not-applied');
    expect(machine.snapshot().registry[TEST_USER_KEY]?.A).toEqual({ type: 'REG_SZ', data: 'old' });
  });
});
