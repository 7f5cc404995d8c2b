import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../hosts/cli/rdp-repair.js';

export const REPO = join(import.meta.dirname, '..', '..');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI in this process, capturing what it prints (as to a pipe: no progress lines). */
export async function cli(...argv: string[]): Promise<CliRun> {
  return cliWatched(false, ...argv);
}

/** The same, as to an interactive terminal when `watched`: progress lines are captured in `progress`. */
export async function cliWatched(
  watched: boolean,
  ...argv: string[]
): Promise<CliRun & { progress: string[] }> {
  let stdout = '';
  let stderr = '';
  const progress: string[] = [];
  const code = await main(argv, {
    stdout: (t) => {
      stdout += `${t}\n`;
    },
    stderr: (t) => {
      stderr += `${t}\n`;
    },
    ...(watched ? { progress: (t: string) => progress.push(t) } : {}),
  });
  return { code, stdout, stderr, progress };
}

/** Runs the CLI as its own process, as a user would (needed for crash tests). */
export function spawnCli(
  args: string[],
  env: Record<string, string> = {},
): CliRun & { signal: string | null; status: number | null } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(REPO, 'hosts', 'cli', 'rdp-repair.ts'), ...args],
    {
      cwd: REPO,
      env: { ...process.env, ...env },
      encoding: 'utf8',
    },
  );
  return {
    code: result.status ?? -1,
    status: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/** A private copy of a sample machine and an empty data folder. */
export function workspace(sample: string): { machineFile: string; dataDir: string; sampleFile: string } {
  const dir = mkdtempSync(join(tmpdir(), 'rdp-repair-cli-'));
  const sampleFile = join(REPO, 'sample-machines', sample);
  const machineFile = join(dir, sample);
  copyFileSync(sampleFile, machineFile);
  return { machineFile, dataDir: join(dir, 'data'), sampleFile };
}
