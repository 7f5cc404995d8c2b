import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatHostTarget, parseHostTarget } from '../../shared/host-name.js';
import { pwshForTests } from '../support/pwsh-for-tests.js';
import { type CorpusEntry, HOSTILE_CORPUS } from './corpus.js';

/*
 * The hostile host-name corpus through the interpreter's own re-check (machine/powershell/interpreter/
 * HostNames.ps1, Get-HostField), in real PowerShell, beside shared/host-name.ts: the two must agree on every
 * input. The app sends a host the way shared/host-name.ts hands it over: `target.host` to net.resolve and
 * net.probeTcp (no port), `formatHostTarget(target)` to app.launchMstsc (a port allowed). So an input the
 * validator accepts must pass the interpreter in both forms, and an input it rejects, sent as typed, must
 * be refused in both.
 *
 * A rule only one side had would show here as a disagreement: the look-alike rule and the xn-- check were
 * the last two (nine inputs), now written in HostNames.ps1 and Punycode.ps1 too.
 */

/** Inputs the validator rejects and HostNames.ps1 accepts: none (the look-alike and xn-- rules are in both). */
const KNOWN_DISAGREEMENTS = new Map<string, string>();

const INTERPRETER = resolve(dirname(fileURLToPath(import.meta.url)), '../../machine/powershell/interpreter');
// The files HostNames.ps1 needs, in the module's order (interpreter-build.ts): strict mode, errors, fields.
const SOURCES = ['Module.State.ps1', 'Errors.ps1', 'Arguments.ps1', 'Punycode.ps1', 'HostNames.ps1'];

// Each text travels as UTF-16 code units, so a lone surrogate reaches PowerShell as it is, never replaced.
const SCRIPT = `param([string]$Folder, [string]$ListFile)
$ErrorActionPreference = 'Stop'
${SOURCES.map((name) => `. (Join-Path $Folder '${name}')`).join('\n')}
function Test-Accepted {
  param([string]$Text, [switch]$AllowPort)
  $op = New-Object 'System.Collections.Generic.Dictionary[string,object]'
  $op['host'] = $Text
  try { $null = Get-HostField $op -AllowPort:$AllowPort; return $true } catch { return $false }
}
$lists = [IO.File]::ReadAllText($ListFile) | ConvertFrom-Json
$answers = foreach ($codes in @($lists)) {
  $text = -join @($codes | ForEach-Object { [char][int]$_ })
  ,@((Test-Accepted $text), (Test-Accepted $text -AllowPort))
}
ConvertTo-Json -InputObject @($answers) -Compress
`;

type Verdict = { bare: boolean; withPort: boolean };

/** Get-HostField's answer for each text, without and with -AllowPort: one pwsh start for the whole corpus. */
function interpreterVerdicts(texts: readonly string[]): Verdict[] {
  const folder = mkdtempSync(join(tmpdir(), 'rdp-repair-host-names-'));
  try {
    const script = join(folder, 'host-names.ps1');
    const list = join(folder, 'texts.json');
    writeFileSync(script, SCRIPT, 'utf8');
    const codes = texts.map((text) => Array.from({ length: text.length }, (_, i) => text.charCodeAt(i)));
    writeFileSync(list, JSON.stringify(codes), 'utf8');
    const stdout = execFileSync(
      pwshForTests(),
      ['-NoProfile', '-NonInteractive', '-File', script, '-Folder', INTERPRETER, '-ListFile', list],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const answers = JSON.parse(stdout) as [boolean, boolean][];
    if (answers.length !== texts.length) throw new Error(`answered ${answers.length} of ${texts.length}`);
    return answers.map(([bare, withPort]) => ({ bare, withPort }));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What the interpreter is sent for an entry: the validator's forms when it accepts, else the text as typed. */
function sentForms(entry: CorpusEntry): { bare: string; withPort: string; accepted: boolean } {
  const parsed = parseHostTarget(entry.input);
  if (!parsed.ok) return { bare: entry.input, withPort: entry.input, accepted: false };
  return { bare: parsed.target.host, withPort: formatHostTarget(parsed.target), accepted: true };
}

const forms = HOSTILE_CORPUS.map(sentForms);
const figures = { tried: 0, agreed: 0, known: 0 };
let verdicts: Verdict[] = [];

beforeAll(() => {
  const texts = forms.flatMap((f) => [f.bare, f.withPort]);
  const answers = interpreterVerdicts(texts);
  verdicts = forms.map((_, i) => ({
    bare: answers[2 * i]?.bare ?? false,
    withPort: answers[2 * i + 1]?.withPort ?? false,
  }));
}, 120_000);

afterAll(() => {
  console.log(
    `hostile corpus / HostNames.ps1: ${figures.tried} inputs tried, ${figures.agreed} answered as shared/host-name.ts does, ` +
      `${figures.known} known disagreements (rejected by shared/host-name.ts, accepted here)`,
  );
});

describe('hostile corpus through HostNames.ps1 (Get-HostField), beside shared/host-name.ts', () => {
  it.each(HOSTILE_CORPUS.map((e, i) => [JSON.stringify(e.input.slice(0, 60)), i] as const))('%s', (_, i) => {
    const form = forms[i];
    const verdict = verdicts[i];
    const entry = HOSTILE_CORPUS[i];
    figures.tried++;
    const known = entry && KNOWN_DISAGREEMENTS.get(entry.input);
    const expected = known === undefined ? form?.accepted : !form?.accepted;
    expect({ bare: verdict?.bare, withPort: verdict?.withPort }, known ?? entry?.why).toEqual({
      bare: expected,
      withPort: expected,
    });
    if (known === undefined) figures.agreed++;
    else figures.known++;
  });
});
