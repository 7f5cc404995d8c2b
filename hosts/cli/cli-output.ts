import type { Plan } from '../../engine/plan.js';
import { SERVER_MAP_LABELS } from '../../engine/repairs/handshake-reading.js';
import type { Finding } from '../../shared/findings.js';
import type { ApplyReport, ChangeView, RunStats, ScanReport, UndoReport } from '../../shared/ipc.js';
import { visibleText } from '../../shared/visible-text.js';

const STATUS_LABELS: Record<Finding['status'], string> = {
  ok: 'OK',
  problem: 'PROBLEM',
  warning: 'WARNING',
  suggestion: 'SUGGESTION',
  manual: 'MANUAL',
  'not-applicable': 'N/A',
  unknown: 'UNKNOWN',
};

/** Longer machine text is cut, with the count of what was left out. */
const MAX_FIELD = 100_000;

/**
 * One field of machine text (a summary, a name, a message) as it goes into a line: every control character,
 * line feeds and carriage returns included, and every bidi or invisible character shows as a visible escape,
 * so the field can neither start a line of its own ("[OK] all checks passed") nor act on the terminal.
 */
export function field(text: string): string {
  return visibleText(text, MAX_FIELD);
}

/**
 * What reaches the terminal, as a last guard: the lines built here already hold escaped fields; anything else
 * (a caller's own text) is shown line by line the same way. JSON output keeps its meaning and spells every
 * such character as a \u escape, so a terminal never acts on it.
 */
export function terminalText(text: string): string {
  return text
    .split('\n')
    .map((line) => visibleText(line, MAX_FIELD))
    .join('\n');
}

export function terminalJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g,
    (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}

/** `{ "udp-transport": { status, summary } }`: what scripts check. */
export function repairsById(
  findings: readonly Finding[],
): Record<string, { status: string; summary: string }> {
  return Object.fromEntries(findings.map((f) => [f.repairId, { status: f.status, summary: f.summary }]));
}

/** Evidence printed under its check: the remote computer's map, which the summary does not say. */
const PRINTED_EVIDENCE = new Set<string>(Object.values(SERVER_MAP_LABELS));

export function formatFindings(findings: readonly Finding[]): string[] {
  const lines: string[] = [];
  for (const f of findings) {
    lines.push(`[${STATUS_LABELS[f.status]}] ${f.repairId}: ${field(f.summary)}`);
    for (const e of f.evidence)
      if (PRINTED_EVIDENCE.has(e.label)) lines.push(`    ${field(e.label)}: ${field(e.value)}`);
    for (const step of f.instructions) lines.push(`    - ${field(step)}`);
  }
  return lines;
}

function formatChange(change: Pick<ChangeView, 'id' | 'description' | 'scope' | 'reversible'>): string {
  const tags = [
    change.scope === 'machine' ? 'needs administrator' : 'as you',
    change.reversible ? 'undoable' : 'cannot be undone',
  ];
  return `  - ${field(change.id)} (${tags.join(', ')}): ${field(change.description)}`;
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
  const lines = [`${SIDE_WORDS[verdict.side]}: ${field(verdict.summary)}`];
  if (verdict.remoteFix) {
    lines.push(
      '',
      'Fix it on the remote computer:',
      ...verdict.remoteFix.steps.map((s, i) => `  ${i + 1}. ${field(s)}`),
    );
    // The script is several lines by design; each of its lines is a field of its own.
    lines.push('', ...verdict.remoteFix.powershell.split('\n').map((l) => `    ${field(l)}`));
  }
  return lines;
}

/** What a scan names as checked, and the command that makes its changes: --this-pc words both its own way. */
export interface ScanWords {
  checked: string;
  fixCommand: string;
}

export function formatScan(report: ScanReport, words?: ScanWords): string {
  const lines = [
    ...formatVerdict(report.verdict),
    '',
    field(report.mode.sentence),
    `Checked ${words ? words.checked : field(report.host)} (${formatStats(report.stats)}):`,
    ...formatFindings(report.findings),
  ];
  if (report.changes.length > 0) {
    const fix = words?.fixCommand ?? 'rdp-repair fix';
    lines.push('', `${fix} would make these changes:`, ...report.changes.map(formatChange));
  }
  return lines.join('\n');
}

export function formatPlan(report: ScanReport, plan: Plan): string {
  const lines = [`Dry run for ${field(report.host)}: nothing is changed.`];
  if (plan.changes.length === 0) lines.push('No change would be made.');
  else {
    lines.push('These changes would be made:');
    for (const change of plan.changes) {
      lines.push(formatChange({ ...change, reversible: change.inverse !== null }));
    }
  }
  for (const { change, reason } of plan.skipped)
    lines.push(`  - ${field(change.id)} would be skipped: ${field(reason)}`);
  return lines.join('\n');
}

export function formatApply(report: ApplyReport, stats: RunStats): string {
  const lines = [field(report.message)];
  if (report.runId) {
    const runId = field(report.runId);
    lines.push(`Run id: ${runId} (undo it with: rdp-repair undo ${runId})`);
  }
  if (report.restorePoint) lines.push(field(report.restorePoint.message));
  for (const c of report.changes)
    lines.push(`  - ${field(c.changeId)}: ${c.state}${c.message ? ` (${field(c.message)})` : ''}`);
  if (report.verification)
    lines.push('', 'Check after the changes:', ...formatFindings(report.verification.findings));
  if (report.nextSteps.length > 0) lines.push('', 'Next:', ...report.nextSteps.map((s) => `  - ${field(s)}`));
  lines.push('', `(${formatStats(stats)})`);
  return lines.join('\n');
}

export function formatUndo(report: UndoReport): string {
  return [field(report.message), ...report.undoneChangeIds.map((id) => `  - ${field(id)}: undone`)].join(
    '\n',
  );
}
