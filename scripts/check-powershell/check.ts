import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPowerShellTools } from '../powershell/tools.js';
import { runCheck } from './powershell-checks.js';

/*
 * npx tsx scripts/check-powershell/check.ts [root]
 * Parses every .ps1/.psm1 with PowerShell's own parser (in the pinned pwsh) and checks Windows PowerShell 5.1
 * compatibility on the AST. Exit code 1 with file:line for each finding; "not run" (exit 1) without pwsh.
 */
const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(process.argv[2] ?? join(here, '..', '..'));
const tools = findPowerShellTools();
if (!tools.ok) {
  console.error(`check-powershell: NOT RUN. ${tools.reason}`);
  process.exitCode = 1;
} else {
  const result = runCheck(tools.pwsh, root, [relative(root, join(here, 'fixtures'))]);
  for (const line of result.errors) console.error(line);
  console.log(result.summary);
  process.exitCode = result.exitCode;
}
