import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../engine/ipc-handlers.js';
import type { MachinePort } from '../../machine/port.js';
import { loadMachineFile, machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { formatHostTarget, parseHostTarget } from '../../shared/host-name.js';
import { type Op, OpSchema } from '../../shared/ops.js';
import { HOSTILE_CORPUS } from './corpus.js';

/*
 * Every corpus input through the IPC handlers that take a host, each over a fresh simulated machine.
 * A rejected input must not reach the machine at all (no op, not even a read) and must leave the machine
 * and the data folder as they were; an accepted one may reach the machine only as op data.
 */

const SAMPLE = loadMachineFile(join(import.meta.dirname, '../../sample-machines/udp-enabled.json'));
const CHANNELS = ['repair:scan', 'repair:apply', 'report:get', 'mstsc:launch'] as const;
const figures = { tried: 0, accepted: 0, rejected: 0, machineOpsByRejected: 0, machineChangesByRejected: 0 };
const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-hostile-ipc-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  console.log(
    `hostile corpus / IPC (${CHANNELS.join(', ')}): ${figures.tried} requests tried, ${figures.accepted} accepted, ` +
      `${figures.rejected} rejected, machine ops reached by rejected inputs = ${figures.machineOpsByRejected}, ` +
      `machine changes by rejected inputs = ${figures.machineChangesByRejected}`,
  );
});

function recording(port: MachinePort): { port: MachinePort; ops: Op[] } {
  const ops: Op[] = [];
  return {
    ops,
    port: {
      kind: port.kind,
      label: port.label,
      run: (batch, options) => {
        ops.push(...batch);
        return port.run(batch, options);
      },
    },
  };
}

function requestFor(channel: (typeof CHANNELS)[number], host: string): unknown {
  if (channel === 'repair:apply') return { host, restorePoint: false };
  return { host };
}

const cases = HOSTILE_CORPUS.flatMap((entry) =>
  CHANNELS.map((channel) => [channel, JSON.stringify(entry.input.slice(0, 50)), entry.input] as const),
);

describe('hostile corpus through the IPC handlers', () => {
  it.each(cases)('%s %s', async (channel, _, input) => {
    const machine = new SimulatedMachine(SAMPLE);
    const { port, ops } = recording(machine);
    const parsed = parseHostTarget(input);
    const dataDir = parsed.ok ? mkdtempSync(join(scratch, 'run-')) : join(scratch, 'rejected');
    const handlers = createIpcHandlers({ machine: port, dataDir, onProgress: () => {} });
    const result = await handlers[channel](requestFor(channel, input));
    figures.tried++;

    if (!parsed.ok) {
      figures.rejected++;
      figures.machineOpsByRejected += ops.length;
      if (!machinesEqual(machine.snapshot(), SAMPLE)) figures.machineChangesByRejected++;
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('invalid-input');
      expect(ops).toEqual([]);
      expect(machinesEqual(machine.snapshot(), SAMPLE)).toBe(true);
      expect(machine.launches).toEqual([]);
      expect(readdirSync(scratch).includes('rejected') ? readdirSync(join(scratch, 'rejected')) : []).toEqual(
        [],
      );
      return;
    }

    figures.accepted++;
    if (!result.ok) expect(result.error.code).not.toBe('invalid-input');
    const { host } = parsed.target;
    for (const op of ops) {
      // The op name comes from the fixed vocabulary (checked by the schema); the host can only be data:
      // a host field, or one whole key name under ...\Servers\ (the saved-host entry), never a path trick.
      expect(OpSchema.safeParse(op).success).toBe(true);
      if ('host' in op) expect([host, formatHostTarget(parsed.target)]).toContain(op.host);
      if ('path' in op) {
        const segments = op.path.split('\\');
        expect(segments.filter((s) => s === '..' || s === '.')).toEqual([]);
        const servers = segments.findIndex((s) => s.toLowerCase() === 'servers');
        if (servers >= 0 && segments[servers + 1] !== undefined) {
          expect(segments[servers + 1]?.toLowerCase()).toBe(host.toLowerCase());
        }
      }
    }
    if (channel === 'mstsc:launch') expect(machine.launches).toEqual([formatHostTarget(parsed.target)]);
  });
});
