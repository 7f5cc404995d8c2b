import type { Finding } from '../../shared/findings.js';
import type { Verdict } from '../../shared/verdict.js';

/**
 * What scripts test: 0 nothing wrong on any side, 1 something wrong (this PC, the network path or the remote
 * computer), 2 bad input or a failure of RDP Repair itself.
 */
export const EXIT = { ok: 0, problems: 1, failure: 2 } as const;

/** The exit codes as `--help` lists them; the README's "Command line" says the same. */
export const EXIT_CODES_HELP = `Exit codes:
  0  nothing wrong on any side (or undo, recover, report, history done)
  1  something wrong: on this PC, in the network path or on the remote computer
     (scan: the verdict's side; fix: what is still wrong after the changes)
  2  bad input, or RDP Repair could not do its job (one sentence on stderr)`;

/**
 * The exit code of a check. The verdict decides, because a fault on the remote computer or in the path is as
 * broken for a script as one here; a problem finding the verdict did not name still counts. `unknown` (too
 * little could be checked) is a failure: it must not read as healthy, and nothing is known to be wrong.
 */
export function exitForCheck(verdict: Verdict, findings: readonly Finding[]): number {
  if (verdict.side === 'unknown') return EXIT.failure;
  if (verdict.side !== 'none') return EXIT.problems;
  return findings.some((f) => f.status === 'problem') ? EXIT.problems : EXIT.ok;
}

/** exitForCheck, saying why on stderr when it is a failure: every exit 2 comes with one sentence there. */
export function finishCheck(
  check: { verdict: Verdict; findings: readonly Finding[] },
  stderr: (text: string) => void,
): number {
  const code = exitForCheck(check.verdict, check.findings);
  if (code === EXIT.failure) stderr(check.verdict.summary);
  return code;
}
