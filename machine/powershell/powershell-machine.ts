import type { Op, OpResult } from '../../shared/ops.js';
import type { MachinePort, RunOptions } from '../port.js';
import { runElevated } from './elevated/run-elevated.js';
import { failAll, interrupted, parseInterpreterOutput } from './interpreter-output.js';
import { readVerifiedFile } from './module-integrity.js';
import {
  batchCommand,
  encodeBatch,
  SESSION_LANGUAGE_MODE,
  SESSION_READY,
  sessionSetupCommand,
} from './powershell-commands.js';
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
   * prompt without an owner may only flash in the taskbar (elevated/elevation-commands.ts, elevationScript).
   */
  ownerWindow?: () => string | undefined;
}

type Outcome =
  | { kind: 'done'; answer: SessionAnswer }
  | { kind: 'timeout' }
  | { kind: 'aborted' }
  | { kind: 'crashed'; message: string };

function restrictedLanguageSentence(mode: string): string {
  return `PowerShell runs in ${mode} mode on this computer (set by AppLocker or Windows Defender Application Control), so RDP Repair cannot check or change anything here; ask whoever manages this computer.`;
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
    else if (options.elevated) results = await runElevated(ops, options, this.options);
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
}

/** The machine port on real Windows: the interpreter module run by PowerShell. */
export function createPowerShellMachine(options: PowerShellMachineOptions): MachinePort {
  return new PowerShellMachine(options);
}
