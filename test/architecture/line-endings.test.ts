import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The interpreter module embeds the allow-list and its own sources, and its SHA-256 is pinned
 * (machine/powershell/module-hashes.ts). Git for Windows installs with core.autocrlf=true, which checks text
 * files out with CRLF: a developer's clone on Windows would then embed other bytes and fail the module-hash
 * test, and the app would refuse its own module. `.gitattributes` keeps these files' bytes as committed; this
 * test checks that in a throwaway repository cloned the way Git for Windows would.
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INTERPRETER = 'machine/powershell/interpreter';
const PINNED = [
  'shared/machine-allow-list.json',
  'machine/powershell/RdpRepair.Interpreter.psm1',
  'machine/powershell/elevated/Invoke-ElevatedBatch.ps1',
  ...readdirSync(join(ROOT, INTERPRETER))
    .filter((f) => f.endsWith('.ps1'))
    .map((f) => `${INTERPRETER}/${f}`),
];

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

describe('line endings of the files whose bytes are pinned', () => {
  it('a clone with core.autocrlf=true checks out the same bytes', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-eol-'));
    const origin = join(scratch, 'origin');
    for (const file of ['.gitattributes', ...PINNED]) {
      mkdirSync(dirname(join(origin, file)), { recursive: true });
      copyFileSync(join(ROOT, file), join(origin, file));
    }
    git(origin, 'init', '-q');
    git(origin, '-c', 'core.autocrlf=false', 'add', '.');
    git(origin, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'pinned files');
    const clone = join(scratch, 'clone');
    git(scratch, '-c', 'core.autocrlf=true', 'clone', '-q', '--config', 'core.autocrlf=true', origin, clone);

    const changed = PINNED.filter(
      (file) => !readFileSync(join(clone, file)).equals(readFileSync(join(ROOT, file))),
    );
    expect(changed).toEqual([]);
  });

  it('without the rule, the same clone would change the allow-list (the test can fail)', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-eol-'));
    const origin = join(scratch, 'origin');
    mkdirSync(join(origin, 'shared'), { recursive: true });
    copyFileSync(
      join(ROOT, 'shared/machine-allow-list.json'),
      join(origin, 'shared/machine-allow-list.json'),
    );
    git(origin, 'init', '-q');
    git(origin, '-c', 'core.autocrlf=false', 'add', '.');
    git(origin, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'no attributes');
    const clone = join(scratch, 'clone');
    git(scratch, 'clone', '-q', '--config', 'core.autocrlf=true', origin, clone);
    const bytes = readFileSync(join(clone, 'shared/machine-allow-list.json'), 'utf8');
    expect(bytes).toContain('\r\n');
  });
});
