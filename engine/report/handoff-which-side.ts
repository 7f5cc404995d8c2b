import type { Finding } from '../../shared/findings.js';
import type { Verdict, VerdictSide } from '../../shared/verdict.js';

/*
 * "Which side failed": the verdict, and for a fault on the remote computer or on the way to it what to do
 * there, with the PowerShell for that computer. One section, shown the same way at the top of the hand-off to
 * the administrator and of the forum report (there redacted, through the same `view`).
 */

/** How machine text becomes Markdown: a span for one value, a block for code; each may redact first. */
export interface MarkdownView {
  span: (text: string) => string;
  block: (code: string, language: string) => string[];
}

export const SIDE_SENTENCES: Record<VerdictSide, string> = {
  'this-pc': 'The problem is on this PC',
  network: 'The problem is on the way to the remote computer',
  'remote-pc': 'The problem is on the remote computer',
  none: 'No problem was found on either side',
  unknown: 'It could not be told which side failed',
};

/** The sides whose fix is not on this PC: the ones handed to the administrator. */
export function isHandoffSide(side: VerdictSide): boolean {
  return side === 'remote-pc' || side === 'network';
}

/** What to do there: the verdict's remote fix, else what the handshake check says to check on the way. */
export function sideSteps(verdict: Verdict, findings: readonly Finding[]): readonly string[] {
  if (verdict.remoteFix) return verdict.remoteFix.steps;
  if (!isHandoffSide(verdict.side)) return [];
  return findings.find((f) => f.repairId === 'rdp-handshake')?.instructions ?? [];
}

function stepsSection(verdict: Verdict, findings: readonly Finding[], view: MarkdownView): string[] {
  const steps = sideSteps(verdict, findings);
  if (steps.length === 0 && !verdict.remoteFix) return [];
  const heading =
    verdict.side === 'network'
      ? '### What to check on the way to the remote computer'
      : '### What to do there';
  const lines = [heading, '', ...steps.map((step, i) => `${i + 1}. ${view.span(step)}`), ''];
  if (verdict.remoteFix) {
    lines.push(
      'The PowerShell for that computer, to run there as an administrator:',
      '',
      ...view.block(verdict.remoteFix.powershell, 'powershell'),
      '',
    );
  }
  return lines;
}

export function whichSideSection(
  verdict: Verdict,
  findings: readonly Finding[],
  view: MarkdownView,
): string[] {
  return [
    '## Which side failed',
    '',
    `**${SIDE_SENTENCES[verdict.side]}.** ${view.span(verdict.summary)}`,
    '',
    ...stepsSection(verdict, findings, view),
  ];
}
