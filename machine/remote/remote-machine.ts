import type { Op, OpResult } from '../../shared/ops.js';
import type { MachinePort, RunOptions } from '../port.js';
import { failAll, parseInterpreterOutput } from '../powershell/interpreter-output.js';
import { readVerifiedFile } from '../powershell/module-integrity.js';
import { encodeBatch } from '../powershell/powershell-commands.js';
import type { PowerShellSession, SessionAnswer } from '../powershell/powershell-machine.js';
import { SessionKeeper } from '../powershell/session-keeper.js';
import {
  CLOSE_COMMAND,
  markerMessage,
  openCommand,
  REMOTE_BROKEN,
  REMOTE_HASH_MISMATCH,
  REMOTE_LANGUAGE,
  REMOTE_NOT_ADMIN,
  REMOTE_OPEN_FAILED,
  REMOTE_READY,
  remoteBatchCommand,
} from './remote-commands.js';
import { type RemoteTarget, remoteComputer } from './remote-target.js';

/*
 * The third machine port: the same interpreter, run on another computer through a PSSession that this PC's
 * PowerShell opens (SSH or WinRM). This PC's PowerShell is only the remoting client; the interpreter, its
 * allow-list and its refusals run there. One session is kept for the whole command (SessionKeeper).
 */

export interface RemoteMachineOptions {
  target: RemoteTarget;
  modulePath: string;
  moduleSha256: string;
  /** This PC's PowerShell (pwsh 7 for SSH; Windows PowerShell or pwsh for WinRM). */
  createSession: () => PowerShellSession;
  /**
   * After New-PSSession failed: the one sentence saying why (closed port, key refused, unknown host key),
   * or undefined to show PowerShell's own reason.
   */
  diagnose?: (target: RemoteTarget) => Promise<string | undefined>;
  /** Longest wait for opening the session and loading the module there. */
  startTimeoutMs?: number;
  /** Longest wait for one batch. */
  timeoutMs?: number;
  /** Tests only: a folder the remote interpreter uses instead of Documents (Invoke-RdpRepairBatch -DocumentsFolder). */
  testDocumentsFolder?: string;
}

type Outcome =
  | { kind: 'done'; answer: SessionAnswer }
  | { kind: 'timeout' }
  | { kind: 'crashed'; message: string };

function invokeBounded(session: PowerShellSession, command: string, timeoutMs: number): Promise<Outcome> {
  return new Promise<Outcome>((resolve) => {
    const timer = setTimeout(() => resolve({ kind: 'timeout' }), timeoutMs);
    session.invoke(command).then(
      (answer) => {
        clearTimeout(timer);
        resolve({ kind: 'done', answer });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ kind: 'crashed', message: (error as Error)?.message ?? String(error) });
      },
    );
  });
}

/** What may have run when the connection is lost mid-batch: a write batch's changes are unknown, so `failed`. */
function interrupted(ops: readonly Op[], mode: RunOptions['mode'], message: string): OpResult[] {
  return failAll(ops, mode === 'write' ? 'failed' : 'cancelled', message);
}

/** The session as the keeper sees it: ending it first ends the PSSession on the remote computer (bounded). */
function withRemoteClose(session: PowerShellSession): PowerShellSession {
  return {
    invoke: (command) => session.invoke(command),
    ...(session.exited ? { exited: session.exited } : {}),
    dispose: async () => {
      await invokeBounded(session, CLOSE_COMMAND, 5_000);
      await session.dispose();
    },
  };
}

class RemoteMachine implements MachinePort {
  readonly kind = 'powershell' as const;
  readonly label: string;
  readonly remote: { via: 'ssh' | 'winrm'; computer: string };
  private readonly sessions = new SessionKeeper(() => this.startSession());
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: RemoteMachineOptions) {
    const computer = remoteComputer(options.target);
    this.remote = { via: options.target.via, computer };
    this.label = `${computer} over PowerShell remoting (${options.target.via === 'ssh' ? 'SSH' : 'WinRM'})`;
  }

  async warmUp(): Promise<void> {
    await this.sessions.open('warm-up');
  }

  /**
   * Opens the session now and says in one sentence why it could not be opened (closed port, key refused,
   * unknown host key, a refused module), or undefined when the interpreter is ready there. The command line
   * asks this first, so a failure to connect is its own answer rather than a checklist of unknowns.
   */
  async connect(): Promise<string | undefined> {
    const session = await this.sessions.open('batch');
    return typeof session === 'string' ? session : undefined;
  }

  async close(): Promise<void> {
    await this.sessions.close();
  }

  run(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    const next = this.queue.then(() => this.runNow(ops, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runNow(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    let results: OpResult[];
    if (ops.length === 0) results = [];
    else if (options.signal?.aborted) results = failAll(ops, 'cancelled', 'Cancelled before it started.');
    else results = await this.runInSession(ops, options);
    results.forEach((result, index) => {
      options.onOpDone?.(index, result);
    });
    return results;
  }

  private get computer(): string {
    return this.remote.computer;
  }

  /** This PC's PowerShell with the PSSession open and the interpreter loaded there, or why not. */
  private async startSession(): Promise<PowerShellSession | string> {
    const module = await readVerifiedFile(this.options.modulePath, this.options.moduleSha256);
    if (!module.ok) return module.message;
    let session: PowerShellSession;
    try {
      session = this.options.createSession();
    } catch (error) {
      return `PowerShell could not be started on this computer: ${(error as Error).message}`;
    }
    const command = openCommand(this.options.target, module.bytes, this.options.moduleSha256.toLowerCase());
    const outcome = await invokeBounded(session, command, this.options.startTimeoutMs ?? 60_000);
    const refusal = await this.openRefusal(outcome);
    if (refusal === null) return withRemoteClose(session);
    // Ending this PC's PowerShell ends its ssh client too; a PSSession half open on the remote side then ends.
    await session.dispose().catch(() => undefined);
    return refusal;
  }

  /** Null when the interpreter is ready on the remote computer, else the one sentence to show. */
  private async openRefusal(outcome: Outcome): Promise<string | null> {
    if (outcome.kind === 'timeout') {
      return `${this.computer} did not answer PowerShell remoting within ${Math.round((this.options.startTimeoutMs ?? 60_000) / 1000)} s.`;
    }
    if (outcome.kind === 'crashed')
      return `PowerShell on this computer ended unexpectedly: ${outcome.message}`;
    const { stdout } = outcome.answer;
    if (stdout.includes(REMOTE_READY)) return null;
    const openFailed = markerMessage(stdout, REMOTE_OPEN_FAILED);
    if (openFailed !== undefined) {
      const sentence = await this.options.diagnose?.(this.options.target).catch(() => undefined);
      return sentence ?? `PowerShell remoting to ${this.computer} could not be opened: ${openFailed}`;
    }
    const mode = stdout.split(REMOTE_LANGUAGE)[1]?.trim().split(/\s/)[0];
    if (mode) {
      return `PowerShell on ${this.computer} runs in ${mode} mode, so RDP Repair's interpreter cannot run there; ask whoever manages that computer.`;
    }
    const actual = stdout.split(REMOTE_HASH_MISMATCH)[1]?.trim().split(/\s/)[0];
    if (actual) {
      return `The interpreter arrived on ${this.computer} with SHA-256 ${actual}, not the one this PC sent; nothing was run.`;
    }
    const broken = markerMessage(stdout, REMOTE_BROKEN);
    return `The PowerShell session on ${this.computer} ended while RDP Repair's interpreter was loading${broken ? `: ${broken}` : '.'}`;
  }

  private async runInSession(ops: readonly Op[], options: RunOptions): Promise<OpResult[]> {
    if (!this.sessions.ready) options.onStage?.('starting');
    const session = await this.sessions.open('batch');
    // Nothing ran: `skipped`, so a write batch is neither rolled back nor retried as if it may have run.
    if (typeof session === 'string') return failAll(ops, 'skipped', session);
    options.onStage?.('running');
    const batch = encodeBatch({ ops, mode: options.mode, elevated: options.elevated === true });
    const command = remoteBatchCommand(batch, options.elevated === true, this.options.testDocumentsFolder);
    const outcome = await invokeBounded(session, command, this.options.timeoutMs ?? 120_000);
    if (outcome.kind === 'done' && outcome.answer.stdout.includes(REMOTE_NOT_ADMIN)) {
      this.sessions.answered(session);
      return failAll(
        ops,
        'permission-not-granted',
        `The account used on ${this.computer} has no administrator rights there, so nothing machine-wide was changed.`,
      );
    }
    const broken = outcome.kind === 'done' ? markerMessage(outcome.answer.stdout, REMOTE_BROKEN) : undefined;
    if (outcome.kind === 'done' && broken === undefined) {
      this.sessions.answered(session);
      return parseInterpreterOutput(outcome.answer.stdout, ops);
    }
    await this.sessions.discard(session);
    return interrupted(ops, options.mode, this.lostSentence(outcome, options.mode));
  }

  private lostSentence(outcome: Outcome, mode: RunOptions['mode']): string {
    const what =
      mode === 'write'
        ? 'some of these changes may have been made there; roll them back with rdp-repair recover and the same --remote'
        : 'nothing was changed';
    if (outcome.kind === 'timeout') {
      return `${this.computer} did not answer within ${Math.round((this.options.timeoutMs ?? 120_000) / 1000)} s, so the session was closed: ${what}.`;
    }
    return `The connection to ${this.computer} was lost during the batch: ${what}.`;
  }
}

/** The machine port on another computer, through PowerShell remoting from this PC. */
export function createRemoteMachine(options: RemoteMachineOptions): MachinePort & {
  readonly remote: { via: 'ssh' | 'winrm'; computer: string };
  connect(): Promise<string | undefined>;
} {
  return new RemoteMachine(options);
}
