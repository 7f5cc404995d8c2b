import type { Finding } from '../shared/findings.js';
import { formatHostTarget } from '../shared/host-name.js';
import type { Question } from '../shared/question.js';
import type { ScanOutcome } from './scan.js';

/** Which question the steps answer, and the computer's name when it is another one reached by remoting. */
export interface AskedFor {
  question: Question;
  computer?: string | undefined;
}
const OUTGOING: AskedFor = { question: 'outgoing' };

/** Problems a Fix could still change: after a successful apply there must be none. */
export function fixableProblems(scan: ScanOutcome): Finding[] {
  return scan.repairs
    .filter((r) => r.finding.status === 'problem' && r.changes.length > 0)
    .map((r) => r.finding);
}

/** What the user does next, from the verification scan: restart mstsc after a change, then the manual steps. */
export function nextSteps(scan: ScanOutcome, changed: boolean, asked: AskedFor = OUTGOING): string[] {
  const host = formatHostTarget(scan.context.target);
  const steps: string[] = [];
  if (changed) {
    steps.push(
      asked.question === 'incoming'
        ? // The changes were made on the computer others connect to: the test is a connection from another one.
          `From another computer, connect to ${asked.computer ?? 'this PC'} again (or ask the person who could not connect to try again now).`
        : `Close every Remote Desktop Connection (mstsc) window and open it again, then connect to ${host}: it reads these settings only when it starts.`,
    );
  }
  for (const { finding, changes } of scan.repairs) {
    const needsUser =
      finding.status === 'manual' ||
      finding.status === 'warning' ||
      (finding.status === 'problem' && changes.length === 0);
    if (needsUser) steps.push(finding.summary);
  }
  return steps;
}
