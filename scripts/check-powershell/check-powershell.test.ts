import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  checkPowerShellFiles,
  findParseErrors,
  findPs51Incompatibilities,
  listPowerShellFiles,
  runCheck,
} from './powershell-checks.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..', '..');
const fixture = (name: string) => readFileSync(join(here, 'fixtures', name));

describe('parse check', () => {
  it('reports the lines of a seeded syntax error', async () => {
    const errors = await findParseErrors(fixture('parse-error.ps1').toString('utf8'));
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.map((e) => e.line)).toContain(2);
  });

  it('finds nothing in valid 5.1 code', async () => {
    expect(await findParseErrors(fixture('ps51-clean.ps1').toString('utf8'))).toEqual([]);
  });
});

describe('PowerShell 5.1 compatibility check', () => {
  it('flags every PowerShell 7 construct in the seeded file, on its line', async () => {
    const findings = await findPs51Incompatibilities(fixture('ps7-only.ps1'));
    const byLine = new Map(findings.map((f) => [f.line, f.message]));
    expect(byLine.get(1)).toMatch(/null-coalescing \?\?/);
    expect(byLine.get(2)).toMatch(/null-conditional \?\./);
    expect(byLine.get(3)).toMatch(/null-conditional \?\[/);
    expect(byLine.get(4)).toMatch(/ternary/);
    expect(byLine.get(5)).toMatch(/pipeline chain/);
    expect(byLine.get(6)).toMatch(/pipeline chain/);
    expect(byLine.get(7)).toMatch(/-parallel/);
    expect(byLine.get(8)).toMatch(/-ashashtable/);
    expect(byLine.get(9)).toMatch(/join-string/);
    expect(byLine.get(10)).toMatch(/`u\{\}/);
    expect(byLine.get(11)).toMatch(/-asbytestream/);
    expect(byLine.get(12)).toMatch(/\?\?=/);
    expect(byLine.get(15)).toMatch(/clean/);
  });

  it('ignores the same text in strings, here-strings, comments, wildcards, $? and the ? alias', async () => {
    expect(await findPs51Incompatibilities(fixture('ps51-clean.ps1'))).toEqual([]);
  });

  it('flags non-ASCII text without a UTF-8 BOM, and accepts it with one', async () => {
    expect(await findPs51Incompatibilities(fixture('non-ascii-without-bom.ps1'))).toEqual([
      { line: 1, message: expect.stringContaining('without a UTF-8 BOM') },
    ]);
    expect(await findPs51Incompatibilities(fixture('non-ascii-with-bom.ps1'))).toEqual([]);
  });
});

describe('check.ts', () => {
  it('finds no problem in the repository PowerShell files', async () => {
    const files = listPowerShellFiles(repo, ['scripts/check-powershell/fixtures']);
    expect(files.some((f) => f.endsWith('RdpRepair.Interpreter.psm1'))).toBe(true);
    expect(await checkPowerShellFiles(files, repo)).toEqual([]);
  });

  it('exits 1 and prints file:line for a seeded bad file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-ps-'));
    try {
      writeFileSync(join(dir, 'bad.ps1'), "$ok = 1\n$x = $a ?? 'b'\n");
      const result = await runCheck(dir, []);
      expect(result.exitCode).toBe(1);
      expect(result.errors.some((line) => line.startsWith('bad.ps1:2:'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exits 0 for clean files', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'check-ps-'));
    try {
      writeFileSync(join(dir, 'good.ps1'), "$x = if ($a) { $a } else { 'b' }\n");
      expect((await runCheck(dir, [])).exitCode).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
