import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { openFileBackedMachine } from '../../machine/simulated/file-backed-machine.js';
import {
  loadMachineFile,
  MachineFileError,
  parseMachineDescription,
} from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { MachineDescriptionSchema } from '../../shared/machine-description.js';
import { damageJson, damageText, FUZZ_SEED, type Json, jsonDamage, textDamage } from './mutations.js';

/*
 * Malformed machine files: each either loads as a valid description or fails with a MachineFileError that
 * names the file; never another exception, and loading never writes to the file.
 */

const SAMPLE_PATH = join(import.meta.dirname, '../../sample-machines/udp-enabled.json');
const SAMPLE_TEXT = readFileSync(SAMPLE_PATH, 'utf8');
const SAMPLE = JSON.parse(SAMPLE_TEXT) as Json;
const counts = { tried: 0, rejected: 0, accepted: 0, otherErrors: 0 };
const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-fuzz-machine-'));

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  console.log(
    `fuzz / machine files: ${counts.tried} malformed inputs, ${counts.rejected} rejected with a clear error, ` +
      `${counts.accepted} still valid, ${counts.otherErrors} crashes`,
  );
});

function check(load: () => unknown, source: string): void {
  counts.tried++;
  let loaded: unknown;
  try {
    loaded = load();
  } catch (error) {
    if (!(error instanceof MachineFileError)) counts.otherErrors++;
    expect(error).toBeInstanceOf(MachineFileError);
    expect((error as MachineFileError).message.startsWith(source)).toBe(true);
    expect((error as MachineFileError).message.length).toBeLessThan(2000);
    counts.rejected++;
    return;
  }
  counts.accepted++;
  expect(MachineDescriptionSchema.safeParse(loaded).success).toBe(true);
  // A description that loads is one the simulated machine can run.
  expect(() => new SimulatedMachine(loaded as never)).not.toThrow();
}

describe('fuzz: machine descriptions', () => {
  it('arbitrary JSON values', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (json) => {
        check(() => parseMachineDescription(json, 'fuzz.json'), 'fuzz.json');
      }),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
  });

  it('the sample with one field removed or replaced', () => {
    fc.assert(
      fc.property(jsonDamage, (damage) => {
        check(() => parseMachineDescription(damageJson(SAMPLE, damage), 'damaged.json'), 'damaged.json');
      }),
      { seed: FUZZ_SEED, numRuns: 400 },
    );
  });

  it('the sample file with damaged bytes, loaded from disk, left exactly as it was', () => {
    let n = 0;
    fc.assert(
      fc.property(textDamage, (damage) => {
        const file = join(scratch, `machine-${n++}.json`);
        const text = damageText(SAMPLE_TEXT, damage);
        writeFileSync(file, text);
        const before = readFileSync(file);
        check(() => loadMachineFile(file), file);
        check(() => openFileBackedMachine(file).snapshot(), file);
        expect(readFileSync(file).equals(before)).toBe(true);
      }),
      { seed: FUZZ_SEED, numRuns: 200 },
    );
  });
});
