import type { ScanReport } from '../../../shared/ipc.js';
import { forThisConnection } from '../components/card-order.js';
import { type CardStatus, cardStatus } from '../components/card-status.js';
import { format, plural, strings } from '../strings.js';

/**
 * The sentence a screen reader hears when a check ends: the side first, as the verdict says it, then the cards
 * counted as they are shown ("Problem on the remote computer: 1 step for you."). A card marked Warning counts as
 * a warning, not as a problem, so the numbers match what a sighted user sees.
 */
export function scanAnnouncement(scan: ScanReport): string {
  const statuses = forThisConnection(scan.findings).map((finding) => cardStatus(finding, scan.verdict.side));
  const count = (status: CardStatus) => statuses.filter((s) => s === status).length;
  const a = strings.checklist.announce;
  const parts = [
    plural(count('problem'), a.problemOne, a.problemMany),
    plural(count('warning'), a.warningOne, a.warningMany),
    plural(count('manual'), a.manualOne, a.manualMany),
    plural(count('suggestion'), a.suggestionOne, a.suggestionMany),
    plural(count('unknown'), a.unknownOne, a.unknownMany),
  ].filter((part): part is string => part !== null);
  const side = a.sides[scan.verdict.side];
  const said =
    parts.length === 0 ? format(a.none, { side }) : format(a.some, { side, parts: parts.join(', ') });
  const incoming = scan.findings.length - forThisConnection(scan.findings).length;
  return incoming > 0 ? `${said} ${plural(incoming, a.incomingOne, a.incomingMany) ?? ''}` : said;
}
