import type { MachinePort } from '../machine/port.js';
import type { PlannedChange } from '../shared/findings.js';
import type { ApplyProgress, ApplyReport } from '../shared/ipc.js';
import type { Op, OpErrorCode } from '../shared/ops.js';
import { type BatchEntry, type BatchOutcome, type EntryOutcome, runBatch } from './change-batch.js';
import {
  changeCount,
  changeNames,
  fileErrorText,
  interruptedAdvice,
  protectionBlockAdvice,
  shortDescription,
} from './change-text.js';
import type { JournalRun } from './journal/journal-entry.js';
import type { JournalStore } from './journal/journal-store.js';
import { replayInverses } from './replay-inverses.js';

/*
 * One run of applyChanges (apply.ts) while it happens: the journal entry, each change's outcome, what was
 * touched, the progress it reports. Phases run the elevated batch, then the user's; a failed op, a cancel or
 * a journal that can no longer be written stops the run and rolls back, from memory, what it changed.
 */

export type ChangeOutcome = ApplyReport['changes'][number];

export interface ApplyInput {
  runId: string;
  host: string;
  changes: readonly PlannedChange[];
  restorePoint: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: ApplyProgress) => void;
}

export interface AppliedRun {
  outcome: Exclude<ApplyReport['outcome'], 'nothing-to-do'>;
  message: string;
  changes: ChangeOutcome[];
  restorePoint?: { created: boolean; message: string };
}

const RESTORE_POINT_KEY = 'restore-point';
/** Not a change: what stopped the run was the journal that could not be written. */
const JOURNAL_KEY = 'journal';

/** Why a run stopped; `op` is the op that failed, when one did (Windows' own protection is told from it). */
type StopReason = { code: OpErrorCode; message: string; op?: Op };

interface Rollback {
  note: string;
  advice: string;
  clean: boolean;
}

export class ApplyRun {
  private readonly byId: Map<string, PlannedChange>;
  private readonly outcomes: Map<string, ChangeOutcome>;
  private readonly touched: PlannedChange[] = [];
  private completed = 0;
  private restorePoint: AppliedRun['restorePoint'];

  constructor(
    private readonly machine: MachinePort,
    private readonly journal: JournalStore,
    private readonly now: () => Date,
    private readonly input: ApplyInput,
    private readonly run: JournalRun,
    private readonly phases: readonly (readonly [readonly PlannedChange[], boolean])[],
  ) {
    const ordered = run.changes.map((c) => c.change);
    this.byId = new Map(ordered.map((c) => [c.id, c]));
    this.outcomes = new Map(ordered.map((c) => [c.id, { changeId: c.id, state: 'pending' }]));
  }

  progress(phase: ApplyProgress['phase'], change?: ChangeOutcome): void {
    this.input.onProgress?.({
      runId: this.input.runId,
      completed: this.completed,
      total: this.byId.size,
      phase,
      ...(change ? { change } : {}),
    });
  }

  /** A save that fails mid-run (a full disk) is answered by rolling back from memory: see stop. */
  private save(): Error | undefined {
    this.run.updatedAt = this.now().toISOString();
    return this.journal.trySave(this.run);
  }

  private setStatus(id: string, status: JournalRun['changes'][number]['status']): void {
    const entry = this.run.changes.find((c) => c.change.id === id);
    if (entry) entry.status = status;
  }

  private journalFailure(error: Error): StopReason {
    return { code: 'failed', message: `${fileErrorText(error)}, in ${this.journal.folder}` };
  }

  async execute(): Promise<AppliedRun> {
    for (const [changes, elevated] of this.phases) {
      const phase = await this.runPhase(changes, elevated);
      if (phase?.journalError) return this.stop(JOURNAL_KEY, this.journalFailure(phase.journalError));
      const first = phase?.batch.firstError;
      if (first) return this.stop(first.key, { ...first.error, op: first.op });
    }
    this.run.state = 'done';
    const finalError = this.save();
    // The journal cannot say the run is done: left as it is, it would look interrupted. Put the machine back.
    if (finalError) return this.stop(JOURNAL_KEY, this.journalFailure(finalError));
    this.journal.releaseReserve(this.run.runId);
    return {
      outcome: 'done',
      message: `${changeCount(this.byId.size)} made.`,
      changes: [...this.outcomes.values()],
      ...(this.restorePoint ? { restorePoint: this.restorePoint } : {}),
    };
  }

  private entriesFor(changes: readonly PlannedChange[], elevated: boolean): BatchEntry[] {
    const entries: BatchEntry[] = changes.map((c) => ({ key: c.id, ops: c.ops }));
    if (elevated && this.input.restorePoint) {
      entries.unshift({
        key: RESTORE_POINT_KEY,
        ops: [{ op: 'system.restorePoint', description: `RDP Repair ${this.input.runId}` }],
      });
    }
    return entries;
  }

  private onEntryDone(entry: EntryOutcome, elevated: boolean, changesInBatch: number): void {
    if (entry.key === RESTORE_POINT_KEY) {
      this.restorePoint =
        entry.status === 'done'
          ? { created: true, message: 'A system restore point was created before any change.' }
          : {
              created: false,
              message: `Windows did not create a restore point: ${entry.error?.message ?? 'no reason given'}`,
            };
      if (changesInBatch > 0) this.progress('machine-changes');
      return;
    }
    if (entry.status === 'not-run') return;
    this.completed += 1;
    const outcome: ChangeOutcome =
      entry.status === 'done'
        ? { changeId: entry.key, state: 'done' }
        : { changeId: entry.key, state: 'failed', message: entry.error?.message ?? 'It failed.' };
    this.outcomes.set(entry.key, outcome);
    this.progress(elevated ? 'machine-changes' : 'user-changes', outcome);
  }

  private async runPhase(
    changes: readonly PlannedChange[],
    elevated: boolean,
  ): Promise<{ batch: BatchOutcome; journalError?: Error } | undefined> {
    const entries = this.entriesFor(changes, elevated);
    if (entries.length === 0) return undefined;
    this.progress(
      entries[0]?.key === RESTORE_POINT_KEY ? 'restore-point' : elevated ? 'machine-changes' : 'user-changes',
    );
    const batch = await runBatch(this.machine, entries, {
      elevated,
      // The elevated answer is checked against the machine before the journal takes it (change-readback.ts).
      readBack: elevated,
      onEntryDone: (entry) => this.onEntryDone(entry, elevated, changes.length),
      ...(this.input.signal ? { signal: this.input.signal } : {}),
    });
    for (const entry of batch.entries) {
      const change = this.byId.get(entry.key);
      if (!change) continue;
      if (entry.status === 'not-run') this.setStatus(entry.key, 'not-applied');
      else {
        this.setStatus(entry.key, 'applied');
        this.touched.push(change);
      }
    }
    const journalError = this.save();
    return journalError ? { batch, journalError } : { batch };
  }

  /** Puts back what this run changed, newest first, and says what could not be. */
  private async rollBack(): Promise<Rollback> {
    if (this.touched.length === 0) return { note: 'nothing was changed', advice: '', clean: true };
    this.progress('rollback');
    const replay = await replayInverses(this.machine, this.touched);
    for (const id of replay.restored) {
      this.setStatus(id, 'rolled-back');
      this.outcomes.set(id, { changeId: id, state: 'rolled-back' });
    }
    if (replay.failed.length === 0 && replay.irreversible.length === 0) {
      const n = replay.restored.length;
      return {
        note: `the ${changeCount(n)} already made in this run ${n === 1 ? 'was' : 'were'} rolled back, so nothing else changed`,
        advice: '',
        clean: true,
      };
    }
    const failed = replay.failed.flatMap((f) => this.byId.get(f.id) ?? []);
    return {
      note: `these changes could not be rolled back and are still in place: ${changeNames([...failed, ...replay.irreversible])}`,
      advice: interruptedAdvice(replay.irreversible),
      clean: false,
    };
  }

  /** Stops the run at `failedKey` (a change, the restore point or the journal) and rolls back. */
  private async stop(failedKey: string, error: StopReason): Promise<AppliedRun> {
    for (const [id, outcome] of this.outcomes) {
      if (outcome.state === 'pending')
        this.outcomes.set(id, {
          changeId: id,
          state: 'skipped',
          message: 'Not made, because the run stopped.',
        });
    }
    const rollback = await this.rollBack();
    this.run.state = rollback.clean && this.touched.length > 0 ? 'rolled-back' : 'failed';
    this.run.message = rollback.note;
    const unsaved = this.save();
    if (!unsaved) this.journal.releaseReserve(this.run.runId);
    else
      rollback.advice += ` The journal could not be updated either (${fileErrorText(unsaved)}), so RDP Repair may offer to roll this run back again: doing so is safe.`;
    return {
      ...this.stopMessage(failedKey, error, rollback),
      changes: [...this.outcomes.values()],
      ...(this.restorePoint ? { restorePoint: this.restorePoint } : {}),
    };
  }

  private stopMessage(failedKey: string, error: StopReason, { note, advice, clean }: Rollback) {
    if (error.code === 'permission-not-granted')
      return {
        outcome: 'permission-not-granted' as const,
        message: `The administrator permission prompt was declined, so ${note}.${advice}`,
      };
    if (error.code === 'cancelled' || this.input.signal?.aborted)
      return { outcome: 'cancelled' as const, message: `Cancelled: ${note}.${advice}` };
    const reason = error.message.replace(/\.$/, '');
    if (failedKey === RESTORE_POINT_KEY)
      return {
        outcome: 'failed' as const,
        message: `Windows did not create a restore point (${reason}), so ${note}; apply again without a restore point to go ahead, or stop here.${advice}`,
      };
    const failed = this.byId.get(failedKey);
    const what =
      failedKey === JOURNAL_KEY
        ? 'Writing the journal'
        : failed
          ? `The change "${shortDescription(failed)}"`
          : 'A change';
    // A block by Defender's attack surface reduction or Controlled folder access is named, never just "failed".
    const blocked = protectionBlockAdvice(error.op, error);
    return {
      outcome: clean ? ('rolled-back' as const) : ('failed' as const),
      message: `${what} failed (${reason}); ${note}.${blocked}${advice}`,
    };
  }
}
