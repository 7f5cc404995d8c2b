import { describe, expect, it } from 'vitest';
import { parseHostTarget } from '../../shared/host-name.js';
import type { MachineEvent } from '../../shared/ops.js';
import { connectionsTo, groupConnections, RDP_CLIENT_CHANNEL } from './rdp-client-connections.js';

const at = (minute: number) => new Date(Date.parse('2026-11-20T10:00:00Z') + minute * 60_000).toISOString();
const event = (
  id: number,
  minute: number,
  data: Record<string, string> = {},
  activityId?: string,
): MachineEvent => ({
  channel: RDP_CLIENT_CHANNEL,
  id,
  time: at(minute),
  data,
  ...(activityId ? { activityId } : {}),
});
const target = (text: string) => {
  const parsed = parseHostTarget(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.target;
};

describe('RDP client connections from the event log', () => {
  it('groups by the 1024 that starts each attempt and tells how far it got', () => {
    const connections = groupConnections([
      event(1024, 0, { Value: 'server01' }),
      event(1026, 1, { Value: '2308' }),
      event(1024, 10, { Value: 'server01' }),
      event(1025, 11),
      event(1026, 12, { Value: '2055' }),
      event(1024, 20, { Value: 'server01' }),
      event(1025, 21),
      event(1027, 22),
      event(1102, 23, { Value: 'server01' }),
      event(1026, 40, { Value: '2308' }),
    ]);
    expect(connections.map((c) => [c.stage, c.disconnectReason, c.usedUdp])).toEqual([
      ['before-connecting', 2308, false],
      ['during-sign-in', 2055, false],
      ['after-connecting', 2308, true],
    ]);
  });

  it('groups by ActivityID where Windows writes one, even when two attempts interleave', () => {
    const connections = groupConnections([
      event(1024, 0, { Value: 'server01' }, 'A'),
      event(1024, 1, { Value: 'server02' }, 'B'),
      event(1103, 2, {}, 'A'),
      event(1026, 3, { Value: '3' }, 'B'),
      event(1026, 4, { Value: '2308' }, 'a'),
    ]);
    expect(connections.map((c) => [c.server, c.disconnectReason, c.usedUdp])).toEqual([
      ['server01', 2308, true],
      ['server02', 3, false],
    ]);
  });

  it('keeps the attempts to the target only, by the same name rules as the history', () => {
    const connections = groupConnections([
      event(1024, 0, { Value: 'SERVER01.contoso.com' }),
      event(1024, 5, { Value: 'pc07' }),
      event(1024, 9, { Value: 'server01.contoso.com:3390' }),
    ]);
    expect(connectionsTo(target('server01.contoso.com'), connections).map((c) => c.server)).toEqual([
      'SERVER01.contoso.com',
    ]);
  });

  it('ignores events of other channels', () => {
    expect(groupConnections([{ ...event(1024, 0, { Value: 'x' }), channel: 'System' }])).toEqual([]);
  });
});
