import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createIpcHandlers } from '../../engine/ipc-handlers.js';
import { decodeJournal, JournalCorruptError, JournalRunSchema } from '../../engine/journal/journal-entry.js';
import { loadMachineFile, machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescription } from '../../shared/machine-description.js';
import { damageJson, damageText, FUZZ_SEED, type Json, jsonDamage, textDamage } from './mutations.js';

/*
 * Damaged journal files: decoding gives a JournalCorruptError naming the file (or a valid run, when the
 * damage happened to keep it intact); through the IPC handlers a damaged journal is reported, kept byte for
 * byte, and undo or recovery never half-applies it to the machine.
 */

const counts = { tried: 0, rejected: 0, accepted: 0, otherErrors: 0, storeRuns: 0, machineChanges: 0 };
const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-fuzz-journal-'));
let journalText = '';
let journalName = '';
let afterApply: MachineDescription;
const seedDir = join(scratch, 'seed');

beforeAll(async () => {
  const machine = new SimulatedMachine(
    loadMachineFile(join(import.meta.dirname, '../../sample-machines/udp-enabled.json')),
  );
  const handlers = createIpcHandlers({
    machine,
    dataDir: seedDir,
    onProgress: () => {},
    now: () => machine.now(),
  });
  const applied = await handlers['repair:apply']({ host: 'server01' });
  expect(applied.ok).toBe(true);
  afterApply = machine.snapshot();
  const files = readdirSync(join(seedDir, 'journal')).filter((f) => f.endsWith('.json'));
  expect(files).toHaveLength(1);
  journalName = files[0] ?? '';
  journalText = readFileSync(join(seedDir, 'journal', journalName), 'utf8');
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  console.log(
    `fuzz / journal files: ${counts.tried} damaged journals decoded, ${counts.rejected} rejected as damaged, ` +
      `${counts.accepted} still valid, ${counts.otherErrors} crashes; ${counts.storeRuns} damaged journals through ` +
      `history/recovery/undo, machine changes from damaged journals = ${counts.machineChanges}`,
  );
});

function decodes(text: string, file: string): boolean {
  counts.tried++;
  try {
    const run = decodeJournal(text, file);
    expect(JournalRunSchema.safeParse(run).success).toBe(true);
    counts.accepted++;
    return true;
  } catch (error) {
    if (!(error instanceof JournalCorruptError)) counts.otherErrors++;
    expect(error).toBeInstanceOf(JournalCorruptError);
    expect((error as Error).message).toContain(file);
    counts.rejected++;
    return false;
  }
}

describe('fuzz: journal files', () => {
  it('damaged bytes', () => {
    fc.assert(
      fc.property(textDamage, (damage) => {
        decodes(damageText(journalText, damage), 'journal/run-x.json');
      }),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
  });

  it('a damaged run under a checksum that matches (an edit made on purpose)', () => {
    const envelope = JSON.parse(journalText) as { run: string; sha256: string };
    fc.assert(
      fc.property(jsonDamage, (damage) => {
        const run = JSON.stringify(damageJson(JSON.parse(envelope.run) as Json, damage) ?? null);
        const sha256 = createHash('sha256').update(run, 'utf8').digest('hex');
        decodes(JSON.stringify({ ...envelope, run, sha256 }), 'journal/run-y.json');
      }),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
  });

  it('a damaged journal is reported and kept, and undo or recovery never half-applies it', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(textDamage, async (damage) => {
        const dataDir = join(scratch, `store-${n++}`);
        cpSync(seedDir, dataDir, { recursive: true });
        const file = join(dataDir, 'journal', journalName);
        const damaged = damageText(journalText, damage);
        writeFileSync(file, damaged);
        const bytes = readFileSync(file);
        const stillValid = decodes(bytes.toString('utf8'), file);
        const machine = new SimulatedMachine(afterApply);
        const handlers = createIpcHandlers({ machine, dataDir, onProgress: () => {} });
        const runId = journalName.replace(/\.json$/, '');
        const answers = [
          await handlers['history:list']({}),
          await handlers['recovery:pending']({}),
          await handlers['repair:undo']({}),
          await handlers['recovery:rollback']({ runId }),
        ];
        for (const answer of answers) expect(typeof answer.ok).toBe('boolean');
        counts.storeRuns++;
        if (!stillValid) {
          if (!machinesEqual(machine.snapshot(), afterApply)) counts.machineChanges++;
          expect(machinesEqual(machine.snapshot(), afterApply)).toBe(true);
          expect(readFileSync(file).equals(bytes)).toBe(true);
        }
      }),
      { seed: FUZZ_SEED, numRuns: 60 },
    );
  });
});
