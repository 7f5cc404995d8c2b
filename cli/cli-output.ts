import type { Plan } from '../engine/plan.js';
import type { Finding } from '../shared/findings.js';
import type { ApplyReport, ChangeView, RunStats, ScanReport, UndoReport } from '../shared/ipc.js';
import { visibleText } from '../shared/visible-text.js';

const STATUS_LABELS: Record<Finding['status'], string> = {
  ok: 'OK',
  problem: 'PROBLEM',
  warning: 'WARNING',
  suggestion: 'SUGGESTION',
  manual: 'MANUAL',
  'not-applicable': 'N/A',
  unknown: 'UNKNOWN',
};

/**
 * What reaches the terminal: machine text may carry escape sequences or bidi overrides that fake a line
 * ("[OK] all checks passed"). Text output shows them as visible escapes line by line; JSON output keeps its
 * meaning and spells them as \u escapes, so a terminal never acts on them.
 */
export function terminalText(text: string): string {
  return text
    .split('\n')
    .map((line) => visibleText(line, 100_000))
    .join('\n');
}

export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** `{ "udp-transport": { status, summary } }`: what scripts check. */
export function repairsById(
  findings: readonly Finding[],
): Record<string, { status: string; summary: string }> {
  return Object.fromEntries(findings.map((f) => [f.repairId, { status: f.status, summary: f.summary }]));
}

export function formatFindings(findings: readonly Finding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`[${STATUS_LABELS[f.status]}] ${f.repairId}: ${f.summary}`);
    for (const step of f.instructions) lines.push(`    - ${step}`);
  }
  return lines;
}

function formatChange(change: Pick<ChangeView, 'id' | 'description' | 'scope' | 'reversible'>): string {
  const tags = [
    change.scope === 'machine' ? 'needs administrator' : 'as you',
    change.reversible ? 'undoable' : 'cannot be undone',
  ];
  return `  - ${change.id} (${tags.join(', ')}): ${change.description}`;
}

function formatStats(stats: RunStats): string {
  return `${stats.opsExecuted} ops in ${stats.roundTrips} round trip${stats.roundTrips === 1 ? '' : 's'}`;
}

const SIDE_WORDS: Record<ScanReport['verdict']['side'], string> = {
  'this-pc': 'This PC',
  network: 'The network path',
  'remote-pc': 'The remote computer',
  none: 'Nothing wrong',
  unknown: 'Not known',
};

/** The verdict first: which side failed, in one sentence, then what the remote administrator can do. */
export function formatVerdict(verdict: ScanReport['verdict']): string[] {
  const lines = [`${SIDE_WORDS[verdict.side]}: ${verdict.summary}`];
  if (verdict.remoteFix) {
    lines.push(
      '',
      'Fix it on the remote computer:',
      ...verdict.remoteFix.steps.map((s, i) => `  ${i + 1}. ${s}`),
    );
    lines.push('', ...verdict.remoteFix.powershell.split('\n').map((l) => `    ${l}`));
  }
  return lines;
}

export function formatScan(report: ScanReport): string {
  const lines = [
    ...formatVerdict(report.verdict),
    '',
    report.mode.sentence,
    `Checked ${report.host} (${formatStats(report.stats)}):`,
    ...formatFindings(report.findings),
  ];
  if (report.changes.length > 0) {
    lines.push('', 'rdp-repair fix would make these changes:', ...report.changes.map(formatChange));
  }
  return lines.join('\n');
}

export function formatPlan(report: ScanReport, plan: Plan): string {
  const lines = [`Dry run for ${report.host}: nothing is changed.`];
  if (plan.changes.length === 0) lines.push('No change would be made.');
  else {
    lines.push('These changes would be made:');
    for (const change of plan.changes) {
      lines.push(formatChange({ ...change, reversible: change.inverse !== null }));
    }
  }
  for (const { change, reason } of plan.skipped) lines.push(`  - ${change.id} would be skipped: ${reason}`);
  return lines.join('\n');
}

export function formatApply(report: ApplyReport, stats: RunStats): string {
  const lines = [report.message];
  if (report.runId) lines.push(`Run id: ${report.runId} (undo it with: rdp-repair undo ${report.runId})`);
  if (report.restorePoint) lines.push(report.restorePoint.message);
  for (const c of report.changes)
    lines.push(`  - ${c.changeId}: ${c.state}${c.message ? ` (${c.message})` : ''}`);
  if (report.verification)
    lines.push('', 'Check after the changes:', ...formatFindings(report.verification.findings));
  if (report.nextSteps.length > 0) lines.push('', 'Next:', ...report.nextSteps.map((s) => `  - ${s}`));
  lines.push('', `(${formatStats(stats)})`);
  return lines.join('\n');
}

export function formatUndo(report: UndoReport): string {
  return [report.message, ...report.undoneChangeIds.map((id) => `  - ${id}: undone`)].join('\n');
}
