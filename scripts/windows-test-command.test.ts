import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/*
 * npm run test:windows (the Windows workflow's test command) is npm test without the two suites that need
 * Linux. npm run test:wine and npm run test:servers need Linux (Debian's Wine; xrdp and FreeRDP's servers). Run
 * anywhere else they must say they did not run, and why, and exit 1: a suite that did not run never counts as
 * passed. Windows is stood in for by setting process.platform before the script loads.
 */

const REPO = join(import.meta.dirname, '..');

function runAs(platform: NodeJS.Platform, script: string) {
  const pretend = `data:text/javascript,Object.defineProperty(process,'platform',{value:${JSON.stringify(platform)}})`;
  return spawnSync(process.execPath, ['--import', pretend, '--import', 'tsx', join(REPO, script)], {
    cwd: REPO,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('the Linux-only suites on Windows', () => {
  it('npm run test:wine says it did not run, why, and what tests Windows instead; exit 1', () => {
    const run = runAs('win32', 'test/wine/run-wine-tests.ts');
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "Wine suite NOT RUN: it runs the interpreter under Debian's Wine on Linux, and this is Windows; here npm run test:windows tests the real registry, files and Credential Manager instead.",
    );
    expect(run.stdout).toContain('0 passed, 0 failed (not run)');
    // Nothing was tried: no apt-get, no dotnet publish.
    expect(run.stdout).not.toMatch(/Installing|apt-get/);
  });

  it('npm run test:servers says it did not run and why; exit 1', () => {
    const run = runAs('win32', 'test/rdp-servers/require-servers.ts');
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "RDP server suite NOT RUN: it starts xrdp and FreeRDP's servers from Debian packages on Linux, and this is Windows; run it on Linux (bash .ci/run).",
    );
  });

  it('says the same on macOS, naming it', () => {
    expect(runAs('darwin', 'test/rdp-servers/require-servers.ts').stderr).toMatch(/this is darwin;/);
    const wine = runAs('darwin', 'test/wine/run-wine-tests.ts');
    expect(wine.status).toBe(1);
    expect(wine.stderr).toMatch(/Wine suite NOT RUN: .*this is darwin/);
  });
});

describe('npm run test:windows', () => {
  it('runs what npm test runs, in the same order, without test:wine and test:servers', () => {
    const { scripts } = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const steps = (command: string | undefined) => String(command).split(' && ');
    const linuxOnly = ['npm run test:wine', 'npm run test:servers'];
    expect(steps(scripts.test).filter((step) => linuxOnly.includes(step))).toEqual(linuxOnly);
    expect(steps(scripts['test:windows'])).toEqual(
      steps(scripts.test).filter((step) => !linuxOnly.includes(step)),
    );
  });
});
