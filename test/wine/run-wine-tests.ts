import { rmSync } from 'node:fs';
import { runCase } from './run-case.js';
import { winePlans } from './wine-cases.js';
import { WineHost } from './wine-host-client.js';
import {
  ensureWine,
  MODULE_PATH,
  makePrefix,
  publishHost,
  stopWineServer,
  wineDosPath,
} from './wine-setup.js';

/*
 * npm run test:wine — the contract table's registry, file and credential cases through the interpreter module
 * hosted in a real PowerShell 7.6.9 (Microsoft.PowerShell.SDK) under Wine: an independent implementation of the
 * Win32 registry, files and Credential Manager, not this project's model. Each case also runs on the simulated
 * machine, and the two must agree. Ends with one line "N passed, N failed, N skipped"; every skip names the
 * Wine limitation. Without Wine or the host, it says it did not run, and exits 1.
 */

const START_TIMEOUT_MS = 300_000;

function notRun(reason: string): never {
  console.error(`Wine suite NOT RUN: ${reason}`);
  console.log('0 passed, 0 failed (not run)');
  process.exit(1);
}

// Wine here is Debian's, installed with apt-get, running the win-x64 host on Linux. On Windows the interpreter
// meets the real thing (npm run test:windows); there, and on macOS, this suite cannot run at all.
if (process.platform !== 'linux') {
  notRun(
    process.platform === 'win32'
      ? "it runs the interpreter under Debian's Wine on Linux, and this is Windows; here npm run test:windows tests the real registry, files and Credential Manager instead."
      : `it runs the interpreter under Debian's Wine on Linux, and this is ${process.platform}.`,
  );
}

const wine = ensureWine();
if (!wine.ok) notRun(wine.reason);
const host = publishHost();
if (!host.ok) notRun(host.reason);

const prefix = makePrefix();
const counts = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
let startFailure: string | undefined;
try {
  const start = await WineHost.start(
    { wine: wine.value, prefix, hostExe: host.value, modulePath: wineDosPath(MODULE_PATH) },
    START_TIMEOUT_MS,
  ).catch((e: unknown) => {
    startFailure = e instanceof Error ? e.message : String(e);
    return undefined;
  });
  if (start) {
    console.log(`PowerShell ${start.powershell} under Wine (${start.os}), prefix ${prefix}`);
    await runAll(start.host);
  }
} finally {
  stopWineServer(prefix);
  rmSync(prefix, { recursive: true, force: true });
}
if (startFailure) notRun(startFailure);
console.log(`(${((Date.now() - started) / 1000).toFixed(1)} s)`);
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
// A run where nothing passed proved nothing: that is a failure too.
process.exit(counts.failed > 0 || counts.passed === 0 ? 1 : 0);

async function runAll(wineHost: WineHost): Promise<void> {
  try {
    for (const plan of await winePlans()) {
      const name = plan.contractCase.name;
      if (plan.kind === 'skip') {
        counts.skipped += 1;
        console.log(`  - skipped: ${name}: ${plan.reason}`);
        continue;
      }
      const outcome = await runCase(wineHost, plan, prefix).catch((e: unknown) => ({
        passed: false as const,
        failures: [e instanceof Error ? e.message : String(e)],
      }));
      if (outcome.passed) {
        counts.passed += 1;
        console.log(`  ✓ ${name}`);
      } else {
        counts.failed += 1;
        console.log(`  ✗ ${name}`);
        for (const failure of outcome.failures) console.log(`      ${failure}`);
      }
    }
  } finally {
    wineHost.stop();
  }
}
