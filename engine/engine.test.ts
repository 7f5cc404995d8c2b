import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import type { ApplyProgress } from '../shared/ipc.js';
import { acquireApplyLock } from './apply-lock.js';
import { RepairEngine } from './engine.js';
import { broken, NOW, setup } from './engine.test-support.js';
import type { Repair } from './repair.js';
import { udpTransportRepair } from './repairs/udp-transport.js';
import { UDP_KEY } from './test-machines.js';
import { irreversibleRepair, TEST_REPAIRS, TEST_USER_KEY } from './test-repairs.js';

// Scan and apply (undo, the journal and recovery: engine-undo.test.ts).

describe('scan', () => {
  it('is one round trip for every repair plus the system facts and the host-mode reads', async () => {
    const { engine } = setup();
    const { report, outcome } = await engine.scan('server01');
    // system.facts, the host-mode reads (local and Group Policy setting, TermService, RDP-Tcp), the repairs'.
    expect(report.stats).toEqual({ roundTrips: 1, opsExecuted: 1 + 4 + 4 + 3 });
    expect(outcome.facts?.user).toBe('alice');
    expect(report.findings.map((f) => [f.repairId, f.status])).toEqual([
      ['udp-transport', 'problem'],
      ['saved-host-entry', 'problem'],
    ]);
    expect(report.changes.map((c) => c.id)).toEqual([
      'udp-transport:disable-udp',
      'saved-host-entry:a',
      'saved-host-entry:b',
    ]);
    expect(report.changes[0]?.powershellPreview).toMatch(/fClientDisableUDP/);
  });

  it('shows no script for a change when its host gave no preview (the engine imports no interpreter)', async () => {
    const machine = new SimulatedMachine(broken());
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-engine-'));
    const engine = new RepairEngine({ machine, dataDir, repairs: TEST_REPAIRS, now: () => NOW });
    const { report } = await engine.scan('server01');
    expect(report.changes).toHaveLength(3);
    expect(report.changes.map((c) => c.powershellPreview)).toEqual(['', '', '']);
  });

  it('marks a repair whose diagnose throws as unknown and keeps the others', async () => {
    const throwing: Repair = {
      ...udpTransportRepair,
      diagnose: () => {
        throw new Error('boom');
      },
    };
    const { engine } = setup(broken(), {}, [throwing, TEST_REPAIRS[1] as Repair]);
    const { report } = await engine.scan('server01');
    expect(report.findings[0]).toMatchObject({ repairId: 'udp-transport', status: 'unknown' });
    expect(report.findings[1]?.status).toBe('problem');
    expect(report.stats.roundTrips).toBe(1);
  });

  it('rejects a bad host with one sentence', async () => {
    const { engine } = setup();
    await expect(engine.scan('server01; rm -rf /')).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('apply', () => {
  it('makes every change in one elevated and one unelevated batch, then verifies with one scan', async () => {
    const { engine, machine } = setup();
    const progress: ApplyProgress[] = [];
    const report = await engine.apply({
      host: 'server01',
      allowIrreversible: [],
      restorePoint: true,
      onProgress: (p) => progress.push(p),
    });
    expect(report.outcome).toBe('done');
    expect(report.restorePoint?.created).toBe(true);
    expect(machine.restorePoints).toHaveLength(1);
    // scan + elevated batch + user batch + verification scan
    expect(report.stats.roundTrips).toBe(4);
    expect(report.verification?.findings.every((f) => f.status === 'ok')).toBe(true);
    expect(report.nextSteps[0]).toMatch(/mstsc/);
    expect(progress.map((p) => p.phase)).toEqual([
      'journal',
      'restore-point',
      'machine-changes',
      'machine-changes',
      'user-changes',
      'user-changes',
      'user-changes',
      'verify',
      'finished',
    ]);
    expect(progress.at(-1)).toMatchObject({ completed: 3, total: 3 });
  });

  it('skips irreversible changes without consent and lists them', async () => {
    const { engine, machine } = setup(broken(), {}, [irreversibleRepair]);
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    expect(report.outcome).toBe('nothing-to-do');
    expect(report.changes).toEqual([
      expect.objectContaining({ changeId: 'saved-credentials:server01', state: 'skipped' }),
    ]);
    expect(machine.snapshot().credentials).toHaveLength(1);
    const consented = await engine.apply({ host: 'server01', allowIrreversible: 'all', restorePoint: false });
    expect(consented.outcome).toBe('done');
    expect(machine.snapshot().credentials).toHaveLength(0);
  });

  it('changes only the chosen change ids', async () => {
    const { engine, machine } = setup();
    await engine.apply({
      host: 'server01',
      changeIds: ['saved-host-entry:b'],
      allowIrreversible: [],
      restorePoint: false,
    });
    const registry = machine.snapshot().registry;
    expect(registry[TEST_USER_KEY]).toEqual({
      A: { type: 'REG_SZ', data: 'old' },
      B: { type: 'REG_DWORD', data: 1 },
    });
    expect(registry[UDP_KEY]?.fClientDisableUDP).toEqual({ type: 'REG_DWORD', data: 0 });
  });

  // Writes: 1 restore point, 2 udp, 3 A, 4 B.
  for (const position of [1, 2, 3, 4]) {
    it(`a failure at write ${position} rolls back this run and leaves the machine as it was`, async () => {
      const { engine, machine, original, dataDir } = setup(broken(), { faults: { failOnWrite: position } });
      const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: true });
      expect(report.outcome).toBe(position === 1 ? 'failed' : 'rolled-back');
      expect(report.message).toMatch(
        position === 1 ? /restore point/ : /nothing else changed|nothing was changed/,
      );
      expect(report.message).not.toMatch(/\n/);
      expect(machinesEqual(machine.snapshot(), original)).toBe(true);
      const [run] = engine.history();
      // A failed op may have half-run, so its inverse is replayed too: only the restore point changes nothing.
      expect(run?.state).toBe(position === 1 ? 'failed' : 'rolled-back');
      expect(run?.undoable).toBe(false);
      expect(readdirSync(join(dataDir, 'journal'))).toHaveLength(1);
    });
  }

  it('declined permission prompt: nothing changes', async () => {
    const { engine, machine, original } = setup({
      ...broken(),
      simulation: { uacAnswer: 'no', restorePoint: 'created' },
    });
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    expect(report.outcome).toBe('permission-not-granted');
    expect(report.message).toMatch(/declined/);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });

  it('declined permission prompt: no rollback, no second prompt, no user batch either', async () => {
    const machine = new SimulatedMachine({
      ...broken(),
      simulation: { uacAnswer: 'no', restorePoint: 'created' },
    });
    const original = machine.snapshot();
    const batches: { elevated: boolean; mode: string }[] = [];
    const port = {
      kind: machine.kind,
      label: machine.label,
      run: (ops: Parameters<SimulatedMachine['run']>[0], options: Parameters<SimulatedMachine['run']>[1]) => {
        batches.push({ elevated: options.elevated === true, mode: options.mode });
        return machine.run(ops, options);
      },
    };
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-engine-'));
    const engine = new RepairEngine({ machine: port, dataDir, repairs: TEST_REPAIRS, now: () => NOW });
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false });
    expect(report.outcome).toBe('permission-not-granted');
    // One prompt: the elevated write batch. Nothing was rolled back (a rollback of it would prompt again).
    expect(batches.filter((b) => b.elevated)).toHaveLength(1);
    expect(batches.filter((b) => b.mode === 'write' && !b.elevated)).toHaveLength(0);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });

  it('Windows refusing the restore point stops before any change and says so', async () => {
    const { engine, machine, original } = setup({
      ...broken(),
      simulation: { uacAnswer: 'yes', restorePoint: 'protection-off' },
    });
    const report = await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: true });
    expect(report.outcome).toBe('failed');
    expect(report.restorePoint).toEqual({
      created: false,
      message: expect.stringMatching(/System Protection/),
    });
    expect(report.message).toMatch(/without a restore point/);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });

  it('cancelling a hung op stops the run and rolls back what it did', async () => {
    // Writes: 1 udp, 2 A (hangs).
    const { engine, machine, original } = setup(broken(), { faults: { hangOnWrite: 2 } });
    const controller = new AbortController();
    const pending = engine.apply({
      host: 'server01',
      allowIrreversible: [],
      restorePoint: false,
      signal: controller.signal,
      onProgress: (p) => {
        // Aborts while write 2 hangs (or just before it starts): either way the op is cancelled.
        if (p.phase === 'user-changes') setTimeout(() => controller.abort(), 5);
      },
    });
    const report = await pending;
    expect(report.outcome).toBe('cancelled');
    expect(report.message).toMatch(/rolled back/);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });

  it('a second apply while the lock is held gets a clear busy message', async () => {
    const { engine, dataDir } = setup();
    const lock = await acquireApplyLock(join(dataDir, 'apply.lock'));
    await expect(
      engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false }),
    ).rejects.toMatchObject({
      code: 'busy',
      message: expect.stringMatching(/Another RDP Repair run/),
    });
    lock.release();
    expect(
      (await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false })).outcome,
    ).toBe('done');
  });

  it('takes over a lock left by a dead process', async () => {
    const { engine, dataDir } = setup();
    writeFileSync(join(dataDir, 'apply.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, token: 'stale' }));
    expect(
      (await engine.apply({ host: 'server01', allowIrreversible: [], restorePoint: false })).outcome,
    ).toBe('done');
  });
});
