import type { MachinePort } from '../machine/port.js';
import { type AppliedRun, type ApplyInput, ApplyRun } from './apply-run.js';
import { fileErrorText } from './change-text.js';
import { batchesByElevation } from './elevation/elevated-gate.js';
import { EngineError } from './engine-error.js';
import { encodeJournal, type JournalRun } from './journal/journal-entry.js';
import type { JournalStore } from './journal/journal-store.js';
import { currentProcess } from './process-identity.js';

export type { AppliedRun, ApplyInput } from './apply-run.js';

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

/**
 * Makes the changes: the journal first (flushed before any write), then the elevated batch (the optional
 * restore point, then machine-scope changes, each one of the templates: elevation/elevated-gate.ts), then the
 * user-scope batch. If an op fails or the run is cancelled, what this run changed is rolled back at once
 * (apply-run.ts). Expects the apply lock to be held.
 */
export async function applyChanges(
  machine: MachinePort,
  journal: JournalStore,
  now: () => Date,
  input: ApplyInput,
): Promise<AppliedRun> {
  const { machineChanges, userChanges } = batchesByElevation(input.changes);
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
    changes: [...machineChanges, ...userChanges].map((change) => ({ change, status: 'planned' })),
  };
  const applying = new ApplyRun(machine, journal, now, input, run, [
    [machineChanges, true],
    [userChanges, false],
  ]);
  startJournal(journal, run);
  applying.progress('journal');
  return applying.execute();
}
