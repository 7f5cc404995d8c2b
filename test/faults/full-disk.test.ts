import { existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../engine/apply.js';
import type { JournalRun } from '../../engine/journal/journal-entry.js';
import { JournalStore } from '../../engine/journal/journal-store.js';
import { recoverRun } from '../../engine/recover.js';
import { REPAIRS } from '../../engine/repairs/catalogue.js';
import { context, scan } from '../../engine/repairs/repair-harness.test-support.js';
import { loadMachineFile, machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { PlannedChange } from '../../shared/findings.js';

/*
 * The disk fills up during a run (the "full disk mid-apply": the change stayed, the journal said
 * planned, no rollback ran, the message was ENOSPC). A journal store that answers ENOSPC from its Nth save on
 * stands in for the disk; everything else is the real engine on a simulated machine.
 */

const NOW = new Date('2026-11-21T09:00:00Z');
const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

class FullDiskJournal extends JournalStore {
  saves = 0;
  constructor(
    dataDir: string,
    private readonly failFromSave: number,
    private readonly failReserve = false,
  ) {
    super(dataDir);
  }
  override save(run: JournalRun): void {
    this.saves += 1;
    if (this.saves >= this.failFromSave) throw enospc();
    super.save(run);
  }
  override reserve(runId: string, bytes: number): void {
    if (this.failReserve) throw enospc();
    super.reserve(runId, bytes);
  }
}

async function everythingBroken() {
  const description = loadMachineFile(
    fileURLToPath(new URL('../../sample-machines/everything-broken.json', import.meta.url)),
  );
  const machine = new SimulatedMachine(description);
  const changes: PlannedChange[] = [];
  for (const repair of REPAIRS) {
    const { plan } = await scan(machine, repair, context('server01.contoso.com'));
    changes.push(...plan.filter((c) => c.inverse !== null));
  }
  return { machine, original: machine.snapshot(), changes };
}

const input = (changes: PlannedChange[]) => ({
  runId: 'run-2026-11-21-0001',
  host: 'server01.contoso.com',
  changes,
  restorePoint: false,
});

describe('a full disk', () => {
  it('before the first change: nothing is changed, no journal is left, and the message says why', async () => {
    for (const journal of [
      new FullDiskJournal(mkdtempSync(join(tmpdir(), 'rdp-repair-disk-')), 1),
      new FullDiskJournal(mkdtempSync(join(tmpdir(), 'rdp-repair-disk-')), 99, true),
    ]) {
      const { machine, original, changes } = await everythingBroken();
      await expect(applyChanges(machine, journal, () => NOW, input(changes))).rejects.toThrow(
        /^Nothing was changed: the journal, which makes undo possible, could not be written in .* \(the disk is full\)/,
      );
      expect(machinesEqual(machine.snapshot(), original)).toBe(true);
      expect(existsSync(journal.folder) ? readdirSync(journal.folder) : []).toEqual([]);
    }
  });

  it('after a batch ran: the changes are rolled back from memory and the message names them', async () => {
    const { machine, original, changes } = await everythingBroken();
    expect(changes.length).toBeGreaterThan(1);
    // Save 1 is the journal before any change; save 2 follows the elevated batch.
    const journal = new FullDiskJournal(mkdtempSync(join(tmpdir(), 'rdp-repair-disk-')), 2);
    const run = await applyChanges(machine, journal, () => NOW, input(changes));
    expect(run.outcome).toBe('rolled-back');
    expect(run.message).toMatch(
      /^Writing the journal failed \(the disk is full, in .*\); the \d+ changes? already made in this run (was|were) rolled back/,
    );
    expect(run.message).toMatch(/The journal could not be updated either \(the disk is full\)/);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });

  it('recover restores the machine even when it cannot rewrite the journal, and says so', async () => {
    const { machine, original, changes } = await everythingBroken();
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-disk-'));
    // A run that was interrupted after its changes were made.
    const good = new JournalStore(dataDir);
    await applyChanges(machine, good, () => NOW, input(changes));
    const made = good.read('run-2026-11-21-0001') as JournalRun;
    const interrupted: JournalRun = { ...made, state: 'in-progress', pid: 2 ** 22 + 7 };
    good.save(interrupted);
    const full = new FullDiskJournal(dataDir, 1);
    const report = await recoverRun(machine, full, () => NOW, interrupted);
    expect(report.outcome).toBe('undone');
    expect(report.message).toMatch(/The journal could not be updated \(the disk is full\)/);
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });

  it('space held for the journal is given to each save and taken again after it, and freed at the end', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-disk-'));
    const journal = new JournalStore(dataDir);
    const { machine, changes } = await everythingBroken();
    const sizes: number[] = [];
    const reserveOf = join(journal.folder, '.run-2026-11-21-0001.reserve');
    await applyChanges(machine, journal, () => NOW, {
      ...input(changes),
      onProgress: () => {
        if (existsSync(reserveOf)) sizes.push(statSync(reserveOf).size);
      },
    });
    expect(sizes.length).toBeGreaterThan(0);
    expect(sizes.every((s) => s > 64 * 1024)).toBe(true);
    expect(existsSync(reserveOf)).toBe(false);
  });
});
