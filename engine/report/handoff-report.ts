import type { Finding, RepairId } from '../../shared/findings.js';
import type { ConnectionTest, RunSummary } from '../../shared/ipc.js';
import type { Verdict } from '../../shared/verdict.js';
import { visibleText } from '../../shared/visible-text.js';
import { formatEventTime } from '../repairs/event-logs.js';
import { type MarkdownView, SIDE_SENTENCES, whichSideSection } from './handoff-which-side.js';
import { codeBlock, codeSpan } from './markdown-text.js';

/*
 * The hand-off: one plain page (Markdown that reads as text) for the administrator of the remote computer,
 * when the fault is there or on the way to it. It goes to the user's own IT, not to a public forum, so it names
 * the computer by its real name: nothing is redacted. Machine text is still data (code spans, one line each).
 */

export interface HandoffInput {
  /** The computer as the user typed it (formatted target): the real name. */
  host: string;
  verdict: Verdict;
  findings: readonly Finding[];
  /** The journal's runs; only those for this computer are shown. */
  runs: readonly RunSummary[];
  /** The answer to "Did it connect?" after Test connection, if given. */
  connectionTest?: ConnectionTest;
  /** Cards whose steps the user marked "I did this". */
  manualDone?: readonly RepairId[];
  generatedAt: Date;
}

const VIEW: MarkdownView = { span: codeSpan, block: codeBlock };

const MANUAL_LABELS: Partial<Record<RepairId, string>> = {
  vpn: 'VPN',
  'security-software': 'Antivirus / firewall',
};

/** The evidence an administrator needs: what the handshake and the reachability check saw. */
const EVIDENCE_FROM: readonly RepairId[] = ['rdp-handshake', 'connectivity'];

/** "server01:3389" and "SERVER01" are one computer; the default port is left out. */
function sameComputer(a: string, b: string): boolean {
  const key = (host: string) =>
    host
      .trim()
      .toLowerCase()
      .replace(/:3389$/, '');
  return key(a) === key(b);
}

function evidenceSection(findings: readonly Finding[]): string[] {
  const rows = EVIDENCE_FROM.flatMap(
    (id) =>
      findings
        .find((f) => f.repairId === id)
        ?.evidence.map((e) => `- ${codeSpan(e.label)}: ${codeSpan(e.value)}`) ?? [],
  );
  if (rows.length === 0) return [];
  return ['## What the check saw', '', ...rows, ''];
}

function runLines(input: HandoffInput): string[] {
  const runs = input.runs
    .filter((run) => sameComputer(run.host, input.host))
    .sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  return runs.flatMap((run) => {
    // The journal is the user's own file: a start time that is not a date is shown as data.
    const when = Number.isNaN(Date.parse(run.startedAt))
      ? codeSpan(run.startedAt)
      : formatEventTime(run.startedAt);
    const changes = run.changes.map((c) => `${codeSpan(c.description)}${c.undone ? ' (since undone)' : ''}`);
    return [`- ${when}, ${run.state}: ${changes.length > 0 ? changes.join('; ') : 'no changes'}`];
  });
}

function triedSection(input: HandoffInput): string[] {
  const lines = runLines(input);
  for (const id of input.manualDone ?? []) {
    const label = MANUAL_LABELS[id];
    if (label) lines.push(`- The user followed the steps of "${label}" on this PC.`);
  }
  if (input.connectionTest) {
    const said = input.connectionTest === 'connected' ? 'it connected' : 'it still did not connect';
    lines.push(`- RDP Repair opened Remote Desktop Connection to test it; the user says ${said}.`);
  }
  const nothing = `Nothing yet: RDP Repair changed nothing on this PC for ${codeSpan(input.host)}.`;
  return ['## What this PC already tried', '', ...(lines.length > 0 ? lines : [nothing]), ''];
}

export function renderHandoffReport(input: HandoffInput): string {
  const host = codeSpan(input.host);
  return [
    `# Remote Desktop to ${host} fails with error 0x904`,
    '',
    `_For the administrator of ${host}, from RDP Repair on ${formatEventTime(input.generatedAt.toISOString())}._`,
    '',
    `Remote Desktop Connection from this PC to ${host} fails with error code 0x904, extended error code 0x7: ` +
      'the connection was closed while it was being set up, by that computer or by something on the way to it.',
    '',
    ...whichSideSection(input.verdict, input.findings, VIEW),
    ...evidenceSection(input.findings),
    ...triedSection(input),
  ].join('\n');
}

/** The mail's subject: plain text, one line. */
export function handoffSubject(input: Pick<HandoffInput, 'host' | 'verdict'>): string {
  const side = SIDE_SENTENCES[input.verdict.side];
  return `Remote Desktop to ${visibleText(input.host, 120)} fails: ${side.charAt(0).toLowerCase()}${side.slice(1)}`;
}

/** A file name from the computer's name: letters, digits, dots and hyphens only. */
export function handoffFileName(host: string): string {
  const safe = host
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return `remote-desktop-${safe === '' ? 'computer' : safe}.md`;
}
