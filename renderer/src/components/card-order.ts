import type { Finding, FindingStatus, RepairId } from '../../../shared/findings.js';
import { REPAIR_IDS } from '../../../shared/repair-ids.js';

/**
 * The order a worried user reads the cards in: what is wrong first, then what they must do themselves,
 * then what is worth trying, then what could not be checked. Passed checks are folded away into one line,
 * so the answer is never card 7 of 8 under six green ones.
 */
const STATUS_RANK: Record<FindingStatus, number> = {
  problem: 0,
  warning: 1,
  manual: 2,
  suggestion: 3,
  unknown: 4,
  ok: 5,
  'not-applicable': 6,
};

const PASSED: readonly FindingStatus[] = ['ok', 'not-applicable'];

export interface CardOrder {
  /** Cards shown straight away, most urgent first. */
  shown: Finding[];
  /** Passed checks, folded into "N checks passed" until the user opens them. */
  passed: Finding[];
}

/**
 * `touched` keeps a card in view after the user acted on it (fixed, undone, marked done): a card that
 * turns green because of a fix must not vanish from under the pointer.
 */
export function orderCards(
  findings: readonly Finding[],
  touched: (repairId: RepairId) => boolean,
): CardOrder {
  const byCatalogue = REPAIR_IDS.map((id) => findings.find((finding) => finding.repairId === id)).filter(
    (finding): finding is Finding => finding !== undefined,
  );
  const sorted = byCatalogue
    .map((finding, index) => ({ finding, index }))
    .sort((a, b) => STATUS_RANK[a.finding.status] - STATUS_RANK[b.finding.status] || a.index - b.index)
    .map(({ finding }) => finding);
  const folds = (finding: Finding) => PASSED.includes(finding.status) && !touched(finding.repairId);
  return { shown: sorted.filter((f) => !folds(f)), passed: sorted.filter(folds) };
}

/** True when nothing at all needs the user: every check passed. */
export function allPassed(findings: readonly Finding[]): boolean {
  return findings.length > 0 && findings.every((finding) => PASSED.includes(finding.status));
}

export type SummaryKind =
  | 'problems'
  | 'problemsOne'
  | 'allPassed'
  | 'manual'
  | 'suggestionsOnly'
  | 'nothingToFix';

/**
 * Which sentence goes under the verdict. `fixCount` counts the changes Fix all would make (suggestions left
 * out). A healthy PC must never read "nothing left to fix", which sounds as if something had been fixed.
 */
export function summaryKind(findings: readonly Finding[], fixCount: number): SummaryKind {
  if (fixCount > 1) return 'problems';
  if (fixCount === 1) return 'problemsOne';
  if (allPassed(findings)) return 'allPassed';
  if (findings.some((finding) => finding.status === 'manual')) return 'manual';
  if (findings.every((finding) => [...PASSED, 'suggestion'].includes(finding.status)))
    return 'suggestionsOnly';
  return 'nothingToFix';
}
