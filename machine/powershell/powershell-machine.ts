import type { Op, OpResult } from '../../shared/ops.js';
import type { MachinePort, RunOptions } from '../port.js';
import { elevatedEnvironment, environmentRefusal } from './elevated-environment.js';
import { failAll, parseInterpreterOutput } from './interpreter-output.js';
import { readVerifiedFile } from './module-integrity.js';
import {
  batchCommand,
  elevatedScript,
  elevationScript,
  encodeBatch,
  encodeCommand,
  SESSION_LANGUAGE_MODE,
  SESSION_READY,
  sessionSetupCommand,
  UAC_DECLINED_EXIT_CODE,
} from './powershell-commands.js';
import { openResultPipe, type ResultPipe } from './result-pipe.js';
import { SessionKeeper, type StartPurpose } from './session-keeper.js';
import { warmUpReads } from './warm-up-reads.js';
import { WINDOWS_POWERSHELL } from './windows-powershell-path.js';

/** What one command wrote. The interpreter's document is on stdout; stderr is kept for the reason of a failure. */
export interface SessionAnswer {
  stdout: string;
  stderr: string;
}

/** One long-lived PowerShell process (node-powershell in the app, a fake in tests). */
export interface PowerShellSession {
  /** Runs one command (one line) and resolves with what it wrote. */
  invoke(command: string): Promise<SessionAnswer>;
  dispose(): Promise<void>;
  /** Settles when the process has ended, whoever ended it (it then answers nothing more). */
  readonly exited?: Promise<unknown>;
}

export interface ProcessOutcome {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

export interface RunProcessOptions {
  timeoutMs: number;
  /** The whole environment of the new process; without it, this process's own. */
  env?: NodeJS.ProcessEnv;
}

/** Starts a process and waits for it (child_process in the app, a fake in tests). */
export interface ProcessRunner {
  run(file: string, args: readonly string[], options: RunProcessOptions): Promise<ProcessOutcome>;
}

export interface PowerShellMachineOptions {
  /** The interpreter module on disk (in the app: resources/powershell/RdpRepair.Interpreter.psm1). */
  modulePath: string;
  /** Its SHA-256 fixed at build time (module-hashes.ts). */
  moduleSha256: string;
  launcherPath: string;
  launcherSha256: string;
  createSession: () => PowerShellSession;
  processRunner: ProcessRunner;
  /** Windows PowerShell 5.1 by absolute path, so nothing on PATH can stand in for it. */
  powershellPath?: string;
  label?: string;
  /** Longest wait for one unelevated batch before the session is recycled. */
  timeoutMs?: number;
  /**
   * Longest wait for PowerShell to load the module and answer the warm-up's reads. Apart from `timeoutMs`: a
   * cold or busy PC can take long to start PowerShell, and a slow start is not a hung batch.
   */
  startTimeoutMs?: number;
  /** Longest wait for the elevated batch, UAC prompt included. */
  elevatedTimeoutMs?: number;
  /**
   * The window the UAC prompt belongs to (the app window's HWND as decimal digits), asked at each elevation: a
   * prompt without an owner may only flash in the taskbar (powershell-commands.ts, elevationScript).
   */
  ownerWindow?: () => string | undefined;
}

/** Base64 of the batch JSON: with the launcher, well inside Windows' 32,767-character command line. */
const MAX_ELEVATED_BATCH_BASE64 = 6 * 1024;
/** After the elevated process exits, how long its answer may still take to arrive through the pipe. */
const ANSWER_GRACE_MS = 5_000;

type Outcome =
  | { kind: 'done'; answer: SessionAnswer }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'crashed'; message: string };

function restrictedLanguageSentence(mode: string): string {
  return `PowerShell runs in ${mode} mode on this computer (set by AppLocker or Windows Defender Application Control), so RDP Repair cannot check or change anything here; ask whoever manages this computer.`;
}

function interrupted(ops: readonly Op[], mode: RunOptions['mode'], message: string): OpResult[] {
  // A write batch stopped mid-way may have applied some changes: "failed" (state unknown) lets the caller undo
  // them all, since every inverse is idempotent. A read batch changed nothing.
  return failAll(ops, mode === 'write' ? 'failed' : 'cancelled', message);
}

class PowerShellMachine implements MachinePort {
  readonly kind = 'powershell' as const;
  readonly label: string;
  private readonly sessions = new SessionKeeper((purpose) => this.startSession(purpose));
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: PowerShellMachineOptions) {
    this.label = options.label ?? 'This computer (Windows PowerShell)';
  }

  /** Starts the session (and its small read) now; a check made meanwhile joins this start. */
  async warmUp(): Promise<void> {
    await this.sessions.open('warm-up');
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }

  run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    // One batch at a time per session; a second caller waits its turn.
    const next = this.queue.then(() => this.runNow(ops, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    let results: OpResult[];
    if (ops.length === 0) results = [];
    else if (options.signal?.aborted) results = failAll(ops, 'cancelled', 'Cancelled before it started.');
    else if (options.elevated) results = await this.runElevated(ops, options);
    else results = await this.runInSession(ops, options);
    results.forEach((result, index) => {
      options.onOpDone?.(index, result);
    });
    return results;
  }

  /** One new session with the interpreter loaded (and, for a warm-up, its small read run), or why not. */
  private async startSession(purpose: StartPurpose): Promise<PowerShellSession | string> {
    const module = await readVerifiedFile(this.options.modulePath, this.options.moduleSha256);
    if (!module.ok) return module.message;
    let session: PowerShellSession;
    try {
      session = this.options.createSession();
    } catch (error) {
      return `PowerShell could not be started: ${(error as Error).message}`;
    }
    // In ConstrainedLanguage node-powershell's own framing ([Console]::Out.WriteLine) fails and the session
    // never answers, so the mode is asked of a separate one-shot PowerShell at the same time.
    const setup = this.loadModule(session, module.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    const mode = this.languageMode();
    const first = await Promise.race([
      setup.then((refusal) => ({ kind: 'setup' as const, refusal })),
      mode.then((languageMode) => ({ kind: 'mode' as const, languageMode })),
    ]);
    let refusal: string | null;
    if (first.kind === 'mode' && first.languageMode !== undefined && first.languageMode !== 'FullLanguage') {
      refusal = restrictedLanguageSentence(first.languageMode);
    } else {
      refusal = first.kind === 'setup' ? first.refusal : await setup;
    }
    if (refusal === null && purpose === 'warm-up') refusal = await this.warmUpRead(session);
    if (refusal !== null) {
      await session.dispose().catch(() => undefined);
      return refusal;
    }
    return session;
  }

  /**
   * Null once the warm-up's reads were answered (whatever they found: the results are dropped), else why the
   * session cannot be used: it died or hung on them.
   */
  private async warmUpRead(session: PowerShellSession): Promise<string | null> {
    const reads = batchCommand(encodeBatch({ ops: warmUpReads(new Date()), mode: 'read', elevated: false }));
    const outcome = await this.invokeBounded(session, reads, this.startTimeoutMs);
    if (outcome.kind === 'done') return null;
    if (outcome.kind === 'timeout') {
      return `PowerShell did not answer within ${Math.round(this.startTimeoutMs / 1000)} s after loading RDP Repair's interpreter.`;
    }
    return `PowerShell could not be started: ${outcome.kind === 'crashed' ? outcome.message : 'cancelled'}`;
  }

  /** The language mode a new PowerShell starts in here, or undefined when that could not be learnt. */
  private async languageMode(): Promise<string | undefined> {
    try {
      const outcome = await this.options.processRunner.run(
        this.options.powershellPath ?? WINDOWS_POWERSHELL,
        ['-NoProfile', '-NonInteractive', '-Command', '$ExecutionContext.SessionState.LanguageMode'],
        { timeoutMs: this.timeoutMs },
      );
      return /\b(FullLanguage|ConstrainedLanguage|RestrictedLanguage|NoLanguage)\b/.exec(outcome.stdout)?.[1];
    } catch {
      return undefined;
    }
  }

  /** Null when the module is loaded, else the sentence to show (with PowerShell's own reason when it gave one). */
  private async loadModule(session: PowerShellSession, moduleText: string): Promise<string | null> {
    const outcome = await this.invokeBounded(session, sessionSetupCommand(moduleText), this.startTimeoutMs);
    if (outcome.kind === 'timeout') {
      return `PowerShell did not answer within ${Math.round(this.startTimeoutMs / 1000)} s while loading RDP Repair's interpreter.`;
    }
    if (outcome.kind !== 'done') {
      return `PowerShell could not be started: ${outcome.kind === 'crashed' ? outcome.message : 'cancelled'}`;
    }
    const { stdout, stderr } = outcome.answer;
    if (stdout.includes(SESSION_READY)) return null;
    const mode = stdout.split(SESSION_LANGUAGE_MODE)[1]?.trim().split(/\s/)[0];
    if (mode) return restrictedLanguageSentence(mode);
    const reason = (stderr || stdout).replace(/\s+/g, ' ').trim().slice(0, 400);
    return `PowerShell refused to load RDP Repair's interpreter${reason ? `: ${reason}` : '.'}`;
  }

  private async runInSession(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    // Only while it really waits for a start: its own, the warm-up's, or a restart under way.
    if (!this.sessions.ready) options.onStage?.('starting');
    const session = await this.sessions.open('batch');
    // Nothing ran: `skipped`, so a write batch is neither rolled back nor retried as if it may have run.
    if (typeof session === 'string') return failAll(ops, 'skipped', session);
    if (options.signal?.aborted) return failAll(ops, 'cancelled', 'Cancelled before it started.');
    options.onStage?.('running');
    const command = batchCommand(encodeBatch({ ops, mode: options.mode, elevated: false }));
    const outcome = await this.invokeBounded(session, command, this.timeoutMs, options.signal);
    switch (outcome.kind) {
      case 'done':
        this.sessions.answered(session);
        return parseInterpreterOutput(outcome.answer.stdout, ops);
      case 'timeout':
        await this.sessions.discard(session);
        return interrupted(
          ops,
          options.mode,
          `PowerShell did not answer within ${Math.round(this.timeoutMs / 1000)} s; it was restarted.`,
        );
      case 'aborted':
        await this.sessions.discard(session);
        return interrupted(ops, options.mode, 'Cancelled while PowerShell was running the batch.');
      case 'crashed':
        await this.sessions.discard(session);
        return interrupted(
          ops,
          options.mode,
          `The PowerShell session ended unexpectedly: ${outcome.message}`,
        );
    }
  }

  private get timeoutMs(): number {
    return this.options.timeoutMs ?? 120_000;
  }

  private get startTimeoutMs(): number {
    return this.options.startTimeoutMs ?? 120_000;
  }

  private invokeBounded(
    session: PowerShellSession,
    command: string,
    timeoutMs: number,
    signal?: AbortSignal,
  ): Promise<Outcome> {
    return new Promise<Outcome>((resolve) => {
      const timer = setTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
      const onAbort = () => finish({ kind: 'aborted' });
      function finish(outcome: Outcome) {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        resolve(outcome);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
      session.invoke(command).then(
        (answer) => finish({ kind: 'done', answer }),
        (error: unknown) => finish({ kind: 'crashed', message: (error as Error)?.message ?? String(error) }),
      );
    });
  }

  private async runElevated(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    const launcher = await readVerifiedFile(this.options.launcherPath, this.options.launcherSha256);
    if (!launcher.ok) return failAll(ops, 'skipped', launcher.message);
    // Checked here too, so a swapped module is refused before any UAC prompt; the launcher checks it again.
    const module = await readVerifiedFile(this.options.modulePath, this.options.moduleSha256);
    if (!module.ok) return failAll(ops, 'skipped', module.message);

    const batch = encodeBatch({ ops, mode: options.mode, elevated: true });
    // The batch rides in the launch text; a machine-wide batch (closed templates) is a few hundred bytes.
    if (batch.length > MAX_ELEVATED_BATCH_BASE64) {
      return failAll(ops, 'skipped', 'The machine-wide changes are too many for one elevated batch.');
    }
    const powershell = this.options.powershellPath ?? WINDOWS_POWERSHELL;
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
      const outcome = await this.startElevated({ powershell, env, launcherText, batch, pipe });
      if (typeof outcome === 'string') return interrupted(ops, options.mode, outcome);
      return await this.elevatedResults(ops, options.mode, outcome, pipe);
    } finally {
      pipe.close();
    }
  }

  /** Starts the elevation (one UAC prompt) and waits for it; a sentence when it could not be started. */
  private async startElevated(launch: {
    powershell: string;
    env: Record<string, string>;
    launcherText: string;
    batch: string;
    pipe: ResultPipe;
  }): Promise<ProcessOutcome | string> {
    const { powershell, env, launcherText, batch, pipe } = launch;
    const elevated = elevatedScript({
      launcherText,
      modulePath: this.options.modulePath,
      moduleSha256: this.options.moduleSha256.toLowerCase(),
      encodedBatch: batch,
      pipeName: pipe.name,
      nonce: pipe.nonce,
    });
    try {
      return await this.options.processRunner.run(
        powershell,
        [
          '-NoProfile',
          '-NonInteractive',
          '-ExecutionPolicy',
          'Bypass',
          '-Command',
          elevationScript(powershell, encodeCommand(elevated), this.options.ownerWindow?.()),
        ],
        { timeoutMs: this.options.elevatedTimeoutMs ?? 600_000, env },
      );
    } catch (error) {
      return `The elevated PowerShell could not be started or did not finish: ${(error as Error).message}`;
    }
  }

  /** What the elevation's end means: a refusal before the prompt, a declined prompt, or the pipe's answer. */
  private async elevatedResults(
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
}

/** The machine port on real Windows: the interpreter module run by PowerShell. */
export function createPowerShellMachine(options: PowerShellMachineOptions): MachinePort {
  return new PowerShellMachine(options);
}
