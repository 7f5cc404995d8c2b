import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { pwshForTests } from '../../test/support/pwsh-for-tests.js';
import {
  checkPowerShellFiles,
  findEncodingProblems,
  findSyntaxProblems,
  listPowerShellFiles,
  runCheck,
} from './powershell-checks.js';

// Runs in the real pwsh (npm run test:powershell): PowerShell's own parser is the judge.
const pwsh = pwshForTests();
const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const fixture = (name: string) => join(here, 'fixtures', name);

describe("PowerShell's parser", () => {
  it('reports the lines of a seeded syntax error', () => {
    const errors = findSyntaxProblems(pwsh, [fixture('parse-error.ps1')]);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e.message.startsWith('syntax error'))).toBe(true);
    expect(errors.map((e) => e.line)).toContain(2);
  });

  it('flags every PowerShell 7 construct in the seeded file, on its line', () => {
    const byLine = new Map(
      findSyntaxProblems(pwsh, [fixture('ps7-only.ps1')]).map((f) => [f.line, f.message]),
    );
    expect(byLine.get(1)).toMatch(/null-coalescing \?\?/);
    expect(byLine.get(2)).toMatch(/null-conditional \?\./);
    expect(byLine.get(3)).toMatch(/null-conditional \?\[/);
    expect(byLine.get(4)).toMatch(/ternary/);
    expect(byLine.get(5)).toMatch(/pipeline chain &&/);
    expect(byLine.get(6)).toMatch(/pipeline chain \|\|/);
    expect(byLine.get(7)).toMatch(/-parallel/);
    expect(byLine.get(8)).toMatch(/-ashashtable/);
    expect(byLine.get(9)).toMatch(/join-string/);
    expect(byLine.get(10)).toMatch(/`u\{\}/);
    expect(byLine.get(11)).toMatch(/-asbytestream/);
    expect(byLine.get(12)).toMatch(/\?\?=/);
    expect(byLine.get(15)).toMatch(/clean/);
  });

  it('ignores the same text in strings, here-strings, comments, wildcards, $?, $name? and the ? alias', () => {
    expect(findSyntaxProblems(pwsh, [fixture('ps51-clean.ps1')])).toEqual([]);
  });
});

describe('encoding check', () => {
  it('flags non-ASCII text without a UTF-8 BOM, and accepts it with one', () => {
    expect(findEncodingProblems(readFileSync(fixture('non-ascii-without-bom.ps1')))).toEqual([
      { line: 1, message: expect.stringContaining('without a UTF-8 BOM') },
    ]);
    expect(findEncodingProblems(readFileSync(fixture('non-ascii-with-bom.ps1')))).toEqual([]);
  });
});

describe('check.ts', () => {
  it('finds no problem in the repository PowerShell files', () => {
    const files = listPowerShellFiles(repo, ['scripts/check-powershell/fixtures']);
    expect(files.some((f) => f.endsWith('RdpRepair.Interpreter.psm1'))).toBe(true);
    expect(files.some((f) => f.includes('node_modules') || f.includes('.tools'))).toBe(false);
    expect(checkPowerShellFiles(pwsh, files, repo)).toEqual([]);
  });

  it('exits 1 and prints file:line for a seeded bad file, 0 for a clean one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-ps-'));
    try {
      writeFileSync(join(dir, 'good.ps1'), "$x = if ($a) { $a } else { 'b' }\n");
      expect(runCheck(pwsh, dir, []).exitCode).toBe(0);
      writeFileSync(join(dir, 'bad.ps1'), "$ok = 1\n$x = $a ?? 'b'\n");
      const result = runCheck(pwsh, dir, []);
      expect(result.exitCode).toBe(1);
      expect(result.errors.some((line) => line.startsWith('bad.ps1:2:'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
