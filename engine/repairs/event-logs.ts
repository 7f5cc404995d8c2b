import {
  describeDisconnectReason,
  describeExtendedDisconnectReason,
} from '../../shared/disconnect-reasons.js';
import type { Finding } from '../../shared/findings.js';
import { formatHostTarget } from '../../shared/host-name.js';
import { EventsResultSchema, type MachineEvent, type Op, type OpResult } from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';
import {
  EVENT_WINDOW_DAYS,
  eventWindowStart,
  formatEventTime,
  MAX_EVENTS_PER_LOG,
} from '../windows/event-window.js';
import {
  connectionsTo,
  dataValue,
  disconnectReasonOf,
  eventServer,
  groupConnections,
  isRdpClientEvent,
  numberIn,
  RDP_CLIENT_CHANNEL,
  RDP_CLIENT_EVENT_IDS,
  type RdpConnection,
  STAGE_WORDS,
} from '../windows/rdp-client-connections.js';
import {
  describeServerConnection,
  describeServerEvent,
  groupServerConnections,
  isServerRoleEvent,
  SERVER_CONNECTION_EVENT_IDS,
  shortChannel,
} from '../windows/server-connections.js';
import { shownOnCertificateCard } from './certificates-host-events.js';

export { EVENT_WINDOW_DAYS, formatEventTime, MAX_EVENTS_PER_LOG } from '../windows/event-window.js';
export {
  disconnectReasonOf,
  eventServer,
  RDP_CLIENT_CHANNEL,
  RDP_CLIENT_EVENT_IDS,
  SOCKET_CLOSED_REASON,
} from '../windows/rdp-client-connections.js';

// Errors from these providers in System are about RDP: TLS and the client, and (server role) the RDP transport
// driver and the RDP services, which matter only when this PC accepts connections (host mode). Windows writes
// most of the server role's events to their own channels (server-connections.ts), read beside System.
const SERVER_ROLE_PROVIDERS = [
  'TermDD',
  'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
  'Microsoft-Windows-TerminalServices-LocalSessionManager',
  'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS',
];
const SYSTEM_PROVIDERS = [
  'Schannel',
  'Microsoft-Windows-TerminalServices-ClientActiveXCore',
  ...SERVER_ROLE_PROVIDERS,
];
// In Application, crashes and hangs are relevant only when they name the Remote Desktop client (filtered below).
const APPLICATION_PROVIDERS = ['Application Error', 'Application Hang'];
const RDP_CLIENT_BINARY = /\bmstsc(ax)?\.(exe|dll)\b/i;
const ERROR_LEVELS: ('Critical' | 'Error')[] = ['Critical', 'Error'];
const EVIDENCE_LINES = 20;

export function eventLogReads(ctx: RepairContext): Op[] {
  const from = eventWindowStart(ctx.now);
  // Reads are named before host mode is known (one batch), so the server channels are always asked for.
  const server = Object.entries(SERVER_CONNECTION_EVENT_IDS).map(
    ([channel, ids]): Op => ({
      op: 'events.query',
      channel: channel as Extract<Op, { op: 'events.query' }>['channel'],
      ids: [...ids],
      since: from,
      max: MAX_EVENTS_PER_LOG,
    }),
  );
  return [
    {
      op: 'events.query',
      channel: RDP_CLIENT_CHANNEL,
      ids: [...RDP_CLIENT_EVENT_IDS],
      since: from,
      max: MAX_EVENTS_PER_LOG,
    },
    {
      op: 'events.query',
      channel: 'System',
      providers: SYSTEM_PROVIDERS,
      levels: ERROR_LEVELS,
      since: from,
      max: MAX_EVENTS_PER_LOG,
    },
    {
      op: 'events.query',
      channel: 'Application',
      providers: APPLICATION_PROVIDERS,
      levels: ERROR_LEVELS,
      since: from,
      max: MAX_EVENTS_PER_LOG,
    },
    ...server,
  ];
}

function serverOf(event: MachineEvent): string {
  const server = eventServer(event);
  return server ? ` ${server}` : '';
}

function firstLine(text: string | undefined): string {
  const line = (text ?? '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line.trim();
}

/** One line in plain words, with decoded reason codes. */
export function describeRdpEvent(event: MachineEvent): string {
  if (isRdpClientEvent(event)) {
    switch (event.id) {
      case 1024:
        return `Remote Desktop client is connecting to${serverOf(event) || ' the server'}`;
      case 1026: {
        const reason = disconnectReasonOf(event);
        const extended = numberIn(dataValue(event, ['extendedReason']));
        const parts = [reason === undefined ? 'reason not recorded' : describeDisconnectReason(reason)];
        if (extended !== undefined) parts.push(describeExtendedDisconnectReason(extended));
        return `Remote Desktop client was disconnected: ${parts.join('; ')}`;
      }
      case 1102:
        return `Remote Desktop client started a UDP (multi-transport) connection to${serverOf(event) || ' the server'}`;
      case 1105:
        return 'Remote Desktop client UDP (multi-transport) connection ended';
    }
  }
  const server = isServerRoleEvent(event) ? describeServerEvent(event) : undefined;
  if (server) return `${server.charAt(0).toUpperCase()}${server.slice(1)}`;
  const source = [event.provider, event.level].filter(Boolean).join(', ');
  const text = firstLine(event.message);
  return `${source ? `${source}: ` : ''}event ${event.id}${text ? ` — ${text}` : ''}`;
}

function isRelevant(event: MachineEvent, from: number, hostMode: boolean): boolean {
  if (Date.parse(event.time) < from) return false;
  const serverRole =
    isServerRoleEvent(event) ||
    SERVER_ROLE_PROVIDERS.some((p) => p.toLowerCase() === (event.provider ?? '').toLowerCase());
  if (!hostMode && serverRole) return false;
  // In host mode the certificates card shows what Windows logged about its certificate.
  if (hostMode && shownOnCertificateCard(event)) return false;
  if (event.channel.toLowerCase() !== 'application') return true;
  return (
    RDP_CLIENT_BINARY.test(event.message ?? '') ||
    Object.values(event.data).some((v) => RDP_CLIENT_BINARY.test(String(v)))
  );
}

interface CollectedEvents {
  events: MachineEvent[];
  failures: { channel: string; message: string }[];
  /** The reads that count for this PC: the server channels only in host mode. */
  reads: number;
}

function collect(ctx: RepairContext, results: readonly OpResult[]): CollectedEvents {
  const from = Date.parse(eventWindowStart(ctx.now));
  const hostMode = ctx.hostMode?.acceptsConnections === true;
  const collected: CollectedEvents = { events: [], failures: [], reads: 0 };
  for (const [index, op] of eventLogReads(ctx).entries()) {
    if (op.op !== 'events.query') continue;
    const serverChannel = isServerRoleEvent({ channel: op.channel, id: 0, time: '', data: {} });
    if (serverChannel && !hostMode) continue;
    collected.reads += 1;
    const result = results[index];
    const parsed = result?.ok ? EventsResultSchema.safeParse(result.value) : undefined;
    if (parsed?.success) {
      collected.events.push(...parsed.data.filter((e) => isRelevant(e, from, hostMode)));
    } else {
      const message = !result
        ? 'no result'
        : !result.ok
          ? result.error.message
          : 'the events were not in the expected shape';
      collected.failures.push({ channel: op.channel, message });
    }
  }
  collected.events.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return collected;
}

/** The recent RDP-related events from this repair's read results, newest first (for the forum report). */
export function recentRdpEvents(ctx: RepairContext, results: readonly OpResult[]): MachineEvent[] {
  return collect(ctx, results).events;
}

function channelLabel(channel: string): string {
  return channel.toLowerCase() === RDP_CLIENT_CHANNEL.toLowerCase() ? 'RDP client' : shortChannel(channel);
}

type Line = Finding['evidence'][number] & { time: string };

/**
 * One line per event, except the server role's: one line per incoming connection attempt, its events in
 * order. Newest first.
 */
function evidenceLines(events: readonly MachineEvent[]): Line[] {
  const lines: Line[] = events
    .filter((e) => !isServerRoleEvent(e))
    .map((e) => ({
      time: e.time,
      label: `${formatEventTime(e.time)} · ${channelLabel(e.channel)} ${e.id}`,
      value: describeRdpEvent(e),
    }));
  for (const attempt of groupServerConnections(events)) {
    lines.push({
      time: attempt.started,
      label: `${formatEventTime(attempt.started)} · Incoming connection`,
      value: describeServerConnection(attempt),
    });
  }
  return lines.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

// Rule: never a `problem`. Past events are information: a `warning` when the target's last attempt ended with an
// error code, with the stage it failed at, said as history ("that was before this check"). It gives no advice of
// its own: what to do is the verdict's and the other cards' (issue 27: advice only while it applies; once a check
// passes, the app shows this card as "Earlier").

/** The newest attempt to the target that ended with an error code (1, 2 and 3 are normal endings). */
function lastFailure(connections: readonly RdpConnection[]): RdpConnection | undefined {
  return [...connections].reverse().find((c) => c.disconnectReason !== undefined && c.disconnectReason > 3);
}

const EXPLANATION =
  'Windows records every Remote Desktop connection attempt. Event 1026 gives the reason of each disconnection: ' +
  'reason 2308 (0x904) means the network socket was closed during the connection, typically by UDP being dropped ' +
  'on the way, a VPN, or security software. Errors from the RDP driver (TermDD) or TLS (Schannel) point at certificates ' +
  'or the network. When this computer accepts connections, the Remote Desktop services log each incoming attempt in ' +
  'their own logs (RemoteConnectionManager, RdpCoreTS, LocalSessionManager): how far it got shows where it stopped.';

export const eventLogsRepair: Repair = {
  id: 'event-logs',
  title: 'Read the recent Remote Desktop events',
  reads: eventLogReads,
  diagnose(ctx, results): Finding {
    const { events, failures, reads } = collect(ctx, results);
    const lines = evidenceLines(events);
    const evidence: Finding['evidence'] = lines
      .slice(0, EVIDENCE_LINES)
      .map(({ label, value }) => ({ label, value }));
    if (lines.length > EVIDENCE_LINES) {
      evidence.push({ label: 'More', value: `${lines.length - EVIDENCE_LINES} older events not shown` });
    }
    for (const failure of failures) {
      evidence.push({ label: `Could not read ${channelLabel(failure.channel)}`, value: failure.message });
    }
    const finding = (status: Finding['status'], summary: string): Finding => ({
      repairId: 'event-logs',
      status,
      summary,
      explanation: EXPLANATION,
      evidence,
      instructions: [],
    });

    const failed = lastFailure(connectionsTo(ctx.target, groupConnections(events)));
    if (failed) {
      const reason = failed.disconnectReason as number;
      return finding(
        'warning',
        `The last attempt to reach ${formatHostTarget(ctx.target)}, on ${formatEventTime(failed.started)}, failed ${STAGE_WORDS[failed.stage]}: ${describeDisconnectReason(reason)}. That was before this check.`,
      );
    }
    if (failures.length === reads) {
      return finding('unknown', 'Could not read the event logs.');
    }
    return finding(
      'ok',
      events.length === 0
        ? `No Remote Desktop events or errors in the last ${EVENT_WINDOW_DAYS} days.`
        : `No 0x904 disconnections in the last ${EVENT_WINDOW_DAYS} days (${events.length} other Remote Desktop events).`,
    );
  },
  plan: () => [],
};
