import { describe, expect, it } from 'vitest';
import type { MachineEvent, OpResult } from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import { describeRdpEvent, eventLogReads, eventLogsRepair, RDP_CLIENT_CHANNEL } from './event-logs.js';

/*
 * The server role's logs, read from the channels Windows writes them to (not System), shown in host mode only,
 * one evidence line per incoming connection attempt.
 */

const RCM = 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational';
const CORE = 'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational';
const LSM = 'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational';

const client: RepairContext = {
  target: { host: 'server01.contoso.com', port: undefined, kind: 'dns' },
  now: new Date('2026-11-21T09:00:00Z'),
};
const hosting: RepairContext = { ...client, hostMode: { acceptsConnections: true, sentence: 'accepts' } };

const event = (channel: string, id: number, time: string, data: MachineEvent['data'] = {}): MachineEvent => ({
  channel,
  id,
  time,
  data,
});

/** Read results in the order eventLogReads names them, from the events of each channel. */
function resultsFor(ctx: RepairContext, events: MachineEvent[], failing: string[] = []): OpResult[] {
  return eventLogReads(ctx).map((op): OpResult => {
    if (op.op !== 'events.query') throw new Error('not an event query');
    if (failing.includes(op.channel))
      return { ok: false, error: { code: 'access-denied', message: 'denied' } };
    return { ok: true, value: events.filter((e) => e.channel === op.channel) };
  });
}

const ATTEMPT = [
  event(RCM, 261, '2026-11-20T10:00:00Z', { listenerName: 'RDP-Tcp' }),
  event(CORE, 131, '2026-11-20T10:00:00.100Z', { ConnType: 'TCP', ClientIP: '10.1.2.50:51234' }),
  event(CORE, 140, '2026-11-20T10:00:04Z', { IPString: '10.1.2.50' }),
];
const SECOND = [
  event(RCM, 261, '2026-11-20T11:00:00Z'),
  event(CORE, 131, '2026-11-20T11:00:00.050Z', { ClientIP: '10.1.2.51:50000' }),
  event(RCM, 1149, '2026-11-20T11:00:03Z', { Param1: 'alice', Param2: 'CONTOSO', Param3: '10.1.2.51' }),
  event(LSM, 21, '2026-11-20T11:00:05Z'),
];

describe('event-logs reads the server role where Windows writes it', () => {
  it('queries RemoteConnectionManager, RdpCoreTS and LocalSessionManager in their own channels', () => {
    const channels = eventLogReads(client).map((op) => (op.op === 'events.query' ? op.channel : op.op));
    expect(channels).toEqual(expect.arrayContaining([RCM, CORE, LSM]));
    expect(eventLogReads(client)).toContainEqual(expect.objectContaining({ channel: RCM, ids: [261, 1149] }));
  });
});

describe('event-logs in host mode', () => {
  it('shows each incoming connection attempt as one line, its events in order', () => {
    const finding = eventLogsRepair.diagnose(hosting, resultsFor(hosting, [...ATTEMPT, ...SECOND]));
    const incoming = finding.evidence.filter((e) => e.label.endsWith('Incoming connection'));
    expect(incoming).toEqual([
      {
        label: '2026-11-20 11:00 UTC · Incoming connection',
        value:
          'the Remote Desktop listener received a connection; then a TCP connection was accepted from 10.1.2.51:50000; then a user was authenticated from 10.1.2.51; then a session signed in',
      },
      {
        label: '2026-11-20 10:00 UTC · Incoming connection',
        value:
          'the Remote Desktop listener received a connection; then a TCP connection was accepted from 10.1.2.50:51234; then sign-in failed: wrong user name or password from 10.1.2.50',
      },
    ]);
    expect(finding.status).toBe('ok');
  });

  it('groups by the ActivityID Windows writes, across channels', () => {
    const a = { activityId: '{11111111-2222-3333-4444-555555555555}' };
    const finding = eventLogsRepair.diagnose(
      hosting,
      resultsFor(hosting, [
        { ...event(RCM, 261, '2026-11-20T10:00:00Z'), ...a },
        event(RCM, 261, '2026-11-20T10:00:01Z'),
        { ...event(CORE, 140, '2026-11-20T10:00:02Z', { IPString: '10.1.2.50' }), ...a },
      ]),
    );
    const incoming = finding.evidence.filter((e) => e.label.endsWith('Incoming connection'));
    expect(incoming.map((e) => e.value)).toEqual([
      'the Remote Desktop listener received a connection',
      'the Remote Desktop listener received a connection; then sign-in failed: wrong user name or password from 10.1.2.50',
    ]);
  });

  it('says which server channel could not be read', () => {
    const finding = eventLogsRepair.diagnose(hosting, resultsFor(hosting, ATTEMPT, [CORE]));
    expect(finding.evidence).toContainEqual({
      label: 'Could not read RdpCoreTS/Operational',
      value: 'denied',
    });
  });
});

describe('event-logs on a PC that does not accept connections', () => {
  it('leaves the server role out, read or not', () => {
    const finding = eventLogsRepair.diagnose(
      client,
      resultsFor(client, [...ATTEMPT, event(RDP_CLIENT_CHANNEL, 1024, '2026-11-20T09:00:00Z')], [LSM]),
    );
    expect(finding.evidence.map((e) => e.label)).toEqual(['2026-11-20 09:00 UTC · RDP client 1024']);
  });
});

describe('server-role events one by one (the forum report)', () => {
  it('are described in words, not as bare numbers', () => {
    expect(describeRdpEvent(event(CORE, 140, '2026-11-20T10:00:04Z', { IPString: '10.1.2.50' }))).toBe(
      'Sign-in failed: wrong user name or password from 10.1.2.50',
    );
    expect(describeRdpEvent(event(LSM, 40, '2026-11-20T10:00:04Z', { Session: 2, Reason: 5 }))).toBe(
      'The session was disconnected (reason code 5)',
    );
  });
});
