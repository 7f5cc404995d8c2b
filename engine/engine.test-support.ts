import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import { SimulatedMachine, type SimulatedMachineOptions } from '../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../shared/machine-description.js';
import { RepairEngine } from './engine.js';
import type { Repair } from './repair.js';
import { UDP_KEY, udpMachine } from './test-machines.js';
import { TEST_REPAIRS, TEST_USER_KEY } from './test-repairs.js';

/** The engine's tests: one machine with a problem for each test repair, and an engine over it. */

export const NOW = new Date('2026-11-20T10:00:00Z');

export const broken = (): MachineDescriptionInput => ({
  ...udpMachine({ type: 'REG_DWORD', data: 0 }),
  registry: {
    [UDP_KEY]: { fClientDisableUDP: { type: 'REG_DWORD', data: 0 } },
    [TEST_USER_KEY]: { A: { type: 'REG_SZ', data: 'old' } },
  },
  credentials: [{ target: 'TERMSRV/server01', type: 'DomainPassword', user: 'alice' }],
});

/** An engine as a host makes it: with the interpreter's PowerShell preview. */
export function setup(
  description: MachineDescriptionInput = broken(),
  options: SimulatedMachineOptions = {},
  repairs: readonly Repair[] = TEST_REPAIRS,
) {
  const machine = new SimulatedMachine(description, options);
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-engine-'));
  const engine = new RepairEngine({ machine, dataDir, repairs, now: () => NOW, preview: powershellPreview });
  return { machine, dataDir, engine, original: machine.snapshot() };
}
