import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { HELPERS_FOLDER } from '../../machine/powershell/helpers/build-helpers.js';

/*
 * Bench only (npm run bench:powershell with RDP_REPAIR_BENCH_ADD_TYPE=1): the interpreter module as it was
 * before its helpers were precompiled, to measure both in the same run. The shipped module's Import-HelperType
 * is redefined after it, so each helper is compiled with Add-Type from helpers/*.cs the first time a batch needs
 * it, as the module did then. Never shipped: the app's module contains no Add-Type.
 */

const SOURCES = {
  'RdpRepair.CredentialStore': 'CredentialStore.cs',
  'RdpRepair.RawRegistry': 'RawRegistry.cs',
};

function hereString(text: string): string {
  if (/^'@/m.test(text)) throw new Error("A helper source cannot be embedded: a line starts with '@.");
  return `@'\n${text.trimEnd()}\n'@`;
}

export function withAddTypeHelpers(moduleText: string): string {
  const table = Object.entries(SOURCES)
    .map(([type, file]) => `  '${type}' = ${hereString(readFileSync(join(HELPERS_FOLDER, file), 'utf8'))}`)
    .join('\n');
  return `${moduleText}
# ---------------------------------------------------------------- bench only: the helpers compiled at run time
$script:BenchHelperSources = @{
${table}
}
function Import-HelperType {
  param([string]$Name)
  if ($null -eq ($Name -as [type])) { Add-Type -TypeDefinition $script:BenchHelperSources[$Name] -Language CSharp }
  return ($Name -as [type])
}
`;
}
