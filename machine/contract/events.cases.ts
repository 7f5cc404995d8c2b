import { machine, ok } from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The events family's contract cases (Events.ps1).
 */

const RDP_CHANNEL = 'Microsoft-Windows-TerminalServices-RDPClient/Operational';
/** Where Windows writes the server role's events (host mode). */
const SERVER_CHANNELS = [
  'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin',
  'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational',
  'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational',
] as const;
const EVENTS = machine({
  events: [
    {
      channel: RDP_CHANNEL,
      id: 1026,
      time: '2026-11-20T10:00:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
      data: { reason: 2308 },
    },
    {
      channel: RDP_CHANNEL,
      id: 1024,
      time: '2026-11-20T09:59:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
    },
    {
      channel: RDP_CHANNEL,
      id: 1026,
      time: '2026-11-21T08:00:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
      data: { reason: 264 },
    },
    {
      channel: RDP_CHANNEL,
      id: 1026,
      time: '2026-10-01T08:00:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
      data: { reason: 2308 },
    },
    {
      channel: 'System',
      id: 7036,
      time: '2026-11-21T07:00:00Z',
      level: 'Error',
      provider: 'Service Control Manager',
      message: 'stopped',
    },
  ],
});

export const EVENTS_CASES: readonly ContractCase[] = [
  {
    name: 'events.query filters channel, ids, levels, providers and time, newest first, at most max',
    realMachine: 'simulated-only',
    machine: EVENTS,
    ops: [
      {
        op: 'events.query',
        channel: RDP_CHANNEL,
        ids: [1026],
        levels: ['Information'],
        providers: ['microsoft-windows-terminalservices-clientactivexcore'],
        since: '2026-11-01T00:00:00Z',
        max: 2,
      },
      { op: 'events.query', channel: 'System', levels: ['Warning'], since: '2026-01-01T00:00:00Z', max: 10 },
      { op: 'events.query', channel: RDP_CHANNEL, since: '2026-11-20T09:59:30Z', max: 1 },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok([
        {
          channel: RDP_CHANNEL,
          id: 1026,
          time: '2026-11-21T08:00:00Z',
          level: 'Information',
          provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
          data: { reason: 264 },
        },
        {
          channel: RDP_CHANNEL,
          id: 1026,
          time: '2026-11-20T10:00:00Z',
          level: 'Information',
          provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
          data: { reason: 2308 },
        },
      ]),
      ok([]),
      ok([
        {
          channel: RDP_CHANNEL,
          id: 1026,
          time: '2026-11-21T08:00:00Z',
          level: 'Information',
          provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
          data: { reason: 264 },
        },
      ]),
    ],
  },
  {
    name: 'events.query reads the server-role channels, each its own',
    realMachine: 'simulated-only',
    machine: machine({
      events: SERVER_CHANNELS.map((channel, i) => ({
        channel,
        id: 261 + i,
        time: '2026-11-20T10:00:00Z',
        level: 'Information' as const,
      })),
    }),
    ops: SERVER_CHANNELS.map((channel) => ({
      op: 'events.query' as const,
      channel,
      since: '2026-11-01T00:00:00Z',
      max: 10,
    })),
    runOptions: { mode: 'read' },
    expectedResults: SERVER_CHANNELS.map((channel, i) =>
      ok([{ channel, id: 261 + i, time: '2026-11-20T10:00:00Z', level: 'Information', data: {} }]),
    ),
  },
];
