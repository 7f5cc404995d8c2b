import {
  describeDisconnectReason,
  describeExtendedDisconnectReason,
  disconnectReasonName,
  extendedDisconnectReasonName,
} from '../../shared/disconnect-reasons.js';
import type { Finding, FindingStatus, RepairId } from '../../shared/findings.js';
import type { ConnectionTest, RunSummary } from '../../shared/ipc.js';
import type { MachineEvent, SystemFacts } from '../../shared/ops.js';
import type { Verdict } from '../../shared/verdict.js';
import {
  describeRdpEvent,
  EVENT_WINDOW_DAYS,
  eventServer,
  formatEventTime,
  RDP_CLIENT_CHANNEL,
} from '../repairs/event-logs.js';
import { type MarkdownView, whichSideSection } from './handoff-which-side.js';
import { codeBlock, codeSpan } from './markdown-text.js';
import { Redactor } from './redactor.js';

/** Everything the forum report shows; the engine gathers it from one scan plus the run history. */
export interface ForumReportInput {
  facts: SystemFacts;
  host: string;
  findings: Finding[];
  runs: RunSummary[];
  events: MachineEvent[];
  generatedAt: Date;
  /** What the user said after Test connection opened Remote Desktop Connection, if they said. */
  connectionTest?: ConnectionTest;
  /** Which side failed: the report opens with it, and with what to do there. */
  verdict?: Verdict;
}

export interface ForumReportOptions {
  /** Replace host names, user names and IP addresses with stable placeholders, certificates by their CN alone. */
  redact: boolean;
}

const REPAIR_LABELS: Record<RepairId, string> = {
  'udp-transport': 'UDP transport',
  certificates: 'RDP certificates',
  'saved-host-entry': 'Saved connection entry',
  'saved-credentials': 'Saved password',
  vpn: 'VPN',
  'security-software': 'Antivirus / firewall',
  connectivity: 'Name resolution and port',
  'event-logs': 'Event logs',
  'rdp-handshake': 'Handshake with the remote computer',
  'host-services': 'Remote Desktop services on this PC',
  'host-port': 'Remote Desktop port on this PC',
  'host-settings': 'Remote Desktop listener settings on this PC',
};

const STATUS_LABELS: Record<FindingStatus, string> = {
  ok: 'OK',
  problem: 'Problem',
  warning: 'Warning',
  suggestion: 'Suggestion',
  manual: 'Manual step needed',
  'not-applicable': 'Not applicable',
  unknown: 'Could not check',
};

const RUN_STATE_LABELS: Record<RunSummary['state'], string> = {
  'in-progress': 'unfinished',
  done: 'done',
  'rolled-back': 'rolled back after a failure',
  undone: 'undone',
  'partially-undone': 'partly undone',
  failed: 'failed',
};

// A forum post stays readable: the newest events tell the story, older ones are counted.
const MAX_EVENTS_SHOWN = 40;
const SOCKET_CLOSED = 2308;
const SERVER_DENIED = 7;

/** Turns one value that came from the machine into what the report shows of it: its code span, redacted or not. */
type Show = (text: string) => string;

function formatTime(date: Date): string {
  return formatEventTime(date.toISOString());
}

function errorSection(host: string, code: Show): string[] {
  return [
    '## The problem',
    '',
    `Remote Desktop Connection to ${code(host)} fails with error code **0x904**, extended error code **0x7**.`,
    '',
    `- **0x904** (${SOCKET_CLOSED}, \`${disconnectReasonName(SOCKET_CLOSED)}\`): ${describeDisconnectReason(SOCKET_CLOSED)}. ` +
      'The network connection was closed while Remote Desktop was connecting.',
    `- **0x7** (\`${extendedDisconnectReasonName(SERVER_DENIED)}\`): ${describeExtendedDisconnectReason(SERVER_DENIED)}.`,
    '',
  ];
}

function systemSection(input: ForumReportInput, code: Show): string[] {
  const { facts } = input;
  return [
    '## This computer',
    '',
    '| Item | Value |',
    '|---|---|',
    `| Windows | ${code(`${facts.edition}, build ${facts.build}`)} |`,
    `| PowerShell | ${code(facts.powershellVersion)} |`,
    `| Signed-in user | ${code(facts.user)} |`,
    `| Run as administrator | ${facts.elevated ? 'yes' : 'no'} |`,
    `| Remote computer | ${code(input.host)} |`,
    '',
  ];
}

function findingsSection(findings: readonly Finding[], code: Show): string[] {
  if (findings.length === 0) return ['## Checks', '', 'No checks were run.', ''];
  const lines = ['## Checks', '', '| Check | Result | Summary |', '|---|---|---|'];
  for (const f of findings) {
    lines.push(`| ${REPAIR_LABELS[f.repairId]} | ${STATUS_LABELS[f.status]} | ${code(f.summary)} |`);
  }
  lines.push('');
  for (const f of findings) {
    lines.push(`### ${REPAIR_LABELS[f.repairId]}: ${STATUS_LABELS[f.status]}`, '', code(f.summary), '');
    for (const e of f.evidence) lines.push(`- ${code(e.label)}: ${code(e.value)}`);
    if (f.evidence.length > 0) lines.push('');
  }
  return lines;
}

function runsSection(runs: readonly RunSummary[], code: Show): string[] {
  const lines = ['## What RDP Repair changed', ''];
  if (runs.length === 0) return [...lines, 'RDP Repair has not changed anything on this computer.', ''];
  const sorted = [...runs].sort((a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt));
  for (const run of sorted) {
    // The journal is the user's own file: a start time that is not a date is shown as data.
    const started = Number.isNaN(Date.parse(run.startedAt))
      ? code(run.startedAt)
      : formatTime(new Date(run.startedAt));
    lines.push(`### ${started}, for ${code(run.host)}: ${RUN_STATE_LABELS[run.state]}`, '');
    if (run.changes.length === 0) lines.push('- No changes.');
    for (const change of run.changes) {
      const notes = [REPAIR_LABELS[change.repairId]];
      if (change.undone) notes.push('since undone');
      else if (!change.reversible) notes.push('cannot be undone');
      lines.push(`- ${code(change.description)} (${notes.join(', ')})`);
    }
    lines.push('');
  }
  return lines;
}

function logLabel(channel: string): string {
  return channel.toLowerCase() === RDP_CLIENT_CHANNEL.toLowerCase() ? 'RDPClient/Operational' : channel;
}

function eventsSection(events: readonly MachineEvent[], code: Show): string[] {
  const lines = [`## Recent Remote Desktop events (last ${EVENT_WINDOW_DAYS} days, newest first)`, ''];
  if (events.length === 0) return [...lines, 'No Remote Desktop events or related errors were recorded.', ''];
  const sorted = [...events].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  lines.push('| Time | Log | Event | What it means |', '|---|---|---|---|');
  for (const e of sorted.slice(0, MAX_EVENTS_SHOWN)) {
    lines.push(
      `| ${formatEventTime(e.time)} | ${code(logLabel(e.channel))} | ${e.id} | ${code(describeRdpEvent(e))} |`,
    );
  }
  lines.push('');
  if (sorted.length > MAX_EVENTS_SHOWN) {
    lines.push(`${sorted.length - MAX_EVENTS_SHOWN} older events are not shown.`, '');
  }
  return lines;
}

function redactorFor(input: ForumReportInput): Redactor {
  const servers = input.events.map(eventServer).filter((s): s is string => s !== undefined);
  const redactor = new Redactor({
    hosts: [input.host, ...input.runs.map((r) => r.host), ...servers],
    users: [input.facts.user],
  });
  // The profile folder can name the user differently (alice.smith vs alice); reading it registers that name.
  redactor.learn(input.facts.documentsFolder);
  return redactor;
}

function connectionTestSection(answer: ConnectionTest | undefined): string[] {
  if (!answer) return [];
  const said = answer === 'connected' ? 'it connected' : 'it still did not connect';
  return [
    '## After the fixes',
    '',
    `RDP Repair opened Remote Desktop Connection to test it; the user says ${said}.`,
    '',
  ];
}

function markdown(input: ForumReportInput, view: MarkdownView, redacted: boolean): string {
  const code = view.span;
  const intro = redacted
    ? `_Made by RDP Repair on ${formatTime(input.generatedAt)}. Host names, user names and IP addresses are replaced by placeholders (host-1, user-1, ip-1); certificate names by their CN alone, and thumbprints by a digest (thumbprint-…) that matches only within this report._`
    : `_Made by RDP Repair on ${formatTime(input.generatedAt)}._`;
  return [
    '# Remote Desktop error 0x904 (extended 0x7): diagnostic report',
    '',
    intro,
    '',
    ...(input.verdict ? whichSideSection(input.verdict, input.findings, view) : []),
    ...errorSection(input.host, code),
    ...systemSection(input, code),
    ...findingsSection(input.findings, code),
    ...runsSection(input.runs, code),
    ...connectionTestSection(input.connectionTest),
    ...eventsSection(input.events, code),
  ].join('\n');
}

/**
 * Markdown for posting on a forum such as Microsoft Q&A. Redacted, each value from the machine is redacted
 * before it becomes Markdown, so a name is replaced whole whatever Markdown would have made of it. Every value
 * is read once first, so a name found late (an FQDN in an old event) is hidden where it shows first too.
 */
export function renderForumReport(input: ForumReportInput, options: ForumReportOptions): string {
  if (!options.redact) return markdown(input, { span: codeSpan, block: codeBlock }, false);
  const redactor = redactorFor(input);
  const learn = (text: string) => {
    redactor.learn(text);
    return [];
  };
  markdown(input, { span: (text) => learn(text).join(''), block: learn }, true);
  const block = (code: string, language: string) => codeBlock(redactor.redact(code), language);
  return markdown(input, { span: (text) => codeSpan(redactor.redact(text)), block }, true);
}
