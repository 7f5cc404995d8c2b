import type { Finding, RepairId } from '../../../shared/findings.js';
import { REPAIR_IDS } from '../../../shared/repair-ids.js';
import type { VerdictSide } from '../../../shared/verdict.js';
import { type CardStatus, cardStatus, PASSED } from './card-status.js';

/**
 * The order a worried user reads the cards in: what is wrong first, then what they must do themselves,
 * then what is worth trying, then what could not be checked, then past events. Passed checks are folded away
 * into one line, so the answer is never card 7 of 8 under six green ones.
 */
const STATUS_RANK: Record<CardStatus, number> = {
  problem: 0,
  warning: 1,
  manual: 2,
  suggestion: 3,
  unknown: 4,
  earlier: 5,
  ok: 6,
  'not-applicable': 7,
};

export interface CardOrder {
  /** Cards shown straight away, most urgent first. */
  shown: Finding[];
  /** Passed checks, folded into "N checks passed" until the user opens them. */
  passed: Finding[];
  /**
   * This PC's own listener while another computer was checked: folded into "For people who connect to this PC",
   * apart from the connection the user asked about (issue 27, point 2).
   */
  incoming: Finding[];
}

/** The findings about the connection the user checked (this PC's own listener aside, when it is not the question). */
export function forThisConnection(findings: readonly Finding[]): Finding[] {
  return findings.filter((finding) => finding.incoming !== true);
}

/**
 * `touched` keeps a card in view after the user acted on it (fixed, undone, marked done): a card that
 * turns green because of a fix must not vanish from under the pointer. `previous` is the order shown before
 * this same check was refreshed (after a fix or an undo): those cards keep their places, so a fixed card stays
 * where it was, marked fixed, instead of sinking to the bottom; a card that newly needs the user comes after.
 */
export function orderCards(
  findings: readonly Finding[],
  touched: (repairId: RepairId) => boolean,
  side: VerdictSide,
  previous: readonly RepairId[] = [],
): CardOrder {
  const byCatalogue = REPAIR_IDS.map((id) =>
    forThisConnection(findings).find((finding) => finding.repairId === id),
  ).filter((finding): finding is Finding => finding !== undefined);
  const rank = (finding: Finding) => STATUS_RANK[cardStatus(finding, side)];
  const sorted = byCatalogue
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => rank(a.finding) - rank(b.finding) || a.index - b.index)
    .map(({ finding }) => finding);
  const folds = (finding: Finding) =>
    PASSED.includes(cardStatus(finding, side)) &&
    !touched(finding.repairId) &&
    !previous.includes(finding.repairId);
  const shown = sorted.filter((finding) => !folds(finding));
  const kept = previous.flatMap((id) => shown.filter((finding) => finding.repairId === id));
  return {
    shown: [...kept, ...shown.filter((finding) => !previous.includes(finding.repairId))],
    passed: sorted.filter(folds),
    incoming: findings.filter((finding) => finding.incoming === true),
  };
}

/** True when nothing at all needs the user: every check passed (past events are history then). */
export function allPassed(findings: readonly Finding[], side: VerdictSide): boolean {
  return (
    findings.length > 0 &&
    findings.every((finding) => [...PASSED, 'earlier'].includes(cardStatus(finding, side)))
  );
}

export type SummaryKind =
  | 'problems'
  | 'problemsOne'
  | 'consent'
  | 'allPassed'
  | 'manual'
  | 'suggestionsOnly'
  | 'nothingToFix';

/**
 * Which sentence goes under the verdict. `fix` counts as Fix all does: `made`, the changes its dialog makes as
 * it opens, and `consent`, those that wait for a tick because they cannot be undone (suggestions left out).
 * A healthy PC must never read "nothing left to fix", which sounds as if something had been fixed.
 */
export function summaryKind(
  findings: readonly Finding[],
  side: VerdictSide,
  fix: { made: number; consent: number },
): SummaryKind {
  if (fix.made > 1) return 'problems';
  if (fix.made === 1) return 'problemsOne';
  if (fix.consent > 0) return 'consent';
  if (allPassed(findings, side)) return 'allPassed';
  const statuses = findings.map((finding) => cardStatus(finding, side));
  if (statuses.includes('manual')) return 'manual';
  if (statuses.every((status) => [...PASSED, 'earlier', 'suggestion'].includes(status)))
    return 'suggestionsOnly';
  return 'nothingToFix';
}
