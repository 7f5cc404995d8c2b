import { join } from 'node:path';
import { type CountingPort, countingPort } from '../machine/counting-port.js';
import type { MachinePort } from '../machine/port.js';
import { DEFAULT_PROBE_DEADLINE_MS, type NetworkPort } from '../network/port.js';
import type { RepairId } from '../shared/findings.js';
import { formatHostTarget, parseHostTarget } from '../shared/host-name.js';
import type {
  ApplyProgress,
  ApplyReport,
  ConnectionTest,
  RunStats,
  RunSummary,
  ScanReport,
  UndoReport,
} from '../shared/ipc.js';
import type { ScanProgress } from '../shared/scan-progress.js';
import { applyChanges } from './apply.js';
import { acquireApplyLock } from './apply-lock.js';
import { type ChangePreview, NO_PREVIEW } from './change-view.js';
import { EngineError } from './engine-error.js';
import { answerQuestion, INCOMING_HOST, incomingRepairs, type Question } from './incoming-question.js';
import type { JournalRun } from './journal/journal-entry.js';
import { type CorruptJournal, JournalStore } from './journal/journal-store.js';
import { leftOutText, type Plan, type PlanSelection, planChanges } from './plan.js';
import { isUnfinished, markRunActive, recoverRun, unfinishedRuns } from './recover.js';
import type { Repair, RepairContext } from './repair.js';
import { REPAIRS } from './repairs/catalogue.js';
import { newRunId } from './run-id.js';
import { toRunSummary } from './run-summary.js';
import { type HandshakeSource, type ScanOutcome, scanMachine } from './scan.js';
import { toScanReport } from './scan-report.js';
import { undoableChanges, undoRun } from './undo.js';
import { fixableProblems, nextSteps } from './verify.js';

export interface EngineOptions {
  machine: MachinePort;
  /** The handshake with the remote computer, beside every scan; none: the handshake check is not-applicable. */
  network?: NetworkPort;
  /** The one deadline of that handshake (default 5 s). */
  probeDeadlineMs?: number;
  /** Where the journal lives (and the apply lock, unless lockFile names the machine's own). */
  dataDir: string;
  /**
   * The machine's apply lock: one per machine, whatever data folder a run uses (a file beside a simulated
   * machine's file, %ProgramData%\RDP Repair\apply.lock on Windows). Default: apply.lock in dataDir.
   */
  lockFile?: string;
  repairs?: readonly Repair[];
  now?: () => Date;
  /**
   * The script each planned change stands for (`ChangeView.powershellPreview`): every host passes the
   * PowerShell one from its World. Default: no preview (the engine imports no interpreter).
   */
  preview?: ChangePreview;
}

export interface ApplyRequest extends PlanSelection {
  host: string;
  /** Which question the fix answers (engine/incoming-question.ts); default outgoing. */
  question?: Question;
  restorePoint: boolean;
  /** Chosen by the caller so it can cancel the run by id before the first progress event. */
  runId?: string;
  signal?: AbortSignal;
  onProgress?: (progress: ApplyProgress) => void;
}

export interface ScanResult {
  outcome: ScanOutcome;
  report: ScanReport;
}

export interface DryRun {
  report: ScanReport;
  plan: Plan;
}

/** What one question checks (RepairEngine.question). */
interface Asked {
  context: RepairContext;
  repairs: readonly Repair[];
  /** Whether a handshake with the target belongs to the question (not for this PC itself). */
  probe: boolean;
}

/** The changes a plan left out, as results of the run. */
function skippedResults(plan: Plan): ApplyReport['changes'] {
  return plan.skipped.map((s) => ({ changeId: s.change.id, state: 'skipped' as const, message: s.reason }));
}

/** scan → plan → apply → verify → undo → recover over one machine port, with the journal in `dataDir`. */
export class RepairEngine {
  readonly machine: MachinePort;
  readonly dataDir: string;
  private readonly lockFile: string;
  readonly repairs: readonly Repair[];
  readonly journal: JournalStore;
  readonly network: NetworkPort | undefined;
  readonly probeDeadlineMs: number;
  private readonly now: () => Date;
  private readonly preview: ChangePreview;

  constructor(options: EngineOptions) {
    this.machine = options.machine;
    this.dataDir = options.dataDir;
    this.lockFile = options.lockFile ?? join(options.dataDir, 'apply.lock');
    this.repairs = options.repairs ?? REPAIRS;
    this.journal = new JournalStore(options.dataDir);
    this.now = options.now ?? (() => new Date());
    this.network = options.network;
    this.probeDeadlineMs = options.probeDeadlineMs ?? DEFAULT_PROBE_DEADLINE_MS;
    this.preview = options.preview ?? NO_PREVIEW;
  }

  /** The handshake for this scan's target, started when the batch is sent. */
  private handshake(context: RepairContext, signal?: AbortSignal): HandshakeSource | undefined {
    const network = this.network;
    if (!network) return undefined;
    const target = { host: context.target.host, port: context.target.port ?? 3389 };
    return () =>
      network.probeHandshake(target, { deadlineMs: this.probeDeadlineMs, ...(signal ? { signal } : {}) });
  }

  context(host: string): RepairContext {
    const parsed = parseHostTarget(host);
    if (!parsed.ok) throw new EngineError('invalid-input', parsed.message);
    return { target: parsed.target, now: this.now() };
  }

  private repairsFor(only: readonly RepairId[] | undefined): readonly Repair[] {
    return only?.length ? this.repairs.filter((r) => only.includes(r.id)) : this.repairs;
  }

  /**
   * What a question checks: the outgoing one, the computer named with the repairs named (all by default) and the
   * handshake; the incoming one, this PC itself with the host-mode repairs and no other computer to talk to.
   */
  private question(host: string, only: readonly RepairId[] | undefined, question: Question): Asked {
    if (question === 'outgoing') {
      return { context: this.context(host), repairs: this.repairsFor(only), probe: true };
    }
    return {
      context: this.context(INCOMING_HOST),
      repairs: this.repairsFor(incomingRepairs(only)),
      probe: false,
    };
  }

  /** ONE read batch for every repair (or only those named), answering the question asked. */
  async scan(
    host: string,
    only?: readonly RepairId[],
    onProgress?: (progress: ScanProgress) => void,
    question: Question = 'outgoing',
  ): Promise<ScanResult> {
    const { context, repairs, probe } = this.question(host, only, question);
    const port = countingPort(this.machine);
    const outcome = await scanMachine(port, repairs, context, {
      handshake: probe ? this.handshake(context) : undefined,
      ...(onProgress ? { onProgress } : {}),
    });
    const answered = answerQuestion(question, outcome, this.machine.remote?.computer);
    return { outcome: answered, report: toScanReport(answered, port.stats(), this.preview, question) };
  }

  /** What `apply` would change, without changing anything. */
  async dryRun(request: Omit<ApplyRequest, 'restorePoint'>): Promise<DryRun> {
    const { outcome, report } = await this.scan(request.host, request.only, undefined, request.question);
    return { report, plan: planChanges(outcome, request) };
  }

  async apply(request: ApplyRequest): Promise<ApplyReport> {
    const asked = this.question(request.host, request.only, request.question ?? 'outgoing');
    const lock = await acquireApplyLock(this.lockFile);
    try {
      this.refuseAfterDamagedJournal('make new changes over it');
      await this.refuseWhileUnfinished();
      return await this.applyLocked(asked, request);
    } finally {
      lock.release();
    }
  }

  private async applyLocked(asked: Asked, request: ApplyRequest): Promise<ApplyReport> {
    const { context, repairs } = asked;
    const question = request.question ?? 'outgoing';
    const port = countingPort(this.machine);
    const scanned = await scanMachine(port, repairs, context, {
      ...(request.signal ? { signal: request.signal } : {}),
      handshake: asked.probe ? this.handshake(context, request.signal) : undefined,
    });
    const scan = answerQuestion(question, scanned, this.machine.remote?.computer);
    const plan = planChanges(scan, request);
    if (plan.changes.length === 0) return this.nothingToDo(scan, plan, port, question);
    const runId = request.runId ?? newRunId(this.now());
    const applied = await this.applyPlan(port, context, request, runId, plan);
    const skipped = skippedResults(plan);
    const done = applied.changes.filter((c) => c.state === 'done').length;
    const progress = (phase: ApplyProgress['phase']): void =>
      request.onProgress?.({ runId, completed: done, total: plan.changes.length, phase });
    progress('verify');
    const { verification, stats } = await this.verify(port, asked, question);
    progress('finished');
    const left = fixableProblems(verification);
    const leftNote =
      applied.outcome === 'done' && left.length > 0
        ? ` ${left.length} problem(s) are still there after the check: ${left.map((f) => f.repairId).join(', ')}.`
        : '';
    const skippedNote = skipped.length > 0 ? ` ${leftOutText(plan.skipped)}` : '';
    return {
      runId,
      outcome: applied.outcome,
      message: `${applied.message}${leftNote}${skippedNote}`,
      changes: [...applied.changes, ...skipped],
      ...(applied.restorePoint ? { restorePoint: applied.restorePoint } : {}),
      verification: toScanReport(verification, stats, this.preview, question),
      nextSteps: nextSteps(verification, applied.outcome === 'done', {
        question,
        computer: this.machine.remote?.computer,
      }),
      stats: port.stats(),
    };
  }

  /** The plan changes nothing: say why (every item fine, or what was left out), and show the scan. */
  private nothingToDo(scan: ScanOutcome, plan: Plan, port: CountingPort, question: Question): ApplyReport {
    const skipped = skippedResults(plan);
    const message =
      skipped.length > 0
        ? `Nothing was changed. ${leftOutText(plan.skipped)}`
        : 'Nothing to change: every item that this app can fix is already fine.';
    return {
      runId: null,
      outcome: 'nothing-to-do',
      message,
      changes: skipped,
      verification: toScanReport(scan, port.stats(), this.preview, question),
      nextSteps: nextSteps(scan, false, { question, computer: this.machine.remote?.computer }),
      stats: port.stats(),
    };
  }

  /** The plan's changes through the gate, the journal and the batches, marked active while they run. */
  private async applyPlan(
    port: CountingPort,
    context: RepairContext,
    request: ApplyRequest,
    runId: string,
    plan: Plan,
  ): Promise<Awaited<ReturnType<typeof applyChanges>>> {
    markRunActive(runId, true);
    try {
      return await applyChanges(port, this.journal, this.now, {
        runId,
        host: formatHostTarget(context.target),
        changes: plan.changes,
        restorePoint: request.restorePoint,
        ...(request.signal ? { signal: request.signal } : {}),
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
      });
    } finally {
      markRunActive(runId, false);
    }
  }

  /** The check after a fix, at the time it runs, and what it alone cost. */
  private async verify(
    port: CountingPort,
    asked: Asked,
    question: Question,
  ): Promise<{ verification: ScanOutcome; stats: RunStats }> {
    const verifyContext = { ...asked.context, now: this.now() };
    const statsBefore = port.stats();
    const verification = await scanMachine(port, asked.repairs, verifyContext, {
      handshake: asked.probe ? this.handshake(verifyContext) : undefined,
    });
    const statsAfter = port.stats();
    return {
      verification: answerQuestion(question, verification, this.machine.remote?.computer),
      stats: {
        opsExecuted: statsAfter.opsExecuted - statsBefore.opsExecuted,
        roundTrips: statsAfter.roundTrips - statsBefore.roundTrips,
      },
    };
  }

  /** A damaged newest journal stops fix and undo-without-an-id: one sentence that names the file. */
  private refuseAfterDamagedJournal(what: string): void {
    const damaged = this.journal.damagedNewest();
    if (damaged) {
      throw new EngineError(
        'busy',
        `The newest journal (${damaged.file}) is damaged, so RDP Repair cannot tell what that run changed and will not ${what}; keep the file for help, or move it away if you are sure nothing of that run is in place.`,
      );
    }
  }

  private async refuseWhileUnfinished(): Promise<void> {
    const [unfinished] = await unfinishedRuns(this.journal.list().runs, 1);
    if (unfinished) {
      throw new EngineError(
        'busy',
        `An earlier run (${unfinished.runId}) did not finish; roll it back first (in the app: Roll back; on the command line: rdp-repair recover).`,
      );
    }
  }

  private runOrThrow(runId: string): JournalRun {
    const run = this.journal.read(runId);
    if (!run) throw new EngineError('not-found', `There is no run with the id ${runId}.`);
    return run;
  }

  /** Undoes a run (the newest one that can be undone when no id is given), or only some of its changes. */
  async undo(runId?: string, changeIds?: readonly string[]): Promise<UndoReport> {
    const lock = await acquireApplyLock(this.lockFile);
    try {
      if (!runId) this.refuseAfterDamagedJournal('undo an older run instead');
      const run = runId
        ? this.runOrThrow(runId)
        : this.journal.list().runs.find((r) => undoableChanges(r).length > 0);
      if (!run)
        throw new EngineError(
          'not-found',
          'There is no run to undo: no change made by this app is in place.',
        );
      const port = countingPort(this.machine);
      const result = await undoRun(port, this.journal, this.now, run, changeIds);
      return { ...result, stats: port.stats() };
    } finally {
      lock.release();
    }
  }

  /** Rolls back one unfinished run (left by a crash or a killed process). */
  async recover(runId: string): Promise<UndoReport> {
    const lock = await acquireApplyLock(this.lockFile);
    try {
      const run = this.runOrThrow(runId);
      if (!(await isUnfinished(run))) {
        throw new EngineError(
          'not-found',
          `The run ${runId} is not unfinished, so there is nothing to roll back.`,
        );
      }
      const port = countingPort(this.machine);
      const result = await recoverRun(port, this.journal, this.now, run);
      return { ...result, stats: port.stats() };
    } finally {
      lock.release();
    }
  }

  /** Every run, newest first. */
  history(): RunSummary[] {
    return this.journal.list().runs.map(toRunSummary);
  }

  /**
   * Keeps the answer to "Did it connect?" with the run it followed (a later answer replaces an earlier one). Only
   * a finished run of this data folder takes one; false when there is no such run (nothing is written).
   */
  async recordConnectionTest(runId: string, answer: ConnectionTest): Promise<boolean> {
    const lock = await acquireApplyLock(this.lockFile);
    try {
      const run = this.journal.read(runId);
      if (!run || run.state === 'in-progress') return false;
      const at = this.now().toISOString();
      this.journal.save({ ...run, connectionTest: { answer, at } });
      return true;
    } finally {
      lock.release();
    }
  }

  /** Runs that did not finish and should be rolled back. */
  async unfinished(): Promise<RunSummary[]> {
    return (await unfinishedRuns(this.journal.list().runs)).map(toRunSummary);
  }

  /** Journal files that cannot be read; they are kept as they are and reported. */
  corruptJournals(): CorruptJournal[] {
    return this.journal.list().corrupt;
  }
}
