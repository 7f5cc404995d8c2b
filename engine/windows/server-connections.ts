import type { MachineEvent } from '../../shared/ops.js';
import { dataValue, numberIn } from './rdp-client-connections.js';

/*
 * The server role's logs as Windows writes them, each in its own channel, grouped into incoming connection
 * attempts (host mode). One attempt writes, in RemoteConnectionManager/Operational, 261 (the listener RDP-Tcp
 * received a connection) and 1149 (user authentication succeeded, Param3 the client's address); in
 * RdpCoreTS/Operational 131 (a TCP connection accepted from ClientIP), 98 (the TCP connection established),
 * 99 (it failed, with an error code), 97 (a protocol error), 140 (wrong user name or password, from IPString),
 * 102/103 (the server ended the connection, and why); in LocalSessionManager/Operational 21 (session logon),
 * 24 (session disconnected), 25 (reconnected), 39/40 (disconnected by another session / with a reason code).
 * Events of one attempt share an ActivityID where Windows writes one; otherwise an attempt starts at 261 or
 * 131 (the two come together: a 131 after a 261 with no 131 yet joins it) and takes the events after it. Pure.
 */

export const RCM_PROVIDER = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager';
export const RCM_ADMIN_CHANNEL = `${RCM_PROVIDER}/Admin`;
export const RCM_OPERATIONAL_CHANNEL = `${RCM_PROVIDER}/Operational`;
export const LSM_OPERATIONAL_CHANNEL = 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational';
export const RDPCORETS_OPERATIONAL_CHANNEL = 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational';

/** The connection events each server channel is asked for (event-logs reads them in every scan). */
export const SERVER_CONNECTION_EVENT_IDS = {
  [RCM_OPERATIONAL_CHANNEL]: [261, 1149],
  [RDPCORETS_OPERATIONAL_CHANNEL]: [97, 98, 99, 102, 103, 131, 140],
  [LSM_OPERATIONAL_CHANNEL]: [21, 24, 25, 39, 40],
} as const;

const SERVER_CHANNELS = [
  RCM_ADMIN_CHANNEL,
  RCM_OPERATIONAL_CHANNEL,
  LSM_OPERATIONAL_CHANNEL,
  RDPCORETS_OPERATIONAL_CHANNEL,
].map((c) => c.toLowerCase());

export function isServerRoleEvent(event: MachineEvent): boolean {
  return SERVER_CHANNELS.includes(event.channel.toLowerCase());
}

/** A channel as a person reads it in the evidence: "RemoteConnectionManager/Admin", "RdpCoreTS/Operational". */
export function shortChannel(channel: string): string {
  return channel.replace(/^Microsoft-Windows-(TerminalServices|RemoteDesktopServices)-/i, '');
}

export interface ServerConnection {
  started: string;
  events: MachineEvent[];
}

const STARTS = new Set([261, 131]);

function textOf(event: MachineEvent, keys: readonly string[]): string | undefined {
  const value = dataValue(event, keys);
  return value === undefined || String(value).trim() === '' ? undefined : String(value).trim();
}

const from = (address: string | undefined) => (address ? ` from ${address}` : '');

/** One server-role connection event in plain words; undefined for an event this file does not know. */
export function describeServerEvent(event: MachineEvent): string | undefined {
  const channel = event.channel.toLowerCase();
  if (channel === RCM_OPERATIONAL_CHANNEL.toLowerCase()) {
    if (event.id === 261) return 'the Remote Desktop listener received a connection';
    if (event.id === 1149) return `a user was authenticated${from(textOf(event, ['Param3']))}`;
  }
  if (channel === RDPCORETS_OPERATIONAL_CHANNEL.toLowerCase()) {
    const code = numberIn(dataValue(event, ['ErrorCode', 'ResultCode', 'Reason']));
    const hex = code === undefined ? '' : ` (0x${code.toString(16)})`;
    if (event.id === 131) return `a TCP connection was accepted${from(textOf(event, ['ClientIP']))}`;
    if (event.id === 98) return 'the TCP connection was established';
    if (event.id === 99) return `the TCP connection failed${hex}`;
    if (event.id === 97) return `the RDP protocol stack found an error${hex}`;
    if (event.id === 140)
      return `sign-in failed: wrong user name or password${from(textOf(event, ['IPString']))}`;
    if (event.id === 102) return 'the server ended the connection';
    if (event.id === 103) return `the server gave a disconnect reason${hex}`;
  }
  if (channel === LSM_OPERATIONAL_CHANNEL.toLowerCase()) {
    if (event.id === 21) return 'a session signed in';
    if (event.id === 24) return 'the session was disconnected';
    if (event.id === 25) return 'the session was reconnected';
    if (event.id === 39) return 'the session was disconnected by another session';
    if (event.id === 40) {
      const reason = numberIn(dataValue(event, ['Reason']));
      return `the session was disconnected${reason === undefined ? '' : ` (reason code ${reason})`}`;
    }
  }
  return undefined;
}

function joins(group: MachineEvent[], event: MachineEvent): boolean {
  if (!STARTS.has(event.id)) return true;
  // 261 and 131 of one attempt come together: a start joins a group that has no event with its id yet.
  return !group.some((e) => e.id === event.id);
}

/** The server role's events as incoming connection attempts, oldest first. */
export function groupServerConnections(all: readonly MachineEvent[]): ServerConnection[] {
  const events = all
    .filter((e) => isServerRoleEvent(e) && describeServerEvent(e) !== undefined)
    .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const byActivity = new Map<string, MachineEvent[]>();
  const groups: MachineEvent[][] = [];
  let current: MachineEvent[] | undefined;
  for (const event of events) {
    const activity = event.activityId?.toLowerCase();
    const shared = activity ? byActivity.get(activity) : undefined;
    if (shared) {
      shared.push(event);
      continue;
    }
    if (activity) {
      const fresh = [event];
      byActivity.set(activity, fresh);
      groups.push(fresh);
      continue;
    }
    if (current && joins(current, event)) current.push(event);
    else {
      current = [event];
      groups.push(current);
    }
  }
  return groups.map((g) => ({ started: g[0]?.time ?? '', events: g }));
}

/** One line for an attempt: its events in words, in order. */
export function describeServerConnection(connection: ServerConnection): string {
  return connection.events.map((e) => describeServerEvent(e) ?? `event ${e.id}`).join('; then ');
}
