import type { ScanProgress, ScanStepId } from '../../shared/scan-progress.js';

/*
 * The steps of a check as lines for a terminal: one line when the check starts, then one as each step
 * finishes, in the order they finish (the read on this PC and the handshake run at the same time).
 * Only on an interactive stderr (rdp-repair.ts): a pipe or --json gets the result alone.
 */

const FINISHED: Record<ScanStepId, (host: string) => string> = {
  'start-powershell': () => '  PowerShell started',
  'read-this-pc': () => "  Read this PC's Remote Desktop settings",
  'talk-to-remote': (host) => `  Talked to ${host}`,
};

/**
 * Feed it every event of one check; it answers the lines to print now. `opening` replaces the first line when
 * the check has no other computer (--this-pc).
 */
export function scanProgressLines(opening?: string): (progress: ScanProgress) => string[] {
  let started = false;
  const finished = new Set<ScanStepId>();
  return (progress) => {
    const lines: string[] = [];
    if (!started) {
      started = true;
      lines.push(opening ?? `Checking this PC and ${progress.host}…`);
    }
    for (const step of progress.steps) {
      if (step.state !== 'done' || finished.has(step.id)) continue;
      finished.add(step.id);
      lines.push(FINISHED[step.id](progress.host));
    }
    // A blank line once all are done, before the result.
    if (lines.length > 0 && progress.steps.every((step) => step.state === 'done')) lines.push('');
    return lines;
  };
}
