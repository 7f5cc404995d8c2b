import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../shared/machine-description.js';
import type { RegistryValue } from '../shared/registry.js';
import { RepairEngine } from './engine.js';
import { scanMachine } from './scan.js';
import { baseMachine, UDP_KEY } from './test-machines.js';
import { TEST_REPAIRS, TEST_USER_KEY } from './test-repairs.js';
import { fixableProblems } from './verify.js';

/** fast-check seed, fixed as in test/properties/: a failure replays exactly, and a green run stays green. */
const SEED = 20261203;

const value: fc.Arbitrary<RegistryValue> = fc.oneof(
  fc.record({ type: fc.constant('REG_DWORD' as const), data: fc.integer({ min: 0, max: 0xffffffff }) }),
  fc.record({ type: fc.constant('REG_SZ' as const), data: fc.string({ maxLength: 8 }) }),
  fc.record({ type: fc.constant('REG_EXPAND_SZ' as const), data: fc.constantFrom('1', '0', '%X%') }),
  fc.record({ type: fc.constant('REG_BINARY' as const), data: fc.constantFrom('', '01', '00ff') }),
);

/** Where the UDP policy value sits: which keys above it exist, what else they hold, and the value itself. */
const udpMachine: fc.Arbitrary<MachineDescriptionInput> = fc
  .record({
    layout: fc.constantFrom('none', 'windows-nt', 'terminal-services', 'client'),
    udp: fc.option(value, { nil: undefined }),
    sibling: fc.option(value, { nil: undefined }),
    userA: fc.option(value, { nil: undefined }),
  })
  .map(({ layout, udp, sibling, userA }) => {
    const registry: Record<string, Record<string, RegistryValue>> = {};
    const keep = sibling ?? { type: 'REG_DWORD', data: 7 };
    if (layout === 'windows-nt')
      registry['HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Rpc'] = { X: keep };
    if (layout === 'terminal-services') {
      registry['HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services'] = { X: keep };
    }
    if (layout === 'client' || udp) {
      registry[UDP_KEY] = { ...(sibling ? { X: sibling } : {}), ...(udp ? { fClientDisableUDP: udp } : {}) };
    }
    if (userA) registry[TEST_USER_KEY] = { A: userA };
    return baseMachine(registry);
  });

function engineFor(machine: SimulatedMachine): RepairEngine {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-prop-'));
  return new RepairEngine({ machine, dataDir, repairs: TEST_REPAIRS });
}

const request = { host: 'server01', allowIrreversible: [] as string[], restorePoint: false };

describe('apply and undo over generated machines', () => {
  it('undo(apply(m)) equals m', async () => {
    await fc.assert(
      fc.asyncProperty(udpMachine, async (description) => {
        const machine = new SimulatedMachine(description);
        const engine = engineFor(machine);
        const original = machine.snapshot();
        const applied = await engine.apply(request);
        if (applied.outcome === 'done') await engine.undo(applied.runId ?? undefined);
        expect(machinesEqual(machine.snapshot(), original)).toBe(true);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });

  it('apply twice equals apply once, and after apply no fixable problem is left', async () => {
    await fc.assert(
      fc.asyncProperty(udpMachine, async (description) => {
        const machine = new SimulatedMachine(description);
        const engine = engineFor(machine);
        const once = await engine.apply(request);
        expect(once.outcome === 'done' || once.outcome === 'nothing-to-do').toBe(true);
        const afterOnce = machine.snapshot();
        const twice = await engine.apply(request);
        expect(twice.outcome).toBe('nothing-to-do');
        expect(machinesEqual(machine.snapshot(), afterOnce)).toBe(true);
        const scan = await scanMachine(machine, TEST_REPAIRS, engine.context('server01'));
        expect(fixableProblems(scan)).toEqual([]);
      }),
      { seed: SEED, numRuns: 60 },
    );
  });
});
