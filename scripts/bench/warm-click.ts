import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPAIRS } from '../../engine/repairs/catalogue.js';
import { scanMachine } from '../../engine/scan.js';
import { HOST_MODE_READS } from '../../engine/windows/host-mode.js';
import { isEntryPoint } from '../../hosts/cli/entry-point.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
} from '../../machine/powershell/module-hashes.js';
import { sha256Hex } from '../../machine/powershell/module-integrity.js';
import { createPowerShellMachine } from '../../machine/powershell/powershell-machine.js';
import {
  childProcessRunner,
  createNodePowerShellSession,
} from '../../machine/powershell/powershell-processes.js';
import { parseHostTarget } from '../../shared/host-name.js';
import { findPowerShellTools, REPO_ROOT, TOOL_VERSIONS } from '../powershell/tools.js';

/*
 * "Click to result when the session was warmed at start": the app's own path through the machine port (a
 * PowerShellMachine on the given pwsh, node-powershell, the module checked against its hash), over fresh
 * machines. In each round warmUp() is awaited first, as the app does once its window has painted; then the
 * timer starts and the engine's scan (one read batch, judged by every repair; no handshake, which runs beside
 * it) is the click; a second scan in the same session is the check it is compared with. A cold click (no
 * warm-up: PowerShell starts inside the timer) is measured in the same rounds, alternating which goes first.
 * Prints figures; asserts nothing. `npx tsx scripts/bench/warm-click.ts [ROUNDS]`.
 */

export interface WarmClickOptions {
  pwsh: string;
  /** The interpreter module; its SHA-256 is taken from its bytes. */
  modulePath: string;
  /** Fresh machines per variant, at least 10. */
  rounds?: number;
}

export interface WarmClickTimings {
  rounds: number;
  ops: number;
  /** Per round, ms: the warm-up (not part of the click), the click after it, a second check after that. */
  warmUp: number[];
  warmClick: number[];
  second: number[];
  /** Per round, ms: a click on a machine that was not warmed (PowerShell's start included). */
  coldClick: number[];
  medians: { warmUp: number; warmClick: number; second: number; coldClick: number };
  /** Medians: warm click / second check (target <= 2), cold click / second check. */
  warmRatio: number;
  coldRatio: number;
}

function machineOn(pwsh: string, modulePath: string) {
  return createPowerShellMachine({
    modulePath,
    moduleSha256: sha256Hex(readFileSync(modulePath)),
    launcherPath: join(REPO_ROOT, 'machine', 'powershell', ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => createNodePowerShellSession(pwsh),
    processRunner: childProcessRunner,
    powershellPath: pwsh,
    label: 'bench',
  });
}

/** One check as the engine makes it; ms. Throws when the batch did not reach the interpreter. */
async function check(machine: ReturnType<typeof machineOn>): Promise<number> {
  const target = parseHostTarget('server01.contoso.com');
  if (!target.ok) throw new Error(target.message);
  const started = performance.now();
  const outcome = await scanMachine(machine, REPAIRS, { target: target.target, now: new Date() });
  const elapsed = performance.now() - started;
  // Skipped everywhere means no session: the interpreter never answered, so there is nothing to time.
  const skipped = outcome.repairs.flatMap((r) => r.results).every((r) => !r.ok && r.error.code === 'skipped');
  if (skipped)
    throw new Error(`PowerShell did not run the batch: ${JSON.stringify(outcome.repairs[0]?.results[0])}`);
  return elapsed;
}

async function warmRound(options: WarmClickOptions, into: WarmClickTimings): Promise<void> {
  const machine = machineOn(options.pwsh, options.modulePath);
  try {
    const started = performance.now();
    await machine.warmUp?.();
    into.warmUp.push(performance.now() - started);
    into.warmClick.push(await check(machine));
    into.second.push(await check(machine));
  } finally {
    await machine.close?.();
  }
}

async function coldRound(options: WarmClickOptions, into: WarmClickTimings): Promise<void> {
  const machine = machineOn(options.pwsh, options.modulePath);
  try {
    into.coldClick.push(await check(machine));
  } finally {
    await machine.close?.();
  }
}

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function measureWarmClick(options: WarmClickOptions): Promise<WarmClickTimings> {
  const rounds = Math.max(10, options.rounds ?? 12);
  const target = parseHostTarget('server01.contoso.com');
  if (!target.ok) throw new Error(target.message);
  const timings: WarmClickTimings = {
    rounds,
    // The system facts and the host-mode reads, then every repair's: as scanMachine builds the batch.
    ops: REPAIRS.reduce(
      (n, r) => n + r.reads({ target: target.target, now: new Date() }).length,
      1 + HOST_MODE_READS.length,
    ),
    warmUp: [],
    warmClick: [],
    second: [],
    coldClick: [],
    medians: { warmUp: 0, warmClick: 0, second: 0, coldClick: 0 },
    warmRatio: 0,
    coldRatio: 0,
  };
  for (let round = 0; round < rounds; round++) {
    // Alternating the order, so neither variant always runs on the warmer disk cache.
    if (round % 2 === 0) {
      await warmRound(options, timings);
      await coldRound(options, timings);
    } else {
      await coldRound(options, timings);
      await warmRound(options, timings);
    }
  }
  const { warmUp, warmClick, second, coldClick } = timings;
  timings.medians = {
    warmUp: median(warmUp),
    warmClick: median(warmClick),
    second: median(second),
    coldClick: median(coldClick),
  };
  timings.warmRatio = timings.medians.warmClick / timings.medians.second;
  timings.coldRatio = timings.medians.coldClick / timings.medians.second;
  return timings;
}

export function warmClickReport(t: WarmClickTimings): string[] {
  const p90 = (xs: readonly number[]) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.9))] ?? 0;
  const line = (name: string, xs: readonly number[]) =>
    `  ${name.padEnd(50)} median ${median(xs).toFixed(0).padStart(5)} ms   p90 ${p90(xs).toFixed(0).padStart(5)} ms`;
  return [
    `click to result when the session was warmed at start (${t.rounds} fresh machines each, scan batch of ${t.ops} ops):`,
    line('warm-up (after the first paint; not timed as the click)', t.warmUp),
    line('click to result, session warmed at start', t.warmClick),
    line('second check, same session', t.second),
    line('click to result, no warm-up (PowerShell starts)', t.coldClick),
    `  warmed click / second check: ${t.warmRatio.toFixed(2)} (target <= 2)`,
    `  cold click / second check: ${t.coldRatio.toFixed(2)}`,
  ];
}

if (isEntryPoint(import.meta.url)) {
  const tools = findPowerShellTools();
  if (!tools.ok) {
    console.error(`warm-click bench not run: ${tools.reason}`);
    process.exit(1);
  }
  const timings = await measureWarmClick({
    pwsh: tools.pwsh,
    modulePath: join(REPO_ROOT, 'machine', 'powershell', INTERPRETER_MODULE_FILE),
    rounds: Number(process.argv[2] ?? 12),
  });
  console.log(`PowerShell ${TOOL_VERSIONS.pwsh}`);
  for (const text of warmClickReport(timings)) console.log(text);
}
