import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineEvent, OpResult } from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import {
  describeRdpEvent,
  disconnectReasonOf,
  eventLogReads,
  eventLogsRepair,
  eventServer,
  RDP_CLIENT_CHANNEL,
  recentRdpEvents,
} from './event-logs.js';

const ctx: RepairContext = {
  target: { host: 'server01.contoso.com', port: undefined, kind: 'dns' },
  now: new Date('2026-11-21T09:00:00Z'),
};
const client = (
  id: number,
  time: string,
  data: MachineEvent['data'] = {},
  message?: string,
): MachineEvent => ({
  channel: RDP_CLIENT_CHANNEL,
  id,
  time,
  data,
  ...(message ? { message } : {}),
});
const ok = (events: object[]): OpResult => ({ ok: true, value: events });
const results = (rdp: object[], system: object[] = [], application: object[] = []): OpResult[] => [
  ok(rdp),
  ok(system),
  ok(application),
];

describe('event-logs reads', () => {
  it('queries the RDP client log and RDP errors in System and Application for the last 7 days', () => {
    const reads = eventLogReads(ctx);
    // Then the server role's own channels (event-logs-server.test.ts).
    expect(reads).toHaveLength(6);
    expect(reads[0]).toEqual({
      op: 'events.query',
      channel: RDP_CLIENT_CHANNEL,
      ids: [1024, 1025, 1026, 1027, 1028, 1102, 1103, 1105, 226],
      since: '2026-11-14T09:00:00.000Z',
      max: 200,
    });
    expect(reads[1]).toMatchObject({ channel: 'System', levels: ['Critical', 'Error'], max: 200 });
    expect(reads[1]).toHaveProperty('providers', expect.arrayContaining(['TermDD', 'Schannel']));
    expect(reads[2]).toMatchObject({ channel: 'Application', levels: ['Critical', 'Error'] });
  });
});

describe('event decoding', () => {
  it('decodes the reason of a 1026 event from data, Windows field names or the message', () => {
    expect(disconnectReasonOf(client(1026, '2026-11-20T10:00:00Z', { reason: 2308 }))).toBe(2308);
    expect(disconnectReasonOf(client(1026, '2026-11-20T10:00:00Z', { Value: '2308' }))).toBe(2308);
    expect(
      disconnectReasonOf(
        client(1026, '2026-11-20T10:00:00Z', {}, 'RDP ClientActiveX has been disconnected (Reason= 2308)'),
      ),
    ).toBe(2308);
    expect(disconnectReasonOf(client(1024, '2026-11-20T10:00:00Z', { reason: 2308 }))).toBeUndefined();
  });

  it('describes each RDP client event in words', () => {
    expect(describeRdpEvent(client(1026, '2026-11-20T10:00:00Z', { reason: 2308 }))).toBe(
      'Remote Desktop client was disconnected: socket closed (0x904)',
    );
    expect(describeRdpEvent(client(1026, '2026-11-20T10:00:00Z', { reason: 2308, extendedReason: 7 }))).toBe(
      'Remote Desktop client was disconnected: socket closed (0x904); the server denied the connection (extended 0x7)',
    );
    expect(describeRdpEvent(client(1026, '2026-11-20T10:00:00Z'))).toContain('reason not recorded');
    expect(describeRdpEvent(client(1024, '2026-11-20T10:00:00Z', { Value: 'server01.contoso.com' }))).toBe(
      'Remote Desktop client is connecting to server01.contoso.com',
    );
    expect(describeRdpEvent(client(1102, '2026-11-20T10:00:00Z'))).toContain('UDP');
    expect(describeRdpEvent(client(1105, '2026-11-20T10:00:00Z'))).toContain('UDP');
    expect(eventServer(client(1024, '2026-11-20T10:00:00Z', { server: 'server02' }))).toBe('server02');
    expect(eventServer(client(1026, '2026-11-20T10:00:00Z', { Value: '2308' }))).toBeUndefined();
  });

  it('describes other events by provider, level and the first line of the message', () => {
    const event: MachineEvent = {
      channel: 'System',
      id: 36887,
      time: '2026-11-20T10:00:00Z',
      provider: 'Schannel',
      level: 'Error',
      message:
        'A fatal alert was received from the remote endpoint.\r\nThe TLS protocol defined fatal alert code is 46.',
      data: {},
    };
    expect(describeRdpEvent(event)).toBe(
      'Schannel, Error: event 36887 — A fatal alert was received from the remote endpoint.',
    );
  });
});

describe('event-logs diagnosis', () => {
  it('warns about recent 0x904 disconnections, newest first with decoded reasons', () => {
    const finding = eventLogsRepair.diagnose(
      ctx,
      results([
        client(1024, '2026-11-19T08:00:00Z', { Value: 'server01.contoso.com' }),
        client(1026, '2026-11-19T08:00:05Z', { reason: 2308 }),
        client(1026, '2026-11-20T10:00:00Z', { reason: 2308 }),
        client(1026, '2026-11-18T10:00:00Z', { reason: 1 }),
      ]),
    );
    expect(finding.status).toBe('warning');
    // One attempt (the 1024 and what follows it): it never connected, so it failed before the connection was up.
    expect(finding.summary).toMatch(
      /^The last attempt to reach server01\.contoso\.com, on 2026-11-19 08:00 UTC, failed before the connection was set up \(during the network or security handshake\): socket closed \(0x904\)/,
    );
    expect(finding.evidence.map((e) => e.label)).toEqual([
      '2026-11-20 10:00 UTC · RDP client 1026',
      '2026-11-19 08:00 UTC · RDP client 1026',
      '2026-11-19 08:00 UTC · RDP client 1024',
      '2026-11-18 10:00 UTC · RDP client 1026',
    ]);
    expect(finding.evidence[0]?.value).toContain('socket closed (0x904)');
    expect(finding.evidence[3]?.value).toContain('local disconnection');
    expect(eventLogsRepair.plan(ctx, results([]))).toEqual([]);
  });

  it('is ok with no 0x904 and says how many other events there were', () => {
    const schannel = {
      channel: 'System',
      id: 36887,
      time: '2026-11-20T10:00:00Z',
      provider: 'Schannel',
      level: 'Error',
      data: {},
    };
    const finding = eventLogsRepair.diagnose(
      ctx,
      results([client(1026, '2026-11-20T09:00:00Z', { reason: 3 })], [schannel]),
    );
    expect(finding.status).toBe('ok');
    expect(finding.summary).toContain('2 other Remote Desktop events');
    expect(finding.evidence).toHaveLength(2);
  });

  it('is ok with no events at all', () => {
    expect(eventLogsRepair.diagnose(ctx, results([])).summary).toBe(
      'No Remote Desktop events or errors in the last 7 days.',
    );
  });

  it('ignores events older than 7 days even if the log returns them', () => {
    const finding = eventLogsRepair.diagnose(
      ctx,
      results([client(1026, '2026-11-10T10:00:00Z', { reason: 2308 })]),
    );
    expect(finding.status).toBe('ok');
  });

  it('keeps application crashes only when they are about the Remote Desktop client', () => {
    const crash = (app: string) => ({
      channel: 'Application',
      id: 1000,
      time: '2026-11-20T10:00:00Z',
      provider: 'Application Error',
      level: 'Error',
      message: `Faulting application name: ${app}, version: 10.0.22621.1`,
      data: {},
    });
    const events = recentRdpEvents(ctx, results([], [], [crash('mstsc.exe'), crash('notepad.exe')]));
    expect(events.map((e) => e.message)).toEqual([
      'Faulting application name: mstsc.exe, version: 10.0.22621.1',
    ]);
  });

  it('caps the evidence and says how many more there are', () => {
    const many = Array.from({ length: 25 }, (_, i) =>
      client(1026, new Date(Date.parse('2026-11-20T00:00:00Z') - i * 60_000).toISOString(), { reason: 2308 }),
    );
    const finding = eventLogsRepair.diagnose(ctx, results(many));
    expect(finding.evidence).toHaveLength(21);
    expect(finding.evidence[20]).toEqual({ label: 'More', value: '5 older events not shown' });
  });

  it('reports a log it could not read, and is unknown when none could be read', () => {
    const failed: OpResult = { ok: false, error: { code: 'not-found', message: 'The log does not exist' } };
    const partial = eventLogsRepair.diagnose(ctx, [ok([]), failed, ok([])]);
    expect(partial.status).toBe('ok');
    expect(partial.evidence).toEqual([{ label: 'Could not read System', value: 'The log does not exist' }]);
    expect(eventLogsRepair.diagnose(ctx, [failed, failed, { ok: true, value: 'nonsense' }]).status).toBe(
      'unknown',
    );
  });
});

const machine = (name: string) =>
  new SimulatedMachine(
    loadMachineFile(fileURLToPath(new URL(`../../sample-machines/${name}.json`, import.meta.url))),
  );

describe('event-logs repair on sample machines', () => {
  it.each(['vpn-connected', 'antivirus-on', 'host-unreachable'])(
    'warns about the 0x904 disconnects on %s',
    async (name) => {
      const results = await machine(name).run(eventLogsRepair.reads(ctx), { mode: 'read' });
      const finding = eventLogsRepair.diagnose(ctx, results);
      expect(finding.status).toBe('warning');
      expect(finding.summary).toMatch(
        /^The last attempt to reach server01\.contoso\.com, on 2026-11-20 .* failed .*socket closed \(0x904\)/,
      );
      // History, not advice: what to do is the verdict's (issue 27, point 6).
      expect(finding.summary).toMatch(/That was before this check\.$/);
      expect(finding.summary).not.toMatch(/try connecting/);
      expect(finding.instructions).toEqual([]);
      expect(finding.evidence[0]?.value).toContain('socket closed (0x904)');
    },
  );

  it('picks up the Schannel error from System on antivirus-on.json', async () => {
    const results = await machine('antivirus-on').run(eventLogsRepair.reads(ctx), { mode: 'read' });
    expect(recentRdpEvents(ctx, results).some((e) => e.provider === 'Schannel')).toBe(true);
  });
});
