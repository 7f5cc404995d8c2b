import type { HostTarget } from '../../shared/host-name.js';
import type { MachineEvent } from '../../shared/ops.js';
import { createHostMatcher } from './host-match.js';

/*
 * The RDPClient/Operational log as Remote Desktop Connection writes it, grouped into connections. One attempt
 * writes 1024 (connecting to the server named in Value), then 1025 (connected), 1027 (signed in to the
 * domain, session N), 1028 (disconnect begins), 1102/1103 (the UDP side channel started / established), 1105
 * (it ended), 226 (an RDPClient_SSL state error) and 1026 (disconnected, Value is the reason code). Events of
 * one attempt share an ActivityID where Windows writes one; otherwise they are the events after a 1024, until
 * the next 1024. Pure.
 */

export const RDP_CLIENT_CHANNEL = 'Microsoft-Windows-TerminalServices-RDPClient/Operational';
export const RDP_CLIENT_EVENT_IDS = [1024, 1025, 1026, 1027, 1028, 1102, 1103, 1105, 226] as const;
export const SOCKET_CLOSED_REASON = 2308;

export type ConnectionStage = 'before-connecting' | 'during-sign-in' | 'after-connecting';

export interface RdpConnection {
  /** The server the 1024 names, as the user typed it; undefined when the attempt's start was not seen. */
  server: string | undefined;
  started: string;
  events: MachineEvent[];
  /** The reason code of its 1026, when it ended with one. */
  disconnectReason: number | undefined;
  /** How far it got: no 1025 yet, connected but not signed in (no 1027), or signed in. */
  stage: ConnectionStage;
  /** The UDP side channel was started (1102) or established (1103). */
  usedUdp: boolean;
}

export function numberIn(value: string | number | undefined): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

export function dataValue(event: MachineEvent, keys: readonly string[]): string | number | undefined {
  const wanted = keys.map((k) => k.toLowerCase());
  for (const [key, value] of Object.entries(event.data)) if (wanted.includes(key.toLowerCase())) return value;
  return undefined;
}

export function isRdpClientEvent(event: MachineEvent): boolean {
  return event.channel.toLowerCase() === RDP_CLIENT_CHANNEL.toLowerCase();
}

/** The disconnect reason of a 1026 event: Windows' `Value` field (or `reason`), or "(Reason= N)" in the text. */
export function disconnectReasonOf(event: MachineEvent): number | undefined {
  if (!isRdpClientEvent(event) || event.id !== 1026) return undefined;
  const fromData = numberIn(dataValue(event, ['Value', 'reason']));
  if (fromData !== undefined) return fromData;
  const match = /Reason\s*=\s*(\d+)/i.exec(event.message ?? '');
  return match ? Number(match[1]) : undefined;
}

/** The server a 1024 (or 1102) event names. */
export function eventServer(event: MachineEvent): string | undefined {
  if (!isRdpClientEvent(event) || (event.id !== 1024 && event.id !== 1102)) return undefined;
  const value = dataValue(event, ['Value', 'server', 'host', 'ServerName']);
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function connectionOf(events: MachineEvent[]): RdpConnection {
  const ids = new Set(events.map((e) => e.id));
  const end = events.find((e) => e.id === 1026);
  const start = events.find((e) => e.id === 1024);
  return {
    server: start ? eventServer(start) : undefined,
    started: (start ?? events[0])?.time ?? '',
    events,
    disconnectReason: end ? disconnectReasonOf(end) : undefined,
    stage: ids.has(1027) ? 'after-connecting' : ids.has(1025) ? 'during-sign-in' : 'before-connecting',
    usedUdp: ids.has(1102) || ids.has(1103),
  };
}

/** The RDP client's events as connection attempts, oldest first. */
export function groupConnections(all: readonly MachineEvent[]): RdpConnection[] {
  const events = all.filter(isRdpClientEvent).sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const byActivity = new Map<string, MachineEvent[]>();
  const groups: MachineEvent[][] = [];
  let current: MachineEvent[] | undefined;
  for (const event of events) {
    const activity = event.activityId?.toLowerCase();
    if (activity) {
      const group = byActivity.get(activity);
      if (group) group.push(event);
      else {
        const fresh = [event];
        byActivity.set(activity, fresh);
        groups.push(fresh);
      }
      continue;
    }
    if (event.id === 1024 || !current) {
      current = [event];
      groups.push(current);
    } else current.push(event);
  }
  return groups.map(connectionOf).sort((a, b) => Date.parse(a.started) - Date.parse(b.started));
}

/** The attempts to reach the target (its server names compared as the MRU history is). */
export function connectionsTo(target: HostTarget, connections: readonly RdpConnection[]): RdpConnection[] {
  const names = connections.flatMap((c) => (c.server ? [c.server] : []));
  const matches = createHostMatcher(target, names);
  return connections.filter((c) => c.server !== undefined && matches(c.server, 'default-port'));
}

export const STAGE_WORDS: Record<ConnectionStage, string> = {
  'before-connecting': 'before the connection was set up (during the network or security handshake)',
  'during-sign-in': 'during sign-in',
  'after-connecting': 'after it had connected',
};
