import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Node } from 'web-tree-sitter';
import { loadPowerShellParser } from './powershell-parser.js';

export interface Finding {
  file: string;
  line: number;
  message: string;
}

type LineFinding = Omit<Finding, 'file'>;

/** Every .ps1 / .psm1 under root, except dependencies and this checker's own seeded bad files. */
export function listPowerShellFiles(root: string, exclude: readonly string[] = []): string[] {
  const skip = new Set(['node_modules', '.git', 'dist', ...exclude]);
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

function descendants(node: Node): Node[] {
  const all: Node[] = [];
  const walk = (n: Node) => {
    all.push(n);
    for (const child of n.children) if (child) walk(child);
  };
  walk(node);
  return all;
}

async function parse(source: string) {
  const parser = await loadPowerShellParser();
  const tree = parser.parse(source);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}

/** Lines where tree-sitter-powershell found a syntax error (an ERROR node or a missing token). */
export async function findParseErrors(source: string): Promise<LineFinding[]> {
  const tree = await parse(source);
  if (!tree.rootNode.hasError) return [];
  return descendants(tree.rootNode)
    .filter((n) => n.type === 'ERROR' || n.isMissing)
    .map((n) => ({
      line: n.startPosition.row + 1,
      message: n.isMissing ? `syntax error: missing ${n.type}` : `syntax error near "${n.text.slice(0, 40)}"`,
    }));
}

// Nodes whose text is data or a name, never an operator: strings, comments, command names (`?` is
// Where-Object), bare arguments (`-Filter a?b` is a wildcard), variables (`$?`).
const OPAQUE = new Set(['comment', 'string_literal', 'command_name', 'generic_token', 'variable']);

/**
 * The source with strings, comments, names and bare words blanked out (code inside "$()" kept), so an operator
 * scan sees only operators. Node offsets from web-tree-sitter are UTF-16 indices, the same as JavaScript's.
 */
function codeOnly(source: string, root: Node): string {
  const chars = source.split('');
  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (chars[i] !== '\n' && chars[i] !== '\r') chars[i] = ' ';
  };
  const restore = (from: number, to: number) => {
    for (let i = from; i < to; i++) chars[i] = source[i]!;
  };
  const visit = (node: Node, opaque: boolean) => {
    const nowOpaque = OPAQUE.has(node.type) ? true : node.type === 'sub_expression' ? false : opaque;
    if (nowOpaque && !opaque) blank(node.startIndex, node.endIndex);
    if (!nowOpaque && opaque) restore(node.startIndex, node.endIndex);
    for (const child of node.children) if (child) visit(child, nowOpaque);
  };
  visit(root, false);
  return chars.join('');
}

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (text[i] === '\n') line++;
  return line;
}

const PS7_COMMANDS = new Set(
  [
    'Join-String',
    'Test-Json',
    'Get-Error',
    'ConvertFrom-Markdown',
    'Show-Markdown',
    'Get-MarkdownOption',
    'Set-MarkdownOption',
    'Get-Uptime',
    'Remove-Alias',
    'Remove-Service',
    'Get-SecureRandom',
    'ConvertTo-CliXml',
    'ConvertFrom-CliXml',
  ].map((c) => c.toLowerCase()),
);

// Parameters that exist only in PowerShell 6+ for a command that also exists in 5.1.
const PS7_PARAMETERS: Record<string, string[]> = {
  'foreach-object': ['-parallel', '-throttlelimit'],
  '%': ['-parallel', '-throttlelimit'],
  foreach: ['-parallel', '-throttlelimit'],
  'convertfrom-json': ['-ashashtable', '-depth', '-noenumerate', '-datekind'],
  'convertto-json': ['-asarray', '-enumsasstrings', '-escapehandling'],
  'get-content': ['-asbytestream'],
  'set-content': ['-asbytestream'],
  'add-content': ['-asbytestream'],
  'invoke-webrequest': ['-skipcertificatecheck', '-authentication', '-sslprotocol', '-resume'],
  'invoke-restmethod': ['-skipcertificatecheck', '-authentication', '-sslprotocol', '-resume'],
  'test-connection': ['-targetname', '-tcpport', '-ping', '-traceroute'],
  'select-string': ['-raw', '-noemphasis'],
  'get-childitem': ['-followsymlink'],
  'split-path': ['-extension', '-leafbase'],
};

function commandFindings(root: Node): LineFinding[] {
  const findings: LineFinding[] = [];
  for (const node of descendants(root)) {
    if (node.type === 'pipeline_chain_tail') {
      findings.push({
        line: node.startPosition.row + 1,
        message: 'pipeline chain && / || needs PowerShell 7; use if ($?) or try/catch',
      });
    }
    if (node.type !== 'command') continue;
    const name = node.childForFieldName('command_name')?.text.toLowerCase() ?? '';
    if (PS7_COMMANDS.has(name)) {
      findings.push({
        line: node.startPosition.row + 1,
        message: `${name} does not exist in Windows PowerShell 5.1`,
      });
    }
    const only7 = PS7_PARAMETERS[name];
    if (!only7) continue;
    for (const parameter of node.descendantsOfType('command_parameter')) {
      const given = parameter?.text.toLowerCase().replace(/:$/, '') ?? '';
      const hit = given.length >= 3 && only7.find((p) => p.startsWith(given));
      if (hit) {
        findings.push({
          line: parameter!.startPosition.row + 1,
          message: `${name} ${hit} needs PowerShell 6 or later`,
        });
      }
    }
  }
  return findings;
}

function operatorFindings(code: string): LineFinding[] {
  const findings: LineFinding[] = [];
  for (const match of code.matchAll(/\?\?=?|\?\.|\?\[|\?|&&|\|\|/g)) {
    const token = match[0];
    const message =
      token === '&&' || token === '||'
        ? `pipeline chain ${token} needs PowerShell 7`
        : token.startsWith('??')
          ? `null-coalescing ${token} needs PowerShell 7`
          : token === '?.' || token === '?['
            ? `null-conditional ${token} needs PowerShell 7`
            : 'ternary ? : needs PowerShell 7; use if/else';
    findings.push({ line: lineOf(code, match.index), message });
  }
  for (const match of code.matchAll(/^[ \t]*clean[ \t]*\{/gim)) {
    findings.push({ line: lineOf(code, match.index), message: 'the clean {} block needs PowerShell 7.3' });
  }
  return findings;
}

function stringEscapeFindings(root: Node): LineFinding[] {
  const findings: LineFinding[] = [];
  for (const node of descendants(root)) {
    if (node.type !== 'expandable_string_literal' && node.type !== 'expandable_here_string_literal') continue;
    if (/`u\{/.test(node.text)) {
      findings.push({ line: node.startPosition.row + 1, message: 'the `u{} escape needs PowerShell 6' });
    }
    if (/(^|[^`])`e/.test(node.text)) {
      findings.push({
        line: node.startPosition.row + 1,
        message: 'the `e escape needs PowerShell 6; use [char]27',
      });
    }
  }
  return findings;
}

/** PowerShell 7-only syntax, commands and parameters, and encodings 5.1 misreads. */
export async function findPs51Incompatibilities(bytes: Buffer): Promise<LineFinding[]> {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const source = bytes.toString('utf8').replace(/^\uFEFF/, '');
  const findings: LineFinding[] = [];
  if (!hasBom && bytes.some((b) => b > 0x7f)) {
    const index = bytes.findIndex((b) => b > 0x7f);
    findings.push({
      line: bytes.subarray(0, index).toString('latin1').split('\n').length,
      message: 'non-ASCII text without a UTF-8 BOM: Windows PowerShell 5.1 reads it as ANSI',
    });
  }
  const tree = await parse(source);
  findings.push(...operatorFindings(codeOnly(source, tree.rootNode)));
  findings.push(...commandFindings(tree.rootNode));
  findings.push(...stringEscapeFindings(tree.rootNode));
  // The same spot can be seen by the tree and by the operator scan (&&): report it once.
  const unique = new Map(findings.map((f) => [`${f.line}:${f.message.split(' ')[0]}`, f]));
  return [...unique.values()].sort((a, b) => a.line - b.line);
}

/** Both checks over a list of files. */
export async function checkPowerShellFiles(files: readonly string[], root: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  for (const path of files) {
    const bytes = readFileSync(path);
    const file = relative(root, path);
    const source = bytes.toString('utf8').replace(/^\uFEFF/, '');
    for (const f of await findParseErrors(source)) findings.push({ file, ...f });
    for (const f of await findPs51Incompatibilities(bytes)) findings.push({ file, ...f });
  }
  return findings;
}

/** What check.ts prints and its exit code, for a repository root. */
export async function runCheck(
  root: string,
  exclude: readonly string[],
): Promise<{ errors: string[]; summary: string; exitCode: number }> {
  const files = listPowerShellFiles(root, exclude);
  const findings = await checkPowerShellFiles(files, root);
  return {
    errors: findings.map((f) => `${f.file}:${f.line}: ${f.message}`),
    summary: `check-powershell: ${files.length} files, ${findings.length} findings (parse + PowerShell 5.1).`,
    exitCode: findings.length > 0 || files.length === 0 ? 1 : 0,
  };
}
