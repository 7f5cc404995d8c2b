import type { Op, OpResult } from '../../../shared/ops.js';
import type { RunOptions } from '../../port.js';
import { failAll, interrupted, parseInterpreterOutput } from '../interpreter-output.js';
import { readVerifiedFile } from '../module-integrity.js';
import { encodeBatch, encodeCommand } from '../powershell-commands.js';
import type { PowerShellMachineOptions, ProcessOutcome } from '../powershell-machine.js';
import { WINDOWS_POWERSHELL } from '../windows-powershell-path.js';
import { elevatedEnvironment, environmentRefusal } from './elevated-environment.js';
import { elevatedScript, elevationScript, UAC_DECLINED_EXIT_CODE } from './elevation-commands.js';
import { openResultPipe, type ResultPipe } from './result-pipe.js';

/*
 * One elevated batch, from the PowerShell machine's side: the launcher and the module checked against their
 * build-time hashes (before any prompt), the app's answer pipe opened, the unelevated hop started with the
 * allow-listed environment (it asks for the one UAC prompt), then what its end means: a refusal before the
 * prompt, a declined prompt, or the answer that came through the pipe. Nothing is kept between batches.
 */

/** What the elevated launch needs of the PowerShell machine's options. */
export type ElevatedLaunchOptions = Pick<
  PowerShellMachineOptions,
  | 'modulePath'
  | 'moduleSha256'
  | 'launcherPath'
  | 'launcherSha256'
  | 'processRunner'
  | 'powershellPath'
  | 'elevatedTimeoutMs'
  | 'ownerWindow'
>;

/** Base64 of the batch JSON: with the launcher, well inside Windows' 32,767-character command line. */
const MAX_ELEVATED_BATCH_BASE64 = 6 * 1024;
/** After the elevated process exits, how long its answer may still take to arrive through the pipe. */
const ANSWER_GRACE_MS = 5_000;

export async function runElevated(
  ops: readonly Op[],
  options: RunOptions,
  machine: ElevatedLaunchOptions,
): Promise<OpResult[]> {
  const launcher = await readVerifiedFile(machine.launcherPath, machine.launcherSha256);
  if (!launcher.ok) return failAll(ops, 'skipped', launcher.message);
  // Checked here too, so a swapped module is refused before any UAC prompt; the launcher checks it again.
  const module = await readVerifiedFile(machine.modulePath, machine.moduleSha256);
  if (!module.ok) return failAll(ops, 'skipped', module.message);

  const batch = encodeBatch({ ops, mode: options.mode, elevated: true });
  // The batch rides in the launch text; a machine-wide batch (closed templates) is a few hundred bytes.
  if (batch.length > MAX_ELEVATED_BATCH_BASE64) {
    return failAll(ops, 'skipped', 'The machine-wide changes are too many for one elevated batch.');
  }
  const powershell = machine.powershellPath ?? WINDOWS_POWERSHELL;
  // Nothing of this process's environment: a runtime hook in it would run before any script there.
  const env = elevatedEnvironment(powershell, process.env);
  let pipe: ResultPipe;
  try {
    pipe = await openResultPipe();
  } catch (error) {
    return failAll(
      ops,
      'skipped',
      `The channel for the elevated answer could not be opened: ${(error as Error).message}`,
    );
  }
  try {
    const launcherText = launcher.bytes.toString('utf8').replace(/^\uFEFF/, '');
    const outcome = await startElevated(machine, { powershell, env, launcherText, batch, pipe });
    if (typeof outcome === 'string') return interrupted(ops, options.mode, outcome);
    return await elevatedResults(ops, options.mode, outcome, pipe);
  } finally {
    pipe.close();
  }
}

/** Starts the elevation (one UAC prompt) and waits for it; a sentence when it could not be started. */
async function startElevated(
  machine: ElevatedLaunchOptions,
  launch: {
    powershell: string;
    env: Record<string, string>;
    launcherText: string;
    batch: string;
    pipe: ResultPipe;
  },
): Promise<ProcessOutcome | string> {
  const { powershell, env, launcherText, batch, pipe } = launch;
  const elevated = elevatedScript({
    launcherText,
    modulePath: machine.modulePath,
    moduleSha256: machine.moduleSha256.toLowerCase(),
    encodedBatch: batch,
    pipeName: pipe.name,
    nonce: pipe.nonce,
  });
  try {
    return await machine.processRunner.run(
      powershell,
      [
        '-NoProfile',
        '-NonInteractive',
        '-ExecutionPolicy',
        'Bypass',
        '-Command',
        elevationScript(powershell, encodeCommand(elevated), machine.ownerWindow?.()),
      ],
      { timeoutMs: machine.elevatedTimeoutMs ?? 600_000, env },
    );
  } catch (error) {
    return `The elevated PowerShell could not be started or did not finish: ${(error as Error).message}`;
  }
}

/** What the elevation's end means: a refusal before the prompt, a declined prompt, or the pipe's answer. */
async function elevatedResults(
  ops: readonly Op[],
  mode: RunOptions['mode'],
  outcome: ProcessOutcome,
  pipe: ResultPipe,
): Promise<OpResult[]> {
  const refusal = environmentRefusal(outcome.stdout);
  if (refusal !== undefined) return failAll(ops, 'skipped', refusal);
  if (outcome.exitCode === UAC_DECLINED_EXIT_CODE) {
    return failAll(
      ops,
      'permission-not-granted',
      'Administrator permission was not granted, so nothing that needs it was changed.',
    );
  }
  // The process has ended: its answer is in the pipe already, or was never sent.
  const answer = await pipe.answer(ANSWER_GRACE_MS);
  if (answer.kind === 'answer') return parseInterpreterOutput(answer.text, ops);
  // "failed" (state unknown), never "skipped": the engine then reads the machine back rather than take a
  // missing answer, or one of two (one not the elevated side's, and nothing says which), as "nothing ran".
  return interrupted(
    ops,
    mode,
    answer.kind === 'conflict'
      ? 'Two different answers came back for the elevated PowerShell, so neither can be trusted.'
      : `The elevated PowerShell ended (exit code ${outcome.exitCode ?? 'none'}) without sending its results.`,
  );
}
