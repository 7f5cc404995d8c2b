import type { MachinePort } from '../machine/port.js';
import type { PlannedChange } from '../shared/findings.js';
import type { ApplyProgress, ApplyReport } from '../shared/ipc.js';
import { type BatchEntry, type BatchOutcome, type EntryOutcome, runBatch } from './change-batch.js';
import { changeNames, fileErrorText, interruptedAdvice, shortDescription } from './change-text.js';
import { needsElevation } from './change-view.js';
import { EngineError } from './engine-error.js';
import { encodeJournal, type JournalRun } from './journal/journal-entry.js';
import type { JournalStore } from './journal/journal-store.js';
import { currentProcess } from './process-identity.js';
import { recogniseElevatedOps } from './repairs/elevated-templates.js';
import { replayInverses } from './replay-inverses.js';

type ChangeOutcome = ApplyReport['changes'][number];

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

function journalFailure(journal: JournalStore, error: Error): { code: string; message: string } {
  return { code: 'failed', message: `${fileErrorText(error)}, in ${journal.folder}` };
}

/**
 * The journal is written, and room for its later saves held (JournalStore.reserve), before the first change:
 * a disk too full for it stops the run here, with nothing changed, instead of in the middle.
 */
function startJournal(journal: JournalStore, run: JournalRun): void {
  try {
    journal.save(run);
    journal.reserve(run.runId, 2 * Buffer.byteLength(encodeJournal(run)) + 64 * 1024);
  } catch (error) {
    journal.discard(run.runId);
    const text = fileErrorText(error instanceof Error ? error : new Error(String(error)));
    throw new EngineError(
      'failed',
      `Nothing was changed: the journal, which makes undo possible, could not be written in ${journal.folder} (${text}). Free some disk space and try again.`,
    );
  }
}

/** The first sentence of a change's description: enough to name it in a message. */
function count(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? '' : 's'}`;
}

/**
 * Nothing goes to the elevated batch that is not one of the closed templates (a repair that planned other
 * machine-wide ops is a bug, stopped before the journal or the machine is touched).
 */
function assertElevatedTemplates(changes: readonly PlannedChange[]): void {
  for (const change of changes) {
    if (!recogniseElevatedOps(change.ops))
      throw new EngineError(
        'failed',
        `The change ${change.id} is not one of the machine-wide changes RDP Repair may make.`,
      );
  }
}

/**
 * Makes the changes: the journal first (flushed before any write), then the elevated batch (the optional
 * restore point, then machine-scope changes), then the user-scope batch. If an op fails or the run is
 * cancelled, what this run changed is rolled back at once. Expects the apply lock to be held.
 */
export async function applyChanges(
  machine: MachinePort,
  journal: JournalStore,
  now: () => Date,
  input: ApplyInput,
): Promise<AppliedRun> {
  // Within each batch the undoable changes go first: a failure then stops the batch before anything that
  // cannot be put back, so an irreversible change is only made once everything before it in its batch worked.
  const reversibleFirst = (changes: readonly PlannedChange[]): PlannedChange[] => [
    ...changes.filter((c) => c.inverse !== null),
    ...changes.filter((c) => c.inverse === null),
  ];
  const machineChanges = reversibleFirst(input.changes.filter(needsElevation));
  assertElevatedTemplates(machineChanges);
  const userChanges = reversibleFirst(input.changes.filter((c) => !needsElevation(c)));
  const ordered = [...machineChanges, ...userChanges];
  const byId = new Map(ordered.map((c) => [c.id, c]));
  const outcomes = new Map<string, ChangeOutcome>(
    ordered.map((c) => [c.id, { changeId: c.id, state: 'pending' }]),
  );
  const startedAt = now().toISOString();
  const run: JournalRun = {
    runId: input.runId,
    sequence: journal.nextSequence(),
    host: input.host,
    startedAt,
    updatedAt: startedAt,
    pid: process.pid,
    processStart: currentProcess().start,
    state: 'in-progress',
    changes: ordered.map((change) => ({ change, status: 'planned' })),
  };
  let completed = 0;
  const progress = (phase: ApplyProgress['phase'], change?: ChangeOutcome): void => {
    input.onProgress?.({
      runId: input.runId,
      completed,
      total: ordered.length,
      phase,
      ...(change ? { change } : {}),
    });
  };
  // A save that fails mid-run (a full disk) is answered by rolling back from memory: see stopAndRollBack.
  const save = (): Error | undefined => {
    run.updatedAt = now().toISOString();
    return journal.trySave(run);
  };
  const setStatus = (id: string, status: JournalRun['changes'][number]['status']): void => {
    const entry = run.changes.find((c) => c.change.id === id);
    if (entry) entry.status = status;
  };

  startJournal(journal, run);
  progress('journal');

  const touched: PlannedChange[] = [];
  let restorePoint: AppliedRun['restorePoint'];
  const runPhase = async (
    changes: readonly PlannedChange[],
    elevated: boolean,
  ): Promise<{ batch: BatchOutcome; journalError?: Error } | undefined> => {
    const withRestorePoint = elevated && input.restorePoint;
    if (changes.length === 0 && !withRestorePoint) return undefined;
    const entries: BatchEntry[] = changes.map((c) => ({ key: c.id, ops: c.ops }));
    if (withRestorePoint) {
      entries.unshift({
        key: RESTORE_POINT_KEY,
        ops: [{ op: 'system.restorePoint', description: `RDP Repair ${input.runId}` }],
      });
      progress('restore-point');
    } else progress(elevated ? 'machine-changes' : 'user-changes');
    const onEntryDone = (entry: EntryOutcome): void => {
      if (entry.key === RESTORE_POINT_KEY) {
        restorePoint =
          entry.status === 'done'
            ? { created: true, message: 'A system restore point was created before any change.' }
            : {
                created: false,
                message: `Windows did not create a restore point: ${entry.error?.message ?? 'no reason given'}`,
              };
        if (changes.length > 0) progress('machine-changes');
        return;
      }
      if (entry.status === 'not-run') return;
      completed += 1;
      const outcome: ChangeOutcome =
        entry.status === 'done'
          ? { changeId: entry.key, state: 'done' }
          : { changeId: entry.key, state: 'failed', message: entry.error?.message ?? 'It failed.' };
      outcomes.set(entry.key, outcome);
      progress(elevated ? 'machine-changes' : 'user-changes', outcome);
    };
    const batch = await runBatch(machine, entries, {
      elevated,
      onEntryDone,
      ...(input.signal ? { signal: input.signal } : {}),
    });
    for (const entry of batch.entries) {
      const change = byId.get(entry.key);
      if (!change) continue;
      if (entry.status === 'not-run') setStatus(entry.key, 'not-applied');
      else {
        setStatus(entry.key, 'applied');
        touched.push(change);
      }
    }
    const journalError = save();
    return journalError ? { batch, journalError } : { batch };
  };

  for (const [changes, elevated] of [
    [machineChanges, true],
    [userChanges, false],
  ] as const) {
    const phase = await runPhase(changes, elevated);
    if (phase?.journalError) return stopAndRollBack(JOURNAL_KEY, journalFailure(journal, phase.journalError));
    if (phase?.batch.firstError) {
      return stopAndRollBack(phase.batch.firstError.key, phase.batch.firstError.error);
    }
  }
  run.state = 'done';
  const finalError = save();
  // The journal cannot say the run is done: left as it is, it would look interrupted. Put the machine back.
  if (finalError) return stopAndRollBack(JOURNAL_KEY, journalFailure(journal, finalError));
  journal.releaseReserve(run.runId);
  return {
    outcome: 'done',
    message: `${count(ordered.length, 'change')} made.`,
    changes: [...outcomes.values()],
    ...(restorePoint ? { restorePoint } : {}),
  };

  async function stopAndRollBack(
    failedKey: string,
    error: { code: string; message: string },
  ): Promise<AppliedRun> {
    for (const [id, outcome] of outcomes) {
      if (outcome.state === 'pending') {
        outcomes.set(id, { changeId: id, state: 'skipped', message: 'Not made, because the run stopped.' });
      }
    }
    let rollbackNote = 'nothing was changed';
    let advice = '';
    let rolledBackCleanly = true;
    if (touched.length > 0) {
      progress('rollback');
      const replay = await replayInverses(machine, touched);
      for (const id of replay.restored) {
        setStatus(id, 'rolled-back');
        outcomes.set(id, { changeId: id, state: 'rolled-back' });
      }
      rolledBackCleanly = replay.failed.length === 0 && replay.irreversible.length === 0;
      if (rolledBackCleanly) {
        rollbackNote = `the ${count(replay.restored.length, 'change')} already made in this run ${
          replay.restored.length === 1 ? 'was' : 'were'
        } rolled back, so nothing else changed`;
      } else {
        const failed = replay.failed.flatMap((f) => byId.get(f.id) ?? []);
        rollbackNote = `these changes could not be rolled back and are still in place: ${changeNames([...failed, ...replay.irreversible])}`;
        advice = interruptedAdvice(replay.irreversible);
      }
    }
    run.state = rolledBackCleanly ? (touched.length > 0 ? 'rolled-back' : 'failed') : 'failed';
    run.message = rollbackNote;
    const unsaved = save();
    if (!unsaved) journal.releaseReserve(run.runId);
    else
      advice += ` The journal could not be updated either (${fileErrorText(unsaved)}), so RDP Repair may offer to roll this run back again: doing so is safe.`;
    const changes = [...outcomes.values()];
    const withRestorePoint = restorePoint ? { restorePoint } : {};
    if (error.code === 'permission-not-granted') {
      return {
        outcome: 'permission-not-granted',
        message: `The administrator permission prompt was declined, so ${rollbackNote}.${advice}`,
        changes,
        ...withRestorePoint,
      };
    }
    if (error.code === 'cancelled' || input.signal?.aborted) {
      return {
        outcome: 'cancelled',
        message: `Cancelled: ${rollbackNote}.${advice}`,
        changes,
        ...withRestorePoint,
      };
    }
    if (failedKey === RESTORE_POINT_KEY) {
      return {
        outcome: 'failed',
        message: `Windows did not create a restore point (${error.message.replace(/\.$/, '')}), so ${rollbackNote}; apply again without a restore point to go ahead, or stop here.${advice}`,
        changes,
        ...withRestorePoint,
      };
    }
    const failed = byId.get(failedKey);
    const what =
      failedKey === JOURNAL_KEY
        ? 'Writing the journal'
        : failed
          ? `The change "${shortDescription(failed)}"`
          : 'A change';
    return {
      outcome: rolledBackCleanly ? 'rolled-back' : 'failed',
      message: `${what} failed (${error.message.replace(/\.$/, '')}); ${rollbackNote}.${advice}`,
      changes,
      ...withRestorePoint,
    };
  }
}
