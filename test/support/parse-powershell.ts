import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { pwshForTests } from './pwsh-for-tests.js';

const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'Measure-PowerShellAst.ps1');

const AnswerSchema = z.array(
  z.object({
    errors: z.array(z.string()),
    commands: z.number(),
    variables: z.number(),
    subExpressions: z.number(),
    strings: z.array(z.string()),
  }),
);
export type ParsedPowerShell = z.infer<typeof AnswerSchema>[number];

/** PowerShell's own parser over each text (one pwsh start for all of them). */
export function parsePowerShell(texts: readonly string[]): ParsedPowerShell[] {
  const folder = mkdtempSync(join(tmpdir(), 'rdp-repair-parse-'));
  try {
    const list = join(folder, 'texts.json');
    writeFileSync(list, JSON.stringify(texts), 'utf8');
    const stdout = execFileSync(
      pwshForTests(),
      ['-NoProfile', '-NonInteractive', '-File', SCRIPT, '-ListFile', list],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const answers = AnswerSchema.parse(JSON.parse(stdout));
    if (answers.length !== texts.length) throw new Error(`parsed ${answers.length} of ${texts.length} texts`);
    return answers;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
