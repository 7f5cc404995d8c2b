import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { needsElevation } from '../../../engine/elevation/needs-elevation.js';
import { RepairEngine } from '../../../engine/engine.js';
import { REPAIRS } from '../../../engine/repairs/catalogue.js';
import type { Op } from '../../../shared/ops.js';
import type { MachinePort } from '../../port.js';
import { loadMachineFile } from '../../simulated/machine-file.js';
import { SimulatedMachine } from '../../simulated/simulated-machine.js';
import { encodeBatch } from '../powershell-commands.js';
import { powershellPreview } from '../powershell-preview.js';

/*
 * npx tsx machine/powershell/tests/export-engine-ops.ts <out.json>
 * Every op the engine really sends, for every sample machine: each repair's scan reads, every planned change's
 * ops and its inverse (what undo and recover replay), and the batches of a whole fix-then-undo run (restore
 * point and verification scan included), each with the mode and elevation it is sent with. EngineOps.Tests.ps1
 * runs each through Invoke-RdpRepairBatch in real PowerShell: a refusal (invalid-argument) fails, naming the
 * repair, the op and the path.
 */

export const ENGINE_OPS_HOST = 'server01.contoso.com';
const MACHINES_DIR = resolve(import.meta.dirname, '..', '..', '..', 'sample-machines');

export interface EngineOpEntry {
  label: string;
  op: string;
  path: string | null;
  /** One op as a batch, base64, with the mode and elevation the engine uses for it. */
  batch: string;
}

function entry(label: string, op: Op, mode: 'read' | 'write', elevated: boolean): EngineOpEntry {
  return {
    label: `${label} (${mode}${elevated ? ', elevated' : ''})`,
    op: op.op,
    path: 'path' in op ? op.path : null,
    batch: encodeBatch({ ops: [op], mode, elevated }),
  };
}

/** Records every batch a port is sent. */
function recording(
  port: MachinePort,
  into: { ops: readonly Op[]; mode: 'read' | 'write'; elevated: boolean }[],
) {
  const recorder: MachinePort = {
    kind: port.kind,
    label: port.label,
    run(ops, options) {
      into.push({ ops, mode: options.mode, elevated: options.elevated === true });
      return port.run(ops, options);
    },
  };
  return recorder;
}

async function entriesFor(file: string): Promise<EngineOpEntry[]> {
  const machine = new SimulatedMachine(loadMachineFile(join(MACHINES_DIR, file)));
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-engine-ops-'));
  const entries: EngineOpEntry[] = [];
  try {
    const batches: { ops: readonly Op[]; mode: 'read' | 'write'; elevated: boolean }[] = [];
    const engine = new RepairEngine({
      machine: recording(machine, batches),
      dataDir,
      now: () => machine.now(),
      preview: powershellPreview,
    });
    const context = engine.context(ENGINE_OPS_HOST);
    // Every change the engine can make, the chosen-only ones too (suggestions, and those for people who connect
    // to this PC while another computer is checked), so each op reaches the real interpreter here.
    const { plan } = await engine.dryRun({
      host: ENGINE_OPS_HOST,
      allowIrreversible: 'all',
      includeSuggestions: 'all',
    });
    for (const repair of REPAIRS) {
      for (const op of repair.reads(context))
        entries.push(entry(`${file} / ${repair.id} / scan read`, op, 'read', false));
    }
    for (const change of plan.changes) {
      const elevated = needsElevation(change);
      const where = `${file} / ${change.repairId} / ${change.id}`;
      for (const op of change.ops) entries.push(entry(`${where} / fix`, op, 'write', elevated));
      for (const op of change.inverse ?? [])
        entries.push(entry(`${where} / undo and recover`, op, 'write', elevated));
    }
    // The whole run as the engine batches it: scan, restore point, elevated and user changes, verify, undo.
    batches.length = 0;
    const applied = await engine.apply({
      host: ENGINE_OPS_HOST,
      allowIrreversible: 'all',
      includeSuggestions: 'all',
      restorePoint: true,
    });
    if (applied.outcome !== 'done' && applied.outcome !== 'nothing-to-do') {
      throw new Error(
        `${file}: the fix ended ${applied.outcome} on the simulated machine: ${applied.message}`,
      );
    }
    if (engine.history()[0]?.undoable) await engine.undo();
    for (const [index, batch] of batches.entries()) {
      for (const op of batch.ops) {
        entries.push(entry(`${file} / engine batch ${index + 1}`, op, batch.mode, batch.elevated));
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  return entries;
}

export async function exportEngineOps(): Promise<string> {
  const files = readdirSync(MACHINES_DIR)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const entries: EngineOpEntry[] = [];
  for (const file of files) entries.push(...(await entriesFor(file)));
  return JSON.stringify({ schemaVersion: 1, machines: files, entries }, null, 1);
}

const out = process.argv[2];
if (out) writeFileSync(resolve(out), await exportEngineOps());
