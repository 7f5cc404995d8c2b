import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export interface Finding {
  file: string;
  line: number;
  message: string;
}

const here = dirname(fileURLToPath(import.meta.url));
const SYNTAX_SCRIPT = join(here, 'Test-PowerShellSyntax.ps1');

/** Every .ps1 / .psm1 under root, except dependencies, tools and this checker's own seeded bad files. */
export function listPowerShellFiles(root: string, exclude: readonly string[] = []): string[] {
  const skip = new Set(['node_modules', '.git', 'dist', '.tools', '.tmp', ...exclude]);
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (skip.has(entry.name) || skip.has(relative(root, path))) continue;
      if (entry.isDirectory()) walk(path);
      else if (/\.psm?1$/i.test(entry.name)) files.push(path);
    }
  };
  walk(root);
  return files.sort();
}

/** Windows PowerShell 5.1 reads a file without a BOM as ANSI: bytes, not syntax, so checked here. */
export function findEncodingProblems(bytes: Buffer): Omit<Finding, 'file'>[] {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const index = bytes.findIndex((b) => b > 0x7f);
  if (hasBom || index < 0) return [];
  return [
    {
      line: bytes.subarray(0, index).toString('latin1').split('\n').length,
      message: 'non-ASCII text without a UTF-8 BOM: Windows PowerShell 5.1 reads it as ANSI',
    },
  ];
}

const SyntaxDocumentSchema = z.object({
  files: z.number(),
  findings: z.array(z.object({ file: z.string(), line: z.number(), message: z.string() })),
});

/**
 * PowerShell's own parser over the files (Test-PowerShellSyntax.ps1 in pwsh): syntax errors, then the
 * PowerShell-7-only syntax, commands and parameters it finds in the AST.
 */
export function findSyntaxProblems(pwsh: string, files: readonly string[]): Finding[] {
  if (files.length === 0) return [];
  const folder = mkdtempSync(join(tmpdir(), 'rdp-repair-pscheck-'));
  try {
    const list = join(folder, 'files.txt');
    writeFileSync(list, files.map((f) => resolve(f)).join('\n'), 'utf8');
    const stdout = execFileSync(
      pwsh,
      ['-NoProfile', '-NonInteractive', '-File', SYNTAX_SCRIPT, '-ListFile', list],
      { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    return SyntaxDocumentSchema.parse(JSON.parse(stdout)).findings;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** Both checks over a list of files, sorted by file and line. */
export function checkPowerShellFiles(pwsh: string, files: readonly string[], root: string): Finding[] {
  const findings: Finding[] = [];
  for (const path of files) {
    for (const f of findEncodingProblems(readFileSync(path)))
      findings.push({ file: relative(root, path), ...f });
  }
  for (const f of findSyntaxProblems(pwsh, files)) findings.push({ ...f, file: relative(root, f.file) });
  return findings.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
}

/** What check.ts prints and its exit code, for a repository root. */
export function runCheck(
  pwsh: string,
  root: string,
  exclude: readonly string[],
): { errors: string[]; summary: string; exitCode: number } {
  const files = listPowerShellFiles(root, exclude);
  const findings = checkPowerShellFiles(pwsh, files, root);
  return {
    errors: findings.map((f) => `${f.file}:${f.line}: ${f.message}`),
    summary: `check-powershell: ${files.length} files, ${findings.length} findings (PowerShell's parser + 5.1 compatibility).`,
    exitCode: findings.length > 0 || files.length === 0 ? 1 : 0,
  };
}
