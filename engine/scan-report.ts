import { formatHostTarget } from '../shared/host-name.js';
import type { RunStats, ScanReport } from '../shared/ipc.js';
import type { Question } from '../shared/question.js';
import { type ChangePreview, toChangeView } from './change-view.js';
import type { ScanOutcome } from './scan.js';

/** What a scan shows the user: every finding, and every change a Fix would make (with the host's preview). */
export function toScanReport(
  scan: ScanOutcome,
  stats: RunStats,
  preview: ChangePreview,
  question: Question = 'outgoing',
): ScanReport {
  return {
    host: formatHostTarget(scan.context.target),
    // Absent means outgoing, as in reports written before the incoming question existed.
    ...(question === 'incoming' ? { question } : {}),
    scannedAt: scan.context.now.toISOString(),
    verdict: scan.verdict,
    mode: scan.hostMode,
    ...(scan.handshake ? { handshake: scan.handshake } : {}),
    findings: scan.repairs.map((r) => r.finding),
    changes: scan.repairs.flatMap((r) => r.changes.map((change) => toChangeView(change, preview))),
    stats,
  };
}
