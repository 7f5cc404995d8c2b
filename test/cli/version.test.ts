import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cli, REPO, spawnCli } from './cli-harness.js';

/* `rdp-repair --version` says which build a script or a bug report is talking about: package.json's version. */

const { version } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { version: string };

describe('rdp-repair --version', () => {
  it("prints package.json's version and exits 0", async () => {
    const run = await cli('--version');
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`rdp-repair ${version}\n`);
    expect(run.stderr).toBe('');
  });

  it('with --json, one document with the schema version', async () => {
    const run = await cli('--version', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ schemaVersion: 1, command: 'version', version });
  });

  it('from a process of its own, as installed', () => {
    const run = spawnCli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(`rdp-repair ${version}`);
  });

  it('the bundle carries the version itself: run with no package.json anywhere above it', async () => {
    // As scripts/build.mjs bundles the CLI (esbuild, ESM for node), into a folder outside the repository.
    const folder = mkdtempSync(join(tmpdir(), 'rdp-repair-version-'));
    const outfile = join(folder, 'rdp-repair.mjs');
    await build({
      entryPoints: [join(REPO, 'hosts', 'cli', 'rdp-repair.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      logLevel: 'silent',
      banner: {
        js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
      },
    });
    const bundle = readFileSync(outfile, 'utf8');
    // Only the version is inlined, not the rest of package.json.
    expect(bundle).not.toContain('devDependencies');
    const run = spawnSync(process.execPath, [outfile, '--version'], { cwd: folder, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(`rdp-repair ${version}`);
  });
});
