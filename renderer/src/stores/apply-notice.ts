import type { RepairId } from '../../../shared/findings.js';
import type { ApplyReport, ScanReport } from '../../../shared/ipc.js';
import { format, listInWords, plural, strings } from '../strings.js';
import type { Notice } from './checklist-types.js';

const OUTCOME_INTENT: Record<ApplyReport['outcome'], Notice['intent']> = {
  done: 'success',
  'nothing-to-do': 'info',
  'rolled-back': 'warning',
  'permission-not-granted': 'info',
  cancelled: 'info',
  failed: 'error',
};

/** Problems the check after the apply still finds that RDP Repair could fix: named by their cards. */
function stillThere(after: ScanReport): RepairId[] {
  const fixable = new Set(after.changes.map((change) => change.repairId));
  return after.findings
    .filter((finding) => finding.status === 'problem' && fixable.has(finding.repairId))
    .map((finding) => finding.repairId);
}

/**
 * The sentence that ends an apply, shown and announced. A finished run is told here in the app's own words,
 * from the report's counts and the check after it: the engine's sentence names repairs by their ids
 * ("certificates, saved-credentials"), which are for scripts, not for people (issue 27). Every other outcome
 * (declined, rolled back, failed) keeps the engine's sentence, which says what to do next.
 */
export function applyNotice(
  report: ApplyReport,
  after: ScanReport | null,
  titles: Partial<Record<RepairId, string>> = {},
): Notice {
  const intent = OUTCOME_INTENT[report.outcome];
  if (report.outcome !== 'done') return { intent, text: report.message };
  const a = strings.applied;
  const count = (state: ApplyReport['changes'][number]['state']) =>
    report.changes.filter((change) => change.state === state).length;
  const left = after ? stillThere(after) : [];
  const names = listInWords(left.map((id) => `“${titles[id] ?? strings.checklist.checked[id]}”`));
  const sentences = [
    plural(count('done'), a.madeOne, a.madeMany),
    left.length === 0
      ? null
      : format(left.length === 1 ? a.leftOne : a.leftMany, { count: left.length, names }),
    plural(count('skipped'), a.skippedOne, a.skippedMany),
  ];
  const text = sentences.filter((sentence): sentence is string => sentence !== null).join(' ');
  return { intent, text: text === '' ? report.message : text };
}
