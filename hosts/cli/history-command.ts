import { JournalStore } from '../../engine/journal/journal-store.js';
import { unfinishedRuns } from '../../engine/recover.js';
import { toRunSummary } from '../../engine/run-summary.js';
import type { RunSummary } from '../../shared/ipc.js';
import { field, terminalJson, terminalText } from './cli-output.js';
import { EXIT } from './exit-codes.js';
import { jsonDocument } from './json-document.js';

interface HistoryIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const STATE_WORDS: Record<RunSummary['state'], string> = {
  'in-progress': 'in progress or interrupted',
  done: 'done',
  'rolled-back': 'rolled back',
  undone: 'undone',
  'partially-undone': 'partly undone',
  failed: 'failed',
};

function changeLine(change: RunSummary['changes'][number]): string {
  const note = change.undone ? ' (undone)' : change.reversible ? '' : ' (cannot be undone)';
  return `  - ${field(change.id)}: ${field(change.description)}${note}`;
}

/** One run: a heading line a person can copy the id from, then its changes. */
export function formatRun(run: RunSummary): string[] {
  const undo = run.undoable ? `can be undone: rdp-repair undo ${field(run.runId)}` : 'nothing to undo';
  const count = `${run.changes.length} change${run.changes.length === 1 ? '' : 's'}`;
  return [
    `${field(run.runId)}  ${field(run.startedAt)}  ${field(run.host)}  ${STATE_WORDS[run.state]}, ${count}, ${undo}`,
    ...run.changes.map(changeLine),
  ];
}

export function formatHistory(runs: readonly RunSummary[]): string {
  if (runs.length === 0) return 'No runs yet: RDP Repair has not changed anything with this data folder.';
  return runs.flatMap(formatRun).join('\n');
}

/**
 * `rdp-repair history`: the runs in the journal, newest first. It reads the journal alone, so it needs no
 * machine (it works without --simulate off Windows) and never takes the apply lock.
 */
export async function runHistory(dataDir: string, json: boolean, io: HistoryIo): Promise<number> {
  const journal = new JournalStore(dataDir);
  const listing = journal.list();
  for (const corrupt of listing.corrupt) io.stderr(`Warning: ${corrupt.message}`);
  for (const run of await unfinishedRuns(listing.runs)) {
    io.stderr(
      `Warning: the run ${run.runId} was interrupted; roll it back with: rdp-repair recover ${run.runId}`,
    );
  }
  const runs = listing.runs.map(toRunSummary);
  io.stdout(
    json ? terminalJson(jsonDocument({ command: 'history', runs })) : terminalText(formatHistory(runs)),
  );
  return EXIT.ok;
}
