import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { MachinePort, RunOptions } from '../machine/port.js';
import { loadMachineFile } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import type { PlannedChange } from '../shared/findings.js';
import type { Op, OpResult } from '../shared/ops.js';
import { applyChanges } from './apply.js';
import { JournalStore } from './journal/journal-store.js';

/*
 * Controlled folder access refuses PowerShell's change in Documents as "access denied": the run's message names
 * the block and what to do (change-text.ts protectionBlockAdvice), never just "failed".
 */

/** A machine whose Documents refuse every change, as Controlled folder access does to powershell.exe. */
class ProtectedDocuments implements MachinePort {
  readonly kind = 'simulated' as const;
  readonly label = 'Documents protected by Controlled folder access';
  constructor(private readonly inner: SimulatedMachine) {}
  async run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    const refused = (op: Op) => op.op === 'file.delete' && op.folder === 'documents';
    const results = await this.inner.run(
      ops.filter((op) => !refused(op)),
      options,
    );
    // The refused op fails; as in a write batch, nothing after it runs.
    const at = ops.findIndex(refused);
    if (at < 0) return results;
    return ops.map((_, i): OpResult => {
      if (i < at) return results[i] as OpResult;
      if (i === at)
        return {
          ok: false,
          error: { code: 'access-denied', message: "Access to the path 'Default.rdp' is denied." },
        };
      return { ok: false, error: { code: 'skipped', message: 'Not run: an earlier change failed.' } };
    });
  }
}

const deleteDefaultRdp: PlannedChange = {
  id: 'saved-host-entry:default-rdp',
  repairId: 'saved-host-entry',
  description: 'Delete the hidden Default.rdp in your Documents folder; a copy is kept for Undo.',
  scope: 'user',
  ops: [{ op: 'file.delete', folder: 'documents', name: 'Default.rdp' }],
  inverse: [
    { op: 'file.write', folder: 'documents', name: 'Default.rdp', contentBase64: '//4=', attributes: [] },
  ],
};

describe('a change Windows protection refuses', () => {
  it('Controlled folder access: the message names it, its event and what to do', async () => {
    const sample = fileURLToPath(new URL('../sample-machines/everything-broken.json', import.meta.url));
    const machine = new ProtectedDocuments(new SimulatedMachine(loadMachineFile(sample)));
    const journal = new JournalStore(mkdtempSync(join(tmpdir(), 'rdp-repair-protected-')));
    const run = await applyChanges(machine, journal, () => new Date('2026-12-03T10:00:00Z'), {
      runId: 'run-2026-12-03-0001',
      host: 'server01',
      changes: [deleteDefaultRdp],
      restorePoint: false,
    });
    expect(run.outcome).not.toBe('done');
    expect(run.message).toContain('failed (Access to the path');
    expect(run.message).toContain('If Controlled folder access is on');
    expect(run.message).toContain('event 1123');
  });
});
