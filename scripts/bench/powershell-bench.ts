import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { REPAIRS } from '../../engine/repairs/catalogue.js';
import { parseInterpreterOutput } from '../../machine/powershell/interpreter-output.js';
import { INTERPRETER_MODULE_FILE } from '../../machine/powershell/module-hashes.js';
import {
  batchCommand,
  encodeBatch,
  SESSION_READY,
  sessionSetupCommand,
} from '../../machine/powershell/powershell-commands.js';
import { createNodePowerShellSession } from '../../machine/powershell/powershell-processes.js';
import { parseHostTarget } from '../../shared/host-name.js';
import type { Op } from '../../shared/ops.js';
import { findPowerShellTools, REPO_ROOT, TOOL_VERSIONS } from '../powershell/tools.js';
import { withAddTypeHelpers } from './add-type-helpers.js';
import { measureWarmClick, warmClickReport } from './warm-click.js';

/*
 * npm run bench:powershell [-- ROUNDS] — the unelevated PowerShell session as the app uses it, in the pinned
 * pwsh, over ROUNDS fresh sessions (default 12): start to module ready, the first scan batch, a second scan in
 * the same session, and their ratios. Prints figures; asserts nothing. On Linux the Windows-only ops (registry,
 * CIM, certificates, services, the event log) fail fast with platform errors, so the scan figures are the
 * session, the transport and the interpreter's own work, not Windows' answers.
 *
 * RDP_REPAIR_BENCH_ADD_TYPE=1 also runs, in the same rounds (alternating which goes first), the module with its
 * C# helpers compiled by Add-Type at run time, as before they were precompiled (add-type-helpers.ts).
 * RDP_REPAIR_BENCH_COMPARE=<file> also runs, the same way, another RdpRepair.Interpreter.psm1 (an older build,
 * say from `git show HEAD:machine/powershell/RdpRepair.Interpreter.psm1`), so a change is measured against the
 * module before it in one run, under the same load. The load average is printed: the figures move with it.
 */

const tools = findPowerShellTools();
if (!tools.ok) {
  console.error(`bench:powershell not run: ${tools.reason}`);
  process.exit(1);
}
const rounds = Math.max(10, Number(process.argv[2] ?? 12));
const moduleText = readFileSync(join(REPO_ROOT, 'machine', 'powershell', INTERPRETER_MODULE_FILE), 'utf8');
const target = parseHostTarget('server01.contoso.com');
if (!target.ok) throw new Error(target.message);
const context = { target: target.target, now: new Date() };
const scan: Op[] = [{ op: 'system.facts' }, ...REPAIRS.flatMap((r) => r.reads(context))];
const command = batchCommand(encodeBatch({ ops: scan, mode: 'read', elevated: false }));

interface Variant {
  name: string;
  moduleText: string;
  ready: number[];
  first: number[];
  second: number[];
}
const variant = (name: string, text: string): Variant => ({
  name,
  moduleText: text,
  ready: [],
  first: [],
  second: [],
});
const variants = [variant('precompiled helpers (the shipped module)', moduleText)];
if (process.env.RDP_REPAIR_BENCH_ADD_TYPE === '1')
  variants.push(variant('helpers compiled by Add-Type (before)', withAddTypeHelpers(moduleText)));
const compare = process.env.RDP_REPAIR_BENCH_COMPARE;
if (compare) variants.push(variant(`the module at ${compare}`, readFileSync(compare, 'utf8')));
const loadBefore = loadavg()[0] ?? 0;

async function measure(v: Variant): Promise<void> {
  const started = performance.now();
  const session = createNodePowerShellSession(tools.ok ? tools.pwsh : 'pwsh');
  try {
    const setup = await session.invoke(sessionSetupCommand(v.moduleText));
    if (!setup.stdout.includes(SESSION_READY)) throw new Error(`the module did not load: ${setup.stderr}`);
    const ready = performance.now();
    const first = await session.invoke(command);
    const afterFirst = performance.now();
    const second = await session.invoke(command);
    const afterSecond = performance.now();
    for (const answer of [first, second]) {
      const results = parseInterpreterOutput(answer.stdout, scan);
      if (results.length !== scan.length) throw new Error('the scan answered the wrong number of results');
    }
    v.ready.push(ready - started);
    v.first.push(afterFirst - ready);
    v.second.push(afterSecond - afterFirst);
  } finally {
    await session.dispose();
  }
}

for (let round = 0; round < rounds; round++) {
  // Alternating the order, so neither variant always runs on the warmer disk cache.
  const order = round % 2 === 0 ? variants : [...variants].reverse();
  for (const v of order) await measure(v);
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)] ?? 0;
const p90 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))] ?? 0;
const line = (name: string, xs: number[]) =>
  `  ${name.padEnd(34)} median ${median(xs).toFixed(0).padStart(5)} ms   p90 ${p90(xs).toFixed(0).padStart(5)} ms`;
console.log(
  `PowerShell ${TOOL_VERSIONS.pwsh}, ${rounds} fresh sessions each, scan batch of ${scan.length} ops, ` +
    `load average ${loadBefore.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end`,
);
for (const v of variants) {
  const cold = v.ready.map((r, i) => r + (v.first[i] ?? 0));
  console.log(`${v.name}:`);
  console.log(line('session start to module ready', v.ready));
  console.log(line('first scan batch', v.first));
  console.log(line('second scan, same session', v.second));
  console.log(line('cold (start + module + first scan)', cold));
  console.log(`  first/second: ${(median(v.first) / median(v.second)).toFixed(2)}`);
  console.log(
    `  first batch/(start + module): ${(median(v.first) / median(v.ready)).toFixed(2)} (target <= 0.5)`,
  );
  console.log(
    `  warm/cold: ${(median(v.second) / median(cold)).toFixed(3)} (a second scan costs this share of the first)`,
  );
}

// The app's own path: a PowerShellMachine warmed as at start, then the click (scripts/bench/warm-click.ts).
const warm = await measureWarmClick({
  pwsh: tools.pwsh,
  modulePath: join(REPO_ROOT, 'machine', 'powershell', INTERPRETER_MODULE_FILE),
  rounds,
});
for (const text of warmClickReport(warm)) console.log(text);
