import type { PlannedChange, RepairId } from '../shared/findings.js';
import type { ScanOutcome } from './scan.js';

export interface PlanSelection {
  /** Only these repairs; all when absent or empty. */
  only?: readonly RepairId[];
  /** Only these change ids (one card's Fix); all planned changes when absent. */
  changeIds?: readonly string[];
  /** Irreversible changes the user consented to, by id, or all of them. */
  allowIrreversible: readonly string[] | 'all';
  /**
   * Changes of `suggestion` findings the user ticked, by id, or all of them. Without this they are left out:
   * a suggestion has no evidence behind it. A change named in `changeIds` (one card's Fix) is chosen already.
   */
  includeSuggestions?: readonly string[] | 'all';
}

export interface SkippedChange {
  change: PlannedChange;
  /**
   * Left out because it cannot be undone and had no consent, because it is an unticked suggestion, or because it
   * is about people who connect to this PC (its own listener) while another computer was checked.
   */
  why: 'irreversible' | 'suggestion' | 'incoming';
  reason: string;
}

/** "2 suggestions and 1 change that cannot be undone were left out", or '' when nothing was. */
export function leftOutText(skipped: readonly SkippedChange[]): string {
  const suggestions = skipped.filter((s) => s.why === 'suggestion').length;
  const incoming = skipped.filter((s) => s.why === 'incoming').length;
  const irreversible = skipped.length - suggestions - incoming;
  const parts = [
    ...(suggestions > 0
      ? [`${suggestions} suggestion${suggestions === 1 ? '' : 's'} you did not choose`]
      : []),
    ...(incoming > 0
      ? [
          `${incoming} change${incoming === 1 ? '' : 's'} for people who connect to this PC, which you did not choose`,
        ]
      : []),
    ...(irreversible > 0
      ? [`${irreversible} change${irreversible === 1 ? '' : 's'} that cannot be undone, without your consent`]
      : []),
  ];
  return parts.length > 0 ? `Left out: ${parts.join(', and ')}.` : '';
}

export interface Plan {
  changes: PlannedChange[];
  /** Irreversible changes left out for lack of consent, and suggestions the user did not tick. */
  skipped: SkippedChange[];
}

function consented(change: PlannedChange, allow: PlanSelection['allowIrreversible']): boolean {
  return allow === 'all' || allow.includes(change.id);
}

function included(change: PlannedChange, include: PlanSelection['includeSuggestions']): boolean {
  return include === 'all' || (include ?? []).includes(change.id);
}

/** The changes to make, from a scan and what the user chose. Pure. */
export function planChanges(scan: ScanOutcome, selection: PlanSelection): Plan {
  const plan: Plan = { changes: [], skipped: [] };
  for (const { repair, changes, finding } of scan.repairs) {
    if (selection.only?.length && !selection.only.includes(repair.id)) continue;
    for (const change of changes) {
      if (selection.changeIds && !selection.changeIds.includes(change.id)) continue;
      const chosen =
        selection.changeIds?.includes(change.id) === true || included(change, selection.includeSuggestions);
      if (finding.status === 'suggestion' && !chosen) {
        plan.skipped.push({
          change,
          why: 'suggestion',
          reason: 'A suggestion, with no evidence that it is needed: made only when you choose it.',
        });
        continue;
      }
      if (finding.incoming === true && !chosen) {
        plan.skipped.push({
          change,
          why: 'incoming',
          reason:
            'For people who connect to this PC, not for the connection you checked: made only when you choose it.',
        });
        continue;
      }
      if (change.inverse === null && !consented(change, selection.allowIrreversible)) {
        const why = change.irreversibleReason ?? 'it cannot be undone';
        plan.skipped.push({
          change,
          why: 'irreversible',
          reason: `Not made without your consent, because it cannot be undone: ${why}`,
        });
        continue;
      }
      plan.changes.push(change);
    }
  }
  return plan;
}
