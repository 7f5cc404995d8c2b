import type { Finding, FindingStatus } from '../../../shared/findings.js';
import type { VerdictSide } from '../../../shared/verdict.js';

/*
 * The status a card shows. It is the finding's, with one exception (issue 27): once the check passes (the
 * verdict says no problem on any side), events from earlier attempts are history, not a warning to act on.
 */
export type CardStatus = FindingStatus | 'earlier';

/** Passed checks: folded into "N checks passed", titled as what was checked. */
export const PASSED: readonly CardStatus[] = ['ok', 'not-applicable'];

export function cardStatus(finding: Finding, side: VerdictSide): CardStatus {
  const pastEvents = finding.repairId === 'event-logs' && finding.status === 'warning';
  return pastEvents && side === 'none' ? 'earlier' : finding.status;
}

/** Statuses whose card says what was checked rather than what to do ("VPN connections", not "Reconnect…"). */
const TITLED_AS_CHECKED: readonly CardStatus[] = [...PASSED, 'unknown', 'earlier'];

/**
 * A card's title: what to do while it needs doing; what was checked once it passed. A card the user acted on
 * keeps the title it had, so a fixed card does not change its name under the pointer.
 */
export function cardTitle(input: {
  status: CardStatus;
  touched: boolean;
  actionTitle: string | undefined;
  checkedTitle: string;
}): string {
  const { status, touched, actionTitle, checkedTitle } = input;
  if (actionTitle === undefined) return checkedTitle;
  return TITLED_AS_CHECKED.includes(status) && !touched ? checkedTitle : actionTitle;
}
