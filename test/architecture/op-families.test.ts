import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONTRACT_CASES,
  CONTRACT_CASES_BY_FAMILY,
  CROSS_FAMILY_CASES,
} from '../../machine/contract/contract-cases.js';
import { INTERPRETER_SOURCE_FILES } from '../../machine/powershell/interpreter-build.js';
import { PREVIEW_BY_FAMILY } from '../../machine/powershell/powershell-preview.js';
import { SIMULATED_HANDLERS_BY_FAMILY } from '../../machine/simulated/simulated-dispatch.js';
import { OP_FAMILIES, OP_RESULT_SCHEMAS, OPS_BY_FAMILY, type OpFamily } from '../../shared/ops.js';

/*
 * One op is written in five places: its schema (shared/ops/<family>.ts), the PowerShell interpreter
 * (machine/powershell/interpreter/<Family>.ps1, dispatched by Dispatch.ps1), the simulated machine
 * (machine/simulated/ops/<family>.ts), the preview (machine/powershell/preview/<family>.ts) and the contract
 * cases (machine/contract/<family>.cases.ts). The families are the same everywhere and every op is in each
 * place, in its own family; a new op or family missing from one of them fails here, naming what is missing.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FAMILIES = [...OP_FAMILIES].sort();
/** Files in a family folder that are not a family: what the family files share. */
const SHARED_FILE = 'common';

function tsFamiliesIn(folder: string, suffix = '.ts'): string[] {
  return readdirSync(join(root, folder))
    .filter((name) => name.endsWith(suffix) && !name.endsWith('.test.ts'))
    .map((name) => name.slice(0, -suffix.length))
    .filter((name) => name !== SHARED_FILE)
    .sort();
}

/** Each place's op names by family, compared with shared/ops: "<family>: missing x" / "<family>: extra y". */
function differences(place: Record<string, readonly string[]>): string[] {
  const problems: string[] = [];
  for (const family of new Set([...FAMILIES, ...Object.keys(place)])) {
    const expected: readonly string[] = OPS_BY_FAMILY[family as OpFamily] ?? [];
    const found = place[family] ?? [];
    for (const op of expected) if (!found.includes(op)) problems.push(`${family}: missing ${op}`);
    for (const op of found)
      if (!expected.includes(op)) problems.push(`${family}: ${op} is not this family's`);
  }
  return problems;
}

const namesOf = <T extends object>(table: Record<string, T>) =>
  Object.fromEntries(Object.entries(table).map(([family, ops]) => [family, Object.keys(ops)]));

interface PowerShellDispatch {
  /** op name → the .ps1 file (lower case, no extension) defining its handler, or a note when none does. */
  fileOf: Record<string, string>;
  familyFiles: string[];
}

function powershellDispatch(): PowerShellDispatch {
  const folder = join(root, 'machine/powershell/interpreter');
  const handlerFile = new Map<string, string>();
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.ps1'))) {
    const text = readFileSync(join(folder, name), 'utf8');
    for (const [, fn] of text.matchAll(/^function (Invoke-Op\w+)\b/gm))
      handlerFile.set(fn ?? '', basename(name, '.ps1').toLowerCase());
  }
  const dispatch = readFileSync(join(folder, 'Dispatch.ps1'), 'utf8');
  const fileOf: Record<string, string> = {};
  for (const [, op, fn] of dispatch.matchAll(/^\$script:OpHandlers\['([^']+)'\] = '([^']+)'$/gm))
    fileOf[op ?? ''] = handlerFile.get(fn ?? '') ?? `(no file defines ${fn})`;
  return { fileOf, familyFiles: [...new Set(handlerFile.values())].sort() };
}

describe('op families: the same in every place', () => {
  it('shared/ops: every op in exactly one family, one file per family', () => {
    const all = OP_FAMILIES.flatMap((family) => OPS_BY_FAMILY[family]);
    expect(all.length).toBe(new Set(all).size);
    expect([...all].sort()).toEqual(Object.keys(OP_RESULT_SCHEMAS).sort());
    expect(tsFamiliesIn('shared/ops')).toEqual(FAMILIES);
  });

  it('the PowerShell interpreter: one .ps1 per family, each op dispatched to a handler in its family file', () => {
    const { fileOf, familyFiles } = powershellDispatch();
    expect(familyFiles).toEqual(FAMILIES);
    const byFamily: Record<string, string[]> = {};
    for (const [op, file] of Object.entries(fileOf)) byFamily[file] = [...(byFamily[file] ?? []), op];
    expect(differences(byFamily)).toEqual([]);
    const built = INTERPRETER_SOURCE_FILES.map((name) => name.replace(/\.ps1$/, '').toLowerCase());
    expect(FAMILIES.filter((family) => !built.includes(family))).toEqual([]);
  });

  it('the simulated machine: a handler for every op, one file per family under machine/simulated/ops', () => {
    expect(Object.keys(SIMULATED_HANDLERS_BY_FAMILY).sort()).toEqual(FAMILIES);
    expect(differences(namesOf(SIMULATED_HANDLERS_BY_FAMILY))).toEqual([]);
    expect(tsFamiliesIn('machine/simulated/ops')).toEqual(FAMILIES);
  });

  it('the preview: lines for every op, one file per family under machine/powershell/preview', () => {
    expect(Object.keys(PREVIEW_BY_FAMILY).sort()).toEqual(FAMILIES);
    expect(differences(namesOf(PREVIEW_BY_FAMILY))).toEqual([]);
    expect(tsFamiliesIn('machine/powershell/preview')).toEqual(FAMILIES);
  });

  it("the contract cases: every op in a case of its own family's file, and every case in the table", () => {
    expect(Object.keys(CONTRACT_CASES_BY_FAMILY).sort()).toEqual(FAMILIES);
    const missing = OP_FAMILIES.flatMap((family) => {
      const used = new Set(CONTRACT_CASES_BY_FAMILY[family].flatMap((c) => c.ops.map((op) => op.op)));
      return OPS_BY_FAMILY[family].filter((op) => !used.has(op)).map((op) => `${family}: no case runs ${op}`);
    });
    expect(missing).toEqual([]);
    const crossFamily = Object.keys(CROSS_FAMILY_CASES);
    expect(tsFamiliesIn('machine/contract', '.cases.ts')).toEqual([...FAMILIES, ...crossFamily].sort());
    const composed = [
      ...Object.values(CONTRACT_CASES_BY_FAMILY),
      ...Object.values(CROSS_FAMILY_CASES),
    ].flat();
    expect(new Set(composed)).toEqual(new Set(CONTRACT_CASES));
    expect(composed.length).toBe(CONTRACT_CASES.length);
  });
});
