import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { RegistryValue } from '../../shared/registry.js';
import type { RepairContext } from '../repair.js';
import { baseMachine, UDP_KEY, udpMachine } from '../test-machines.js';
import { TERMINAL_SERVICES_KEY, udpTransportRepair } from './udp-transport.js';

const ctx: RepairContext = {
  target: { host: 'server01', port: undefined, kind: 'dns' },
  now: new Date('2026-11-20T10:00:00Z'),
};

async function diagnoseAndPlan(machine: SimulatedMachine) {
  const results = await machine.run(udpTransportRepair.reads(ctx), { mode: 'read' });
  return {
    finding: udpTransportRepair.diagnose(ctx, results),
    changes: udpTransportRepair.plan(ctx, results),
  };
}

const cases: { name: string; machine: MachineDescriptionInput; status: 'ok' | 'problem' }[] = [
  {
    name: 'value absent (key present)',
    machine: udpMachine(undefined, { Other: { type: 'REG_SZ', data: 'x' } }),
    status: 'problem',
  },
  { name: 'value 0', machine: udpMachine({ type: 'REG_DWORD', data: 0 }), status: 'problem' },
  { name: 'value 1', machine: udpMachine({ type: 'REG_DWORD', data: 1 }), status: 'ok' },
  { name: 'REG_SZ "1"', machine: udpMachine({ type: 'REG_SZ', data: '1' }), status: 'problem' },
  {
    name: 'key missing',
    machine: baseMachine({
      'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services': {
        fDenyTSConnections: { type: 'REG_DWORD', data: 0 },
      },
    }),
    status: 'problem',
  },
  {
    name: 'Terminal Services key missing',
    machine: baseMachine({
      'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\DNSClient': {
        EnableMulticast: { type: 'REG_DWORD', data: 0 },
      },
    }),
    status: 'problem',
  },
  { name: 'whole policy tree missing', machine: baseMachine({}), status: 'problem' },
];

describe('udp-transport', () => {
  for (const c of cases) {
    it(`${c.name}: ${c.status}; fix sets REG_DWORD 1 and its inverse restores the machine exactly`, async () => {
      const machine = new SimulatedMachine(c.machine, {});
      const before = machine.snapshot();
      const { finding, changes } = await diagnoseAndPlan(machine);
      expect(finding.status).toBe(c.status);
      if (c.status === 'ok') {
        expect(changes).toEqual([]);
        return;
      }
      expect(finding.summary).toMatch(/0x904/);
      expect(changes).toHaveLength(1);
      const [change] = changes;
      expect(change?.scope).toBe('machine');
      expect(change?.warning).toMatch(/Remote Desktop Connection \(mstsc\)/);
      const applied = await machine.run(change?.ops ?? [], { mode: 'write', elevated: true });
      expect(applied.every((r) => r.ok)).toBe(true);
      expect(machine.snapshot()).not.toSatisfy((m: MachineDescriptionInput) => machinesEqual(m, before));
      expect((await diagnoseAndPlan(machine)).finding.status).toBe('ok');
      const undone = await machine.run(change?.inverse ?? [], { mode: 'write', elevated: true });
      expect(undone.every((r) => r.ok)).toBe(true);
      expect(machinesEqual(machine.snapshot(), before)).toBe(true);
    });
  }

  it('restores the old type and data of a wrongly typed value', async () => {
    const old: RegistryValue = { type: 'REG_SZ', data: '1' };
    const machine = new SimulatedMachine(udpMachine(old));
    const { changes } = await diagnoseAndPlan(machine);
    expect(changes[0]?.inverse).toEqual([
      { op: 'registry.setValue', path: UDP_KEY, name: 'fClientDisableUDP', value: old },
    ]);
  });

  it('undo deletes the value, then only the keys the fix created, bottom-up and only if empty', async () => {
    const withKey = await diagnoseAndPlan(
      new SimulatedMachine(udpMachine(undefined, { X: { type: 'REG_DWORD', data: 5 } })),
    );
    expect(withKey.changes[0]?.inverse).toEqual([
      { op: 'registry.deleteValue', path: UDP_KEY, name: 'fClientDisableUDP' },
    ]);
    const withoutKey = await diagnoseAndPlan(
      new SimulatedMachine(baseMachine({ [TERMINAL_SERVICES_KEY]: { Y: { type: 'REG_DWORD', data: 1 } } })),
    );
    expect(withoutKey.changes[0]?.inverse).toEqual([
      { op: 'registry.deleteValue', path: UDP_KEY, name: 'fClientDisableUDP' },
      { op: 'registry.deleteEmptyKey', path: UDP_KEY },
    ]);
    const withoutTerminalServices = await diagnoseAndPlan(new SimulatedMachine(baseMachine({})));
    expect(withoutTerminalServices.changes[0]?.inverse).toEqual([
      { op: 'registry.deleteValue', path: UDP_KEY, name: 'fClientDisableUDP' },
      { op: 'registry.deleteEmptyKey', path: UDP_KEY },
      { op: 'registry.deleteEmptyKey', path: TERMINAL_SERVICES_KEY },
    ]);
  });

  it('reads only under Terminal Services, the allow-listed root, and never deletes a whole key', async () => {
    for (const op of udpTransportRepair.reads(ctx).filter((o) => 'path' in o)) {
      expect('path' in op && op.path.startsWith(TERMINAL_SERVICES_KEY)).toBe(true);
    }
    const other = new SimulatedMachine(baseMachine({}));
    const { changes } = await diagnoseAndPlan(other);
    const ops = changes.flatMap((c) => [...c.ops, ...(c.inverse ?? [])]);
    expect(ops.some((op) => op.op === 'registry.deleteKey')).toBe(false);
  });

  it('undo keeps a policy another program set under a key the fix created', async () => {
    const machine = new SimulatedMachine(baseMachine({}));
    const { changes } = await diagnoseAndPlan(machine);
    const change = changes[0];
    if (!change) throw new Error('no change planned');
    await machine.run(change.ops, { mode: 'write', elevated: true });
    // Another program (Group Policy, an admin) sets a policy of its own beside it.
    const other = { type: 'REG_DWORD' as const, data: 1 };
    const changed = machine.snapshot();
    changed.registry[UDP_KEY] = { ...changed.registry[UDP_KEY], fOther: other };
    const later = new SimulatedMachine(changed);
    await later.run(change.inverse ?? [], { mode: 'write', elevated: true });
    expect(later.snapshot().registry[UDP_KEY]).toEqual({ fOther: other });
  });

  it('says it works on Windows Home without the Group Policy editor', async () => {
    const { finding } = await diagnoseAndPlan(new SimulatedMachine(udpMachine(undefined)));
    expect(finding.explanation).toMatch(/Windows Home/);
    expect(finding.explanation).toMatch(/gpedit/);
  });

  it('is unknown, with no change planned, when the value cannot be read', () => {
    const failed = {
      ok: false as const,
      error: { code: 'access-denied' as const, message: 'Access is denied.' },
    };
    expect(udpTransportRepair.diagnose(ctx, [failed, failed]).status).toBe('unknown');
    expect(udpTransportRepair.plan(ctx, [failed, failed])).toEqual([]);
  });
});

describe('the UDP fix in words (issue 27)', () => {
  it('says what undoing it does, backwards: UDP goes back on', async () => {
    const { changes } = await diagnoseAndPlan(
      new SimulatedMachine(udpMachine({ type: 'REG_DWORD', data: 0 })),
    );
    expect(changes[0]?.undoDescription).toMatch(/^Turn UDP back on for Remote Desktop: /);
  });
});
