import type { PlannedChange } from '../shared/findings.js';

/** The first sentence of a change's description, to name it inside another sentence. */
export function shortDescription(change: PlannedChange): string {
  const first = change.description.split(/(?<=[.:])\s/)[0] ?? change.description;
  return first.replace(/[.:]$/, '');
}

/** Changes named for a sentence: "Remove …", "Delete …". */
export function changeNames(changes: readonly PlannedChange[]): string {
  return changes.map((change) => `"${shortDescription(change)}"`).join(', ');
}

/** What the user can do about changes that cannot be undone and may have stopped part-way: sentences, or ''. */
export function interruptedAdvice(changes: readonly PlannedChange[]): string {
  const advice = changes.flatMap((change) => (change.ifInterrupted ? [change.ifInterrupted] : []));
  return advice.length > 0 ? ` ${advice.join(' ')}` : '';
}

/** A file system error in words: a full disk said plainly, anything else as the system put it. */
export function fileErrorText(error: Error): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOSPC' ? 'the disk is full' : error.message.replace(/\.$/, '');
}

/** "1 change", "3 changes": how messages count changes. */
export function changeCount(n: number): string {
  return n === 1 ? '1 change' : `${n} changes`;
}
