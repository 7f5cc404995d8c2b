import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheck } from './powershell-checks.js';

/*
 * npx tsx scripts/check-powershell/check.ts [root]
 * Parses every .ps1/.psm1 with tree-sitter-powershell (zero error nodes) and checks Windows PowerShell 5.1
 * compatibility. Exit code 1 with file:line for each finding.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..', '..'));
const result = await runCheck(root, [relative(root, join(here, 'fixtures'))]);
for (const line of result.errors) console.error(line);
console.log(result.summary);
process.exitCode = result.exitCode;
