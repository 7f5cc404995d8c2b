import type { Finding } from '../../../shared/findings.js';
import { format, strings } from '../strings.js';

/**
 * The sentence a screen reader hears when a check ends: counts, most urgent first ("Check finished:
 * 2 problems, 1 suggestion."). Warnings count as problems here; they need the user's eyes as much.
 */
export function scanAnnouncement(findings: readonly Finding[]): string {
  const count = (...statuses: Finding['status'][]) =>
    findings.filter((f) => statuses.includes(f.status)).length;
  const a = strings.checklist.announce;
  const parts = [
    plural(count('problem', 'warning'), a.problemOne, a.problemMany),
    plural(count('manual'), a.manualOne, a.manualMany),
    plural(count('suggestion'), a.suggestionOne, a.suggestionMany),
    plural(count('unknown'), a.unknownOne, a.unknownMany),
  ].filter((part): part is string => part !== null);
  return parts.length === 0 ? a.none : format(a.some, { parts: parts.join(', ') });
}

function plural(count: number, one: string, many: string): string | null {
  if (count === 0) return null;
  return count === 1 ? one : format(many, { count });
}
