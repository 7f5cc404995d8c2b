import { expect } from 'vitest';
import type { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import {
  type Finding,
  FindingSchema,
  type PlannedChange,
  PlannedChangeSchema,
} from '../../shared/findings.js';
import { type HostTarget, parseHostTarget } from '../../shared/host-name.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { type OpResult, opNeedsElevation } from '../../shared/ops.js';
import { type RegistryValue, registryKeyId } from '../../shared/registry.js';
import type { Repair, RepairContext } from '../repair.js';
import { HOST_MODE_READS, hostModeOf } from '../windows/host-mode.js';

/*
 * Test support for the repairs: scan a simulated machine with one repair, apply its plan the way the engine
 * does (write mode, elevated when an op needs it), and undo it by replaying the inverses in reverse order.
 */

export const NOW = new Date('2026-11-20T12:00:00Z');

export function hostTarget(text: string): HostTarget {
  const parsed = parseHostTarget(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.target;
}

export function context(host: string, now: Date = NOW): RepairContext {
  return { target: hostTarget(host), now };
}

/** A healthy client (UDP turned off by policy) with the given additions. */
export function machineWith(extra: Partial<MachineDescriptionInput> = {}): MachineDescriptionInput {
  return {
    schemaVersion: 1,
    os: {
      build: '10.0.22631',
      edition: 'Professional',
      user: 'alice',
      documentsFolder: 'C:\\Users\\alice\\Documents',
    },
    ...extra,
    registry: {
      'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client': {
        fClientDisableUDP: { type: 'REG_DWORD', data: 1 },
      },
      ...extra.registry,
    },
  };
}

/** The values of a registry key now, found case-insensitively as on Windows; undefined when it is absent. */
export function valuesAt(machine: SimulatedMachine, path: string): Record<string, RegistryValue> | undefined {
  const registry = machine.snapshot().registry;
  const key = Object.keys(registry).find((k) => registryKeyId(k) === registryKeyId(path));
  return key === undefined ? undefined : registry[key];
}

export interface Scan {
  results: OpResult[];
  finding: Finding;
  plan: PlannedChange[];
}

export async function scan(machine: SimulatedMachine, repair: Repair, given: RepairContext): Promise<Scan> {
  // As the engine does: whether this PC accepts connections is read in the same scan.
  const mode = await machine.run(HOST_MODE_READS, { mode: 'read' });
  const ctx: RepairContext = { ...given, hostMode: given.hostMode ?? hostModeOf(mode) };
  const results = await machine.run(repair.reads(ctx), { mode: 'read' });
  // Every finding and change must pass the shared schemas the engine and IPC validate with.
  const finding = FindingSchema.parse(repair.diagnose(ctx, results));
  const plan = repair.plan(ctx, results).map((change) => PlannedChangeSchema.parse(change));
  return { results, finding, plan };
}

async function runWrites(machine: SimulatedMachine, ops: PlannedChange['ops']): Promise<void> {
  const results = await machine.run(ops, { mode: 'write', elevated: ops.some(opNeedsElevation) });
  for (const result of results) expect(result).toEqual({ ok: true, value: null });
}

export async function apply(machine: SimulatedMachine, changes: readonly PlannedChange[]): Promise<void> {
  for (const change of changes) await runWrites(machine, change.ops);
}

export async function undo(machine: SimulatedMachine, changes: readonly PlannedChange[]): Promise<void> {
  for (const change of [...changes].reverse()) {
    if (change.inverse === null) throw new Error(`${change.id} cannot be undone`);
    await runWrites(machine, change.inverse);
  }
}
