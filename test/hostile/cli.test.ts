import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../hosts/cli/rdp-repair.js';
import { parseHostTarget } from '../../shared/host-name.js';
import { HOSTILE_CORPUS } from './corpus.js';

/*
 * Every corpus input as `--host` to the CLI's scan and fix, over a simulated machine file. A rejected input
 * exits 2 with one sentence on stderr, and leaves the machine file and the data folder untouched.
 */

const SAMPLE = join(import.meta.dirname, '../../sample-machines/udp-enabled.json');
const COMMANDS = ['scan', 'fix'] as const;
const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-hostile-cli-'));
const rejectedMachine = join(scratch, 'rejected-machine.json');
const rejectedData = join(scratch, 'rejected-data');
copyFileSync(SAMPLE, rejectedMachine);
const original = readFileSync(rejectedMachine);
const figures = { tried: 0, accepted: 0, rejected: 0, exit2ForRejected: 0, machineChangesByRejected: 0 };

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
  console.log(
    `hostile corpus / CLI (${COMMANDS.join(', ')}): ${figures.tried} runs tried, ${figures.accepted} accepted, ` +
      `${figures.rejected} rejected (exit 2: ${figures.exit2ForRejected}), ` +
      `machine changes by rejected inputs = ${figures.machineChangesByRejected}`,
  );
});

const cases = HOSTILE_CORPUS.flatMap((entry) =>
  COMMANDS.map((command) => [command, JSON.stringify(entry.input.slice(0, 50)), entry.input] as const),
);

describe('hostile corpus through the CLI', () => {
  it.each(cases)('%s --host %s', async (command, _, input) => {
    const parsed = parseHostTarget(input);
    const stdout: string[] = [];
    const stderr: string[] = [];
    let machineFile = rejectedMachine;
    let dataDir = rejectedData;
    if (parsed.ok) {
      const dir = mkdtempSync(join(scratch, 'accepted-'));
      machineFile = join(dir, 'machine.json');
      dataDir = join(dir, 'data');
      copyFileSync(SAMPLE, machineFile);
    }
    const code = await main(
      [command, '--host', input, '--simulate', machineFile, '--data-dir', dataDir, '--json'],
      {
        stdout: (t) => stdout.push(t),
        stderr: (t) => stderr.push(t),
      },
    );
    figures.tried++;

    if (!parsed.ok) {
      figures.rejected++;
      if (code === 2) figures.exit2ForRejected++;
      const unchanged = readFileSync(rejectedMachine).equals(original);
      if (!unchanged) figures.machineChangesByRejected++;
      expect(code).toBe(2);
      expect(stdout).toEqual([]);
      expect(stderr).toHaveLength(1);
      expect(stderr[0]).not.toContain('\n');
      expect(unchanged).toBe(true);
      expect(existsSync(rejectedData) ? readdirSync(rejectedData) : []).toEqual([]);
      return;
    }
    figures.accepted++;
    expect([0, 1]).toContain(code);
  });
});
