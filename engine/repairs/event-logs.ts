import {
  describeDisconnectReason,
  describeExtendedDisconnectReason,
} from '../../shared/disconnect-reasons.js';
import type { Finding } from '../../shared/findings.js';
import { EventsResultSchema, type MachineEvent, type Op, type OpResult } from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';

export const RDP_CLIENT_CHANNEL = 'Microsoft-Windows-TerminalServices-RDPClient/Operational';
/** 1024 connecting, 1026 disconnected (with reason code), 1102/1105 UDP multi-transport started/ended. */
export const RDP_CLIENT_EVENT_IDS = [1024, 1026, 1102, 1105] as const;
export const EVENT_WINDOW_DAYS = 7;
export const MAX_EVENTS_PER_LOG = 200;
export const SOCKET_CLOSED_REASON = 2308;

// Errors from these providers in System are about RDP: the RDP transport driver, TLS, and the RDP services.
const SYSTEM_PROVIDERS = [
  'TermDD',
  'Schannel',
  'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
  'Microsoft-Windows-TerminalServices-LocalSessionManager',
  'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS',
  'Microsoft-Windows-TerminalServices-ClientActiveXCore',
];
// In Application, crashes and hangs are relevant only when they name the Remote Desktop client (filtered below).
const APPLICATION_PROVIDERS = ['Application Error', 'Application Hang'];
const RDP_CLIENT_BINARY = /\bmstsc(ax)?\.(exe|dll)\b/i;
const ERROR_LEVELS: ('Critical' | 'Error')[] = ['Critical', 'Error'];
const EVIDENCE_LINES = 20;

function since(now: Date): string {
  return new Date(now.getTime() - EVENT_WINDOW_DAYS * 24 * 3600 * 1000).toISOString();
}

export function eventLogReads(ctx: RepairContext): Op[] {
  const from = since(ctx.now);
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
  ];
}

function numberIn(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

function dataValue(event: MachineEvent, keys: readonly string[]): string | number | undefined {
  const wanted = keys.map((k) => k.toLowerCase());
  for (const [key, value] of Object.entries(event.data)) {
    if (wanted.includes(key.toLowerCase())) return value;
  }
  return undefined;
}

function isRdpClientEvent(event: MachineEvent): boolean {
  return event.channel.toLowerCase() === RDP_CLIENT_CHANNEL.toLowerCase();
}

/** The disconnect reason of a 1026 event: the `reason` field, Windows' own `Value` field, or "(Reason= N)" in the text. */
export function disconnectReasonOf(event: MachineEvent): number | undefined {
  if (!isRdpClientEvent(event) || event.id !== 1026) return undefined;
  const fromData = numberIn(dataValue(event, ['reason', 'Value']));
  if (fromData !== undefined) return fromData;
  const match = /Reason\s*=\s*(\d+)/i.exec(event.message ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The server a 1024/1102 event names, when it records one. */
export function eventServer(event: MachineEvent): string | undefined {
  if (!isRdpClientEvent(event) || (event.id !== 1024 && event.id !== 1102)) return undefined;
  const value = dataValue(event, ['server', 'host', 'Value', 'ServerName']);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
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
  const source = [event.provider, event.level].filter(Boolean).join(', ');
  const text = firstLine(event.message);
  return `${source ? `${source}: ` : ''}event ${event.id}${text ? ` — ${text}` : ''}`;
}

function isRelevant(event: MachineEvent, from: number): boolean {
  if (Date.parse(event.time) < from) return false;
  if (event.channel.toLowerCase() !== 'application') return true;
  return (
    RDP_CLIENT_BINARY.test(event.message ?? '') ||
    Object.values(event.data).some((v) => RDP_CLIENT_BINARY.test(String(v)))
  );
}

interface CollectedEvents {
  events: MachineEvent[];
  failures: { channel: string; message: string }[];
}

function collect(ctx: RepairContext, results: readonly OpResult[]): CollectedEvents {
  const from = Date.parse(since(ctx.now));
  const events: MachineEvent[] = [];
  const failures: CollectedEvents['failures'] = [];
  const reads = eventLogReads(ctx);
  for (const [index, op] of reads.entries()) {
    const channel = op.op === 'events.query' ? op.channel : op.op;
    const result = results[index];
    const parsed = result?.ok ? EventsResultSchema.safeParse(result.value) : undefined;
    if (parsed?.success) {
      events.push(...parsed.data.filter((e) => isRelevant(e, from)));
    } else {
      const message = !result
        ? 'no result'
        : !result.ok
          ? result.error.message
          : 'the events were not in the expected shape';
      failures.push({ channel, message });
    }
  }
  events.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return { events, failures };
}

/** The recent RDP-related events from this repair's read results, newest first (for the forum report). */
export function recentRdpEvents(ctx: RepairContext, results: readonly OpResult[]): MachineEvent[] {
  return collect(ctx, results).events;
}

export function formatEventTime(time: string): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function channelLabel(channel: string): string {
  return channel.toLowerCase() === RDP_CLIENT_CHANNEL.toLowerCase() ? 'RDP client' : channel;
}

const EXPLANATION =
  'Windows records every Remote Desktop connection attempt. Event 1026 gives the reason of each disconnection: ' +
  'reason 2308 (0x904) means the network socket was closed during the connection, typically by UDP being dropped ' +
  'on the way, a VPN, or security software. Errors from the RDP driver (TermDD) or TLS (Schannel) point at certificates ' +
  'or the network.';

export const eventLogsRepair: Repair = {
  id: 'event-logs',
  title: 'Read the recent Remote Desktop events',
  reads: eventLogReads,
  diagnose(ctx, results): Finding {
    const { events, failures } = collect(ctx, results);
    const evidence = events.slice(0, EVIDENCE_LINES).map((e) => ({
      label: `${formatEventTime(e.time)} · ${channelLabel(e.channel)} ${e.id}`,
      value: describeRdpEvent(e),
    }));
    if (events.length > EVIDENCE_LINES) {
      evidence.push({ label: 'More', value: `${events.length - EVIDENCE_LINES} older events not shown` });
    }
    for (const failure of failures) {
      evidence.push({ label: `Could not read ${failure.channel}`, value: failure.message });
    }
    const finding = (status: Finding['status'], summary: string): Finding => ({
      repairId: 'event-logs',
      status,
      summary,
      explanation: EXPLANATION,
      evidence,
      instructions: [],
    });

    const socketClosed = events.filter((e) => disconnectReasonOf(e) === SOCKET_CLOSED_REASON);
    const latest = socketClosed[0];
    if (latest) {
      const times = socketClosed.length === 1 ? 'once' : `${socketClosed.length} times`;
      return finding(
        'warning',
        `Remote Desktop was disconnected with error 0x904 (socket closed) ${times} in the last ${EVENT_WINDOW_DAYS} days, most recently ${formatEventTime(latest.time)}.`,
      );
    }
    if (failures.length === eventLogReads(ctx).length) {
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
