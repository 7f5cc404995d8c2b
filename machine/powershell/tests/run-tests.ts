import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPowerShellTools, REPO_ROOT, TOOL_VERSIONS } from '../../../scripts/powershell/tools.js';
import { exportContractCases } from './export-contract-cases.js';
import { exportEngineOps } from './export-engine-ops.js';

/*
 * npm run test:powershell — everything that needs a real PowerShell, in the pinned pwsh:
 *   1. Pester: the interpreter's suites, the contract table and every engine op (machine/powershell/tests);
 *   2. Vitest: node-powershell driving real sessions, the elevated path, PowerShell's parser (*.pwsh.test.ts).
 * Ends with one line "N passed, N failed, N skipped". Without pwsh it says the suite did not run, and why,
 * and exits 1: a suite that did not run never counts as passed.
 */

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

const tools = findPowerShellTools();
if (!tools.ok) {
  console.error(`PowerShell suite NOT RUN: ${tools.reason}`);
  console.log('0 passed, 0 failed (not run)');
  process.exit(1);
}

const scratch = join(REPO_ROOT, '.tmp', 'powershell-suite');
rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const contractJson = join(scratch, 'contract-cases.json');
const engineOpsJson = join(scratch, 'engine-ops.json');
writeFileSync(contractJson, await exportContractCases());
writeFileSync(engineOpsJson, await exportEngineOps());

function pester(): Counts {
  const run = spawnSync(
    tools.ok ? tools.pwsh : 'pwsh',
    [
      '-NoProfile',
      '-NonInteractive',
      '-File',
      join(REPO_ROOT, 'machine', 'powershell', 'tests', 'Invoke-PesterSuite.ps1'),
      '-PesterPath',
      tools.ok ? tools.pester : '',
    ],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      env: {
        ...process.env,
        RDP_REPAIR_CONTRACT_JSON: contractJson,
        RDP_REPAIR_ENGINE_OPS_JSON: engineOpsJson,
      },
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const out = run.stdout ?? '';
  const line = out.split(/\r?\n/).find((l) => l.startsWith('PESTER '));
  process.stdout.write(
    out
      .split(/\r?\n/)
      .filter((l) => !l.startsWith('PESTER '))
      .join('\n'),
  );
  if (!line) return { passed: 0, failed: 1, skipped: 0 };
  const counts = JSON.parse(line.slice('PESTER '.length)) as Counts & { notRun: number };
  // A test Pester did not run (a failed setup) is a failure here, not a skip.
  return { passed: counts.passed, failed: counts.failed + counts.notRun, skipped: counts.skipped };
}

function vitest(): Counts {
  const report = join(scratch, 'vitest.json');
  spawnSync(
    process.execPath,
    [
      join(REPO_ROOT, 'node_modules', 'vitest', 'vitest.mjs'),
      'run',
      '--project',
      'pwsh',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    { cwd: REPO_ROOT, stdio: 'inherit' },
  );
  try {
    const json = JSON.parse(readFileSync(report, 'utf8')) as {
      numPassedTests: number;
      numFailedTests: number;
      numPendingTests: number;
      numTodoTests: number;
      numFailedTestSuites: number;
    };
    return {
      passed: json.numPassedTests,
      failed: json.numFailedTests + json.numFailedTestSuites,
      skipped: json.numPendingTests + json.numTodoTests,
    };
  } catch {
    return { passed: 0, failed: 1, skipped: 0 };
  }
}

console.log(`PowerShell ${TOOL_VERSIONS.pwsh} at ${tools.pwsh}, Pester ${TOOL_VERSIONS.pester}`);
const suites = { Pester: pester(), 'Vitest (real pwsh)': vitest() };
for (const [name, c] of Object.entries(suites))
  console.log(`${name}: ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
const total = Object.values(suites).reduce(
  (a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed, skipped: a.skipped + c.skipped }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exitCode = total.failed > 0 || total.passed === 0 ? 1 : 0;
