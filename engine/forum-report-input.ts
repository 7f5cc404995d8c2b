import { formatHostTarget } from '../shared/host-name.js';
import type { RunSummary } from '../shared/ipc.js';
import type { SystemFacts } from '../shared/ops.js';
import { recentRdpEvents } from './repairs/event-logs.js';
import type { ForumReportInput } from './report/forum-report.js';
import type { ScanOutcome } from './scan.js';

const UNKNOWN_FACTS: SystemFacts = {
  build: 'unknown',
  edition: 'unknown',
  elevated: false,
  user: 'unknown',
  documentsFolder: 'unknown',
  powershellVersion: 'unknown',
};

/** What the forum report shows, from one scan and the run history. */
export function forumReportInput(scan: ScanOutcome, runs: RunSummary[], generatedAt: Date): ForumReportInput {
  const eventScan = scan.repairs.find((r) => r.repair.id === 'event-logs');
  return {
    facts: scan.facts ?? UNKNOWN_FACTS,
    host: formatHostTarget(scan.context.target),
    findings: scan.repairs.map((r) => r.finding),
    runs,
    events: eventScan ? recentRdpEvents(scan.context, eventScan.results) : [],
    generatedAt,
    verdict: scan.verdict,
  };
}
