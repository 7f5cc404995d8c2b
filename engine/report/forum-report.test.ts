import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { simulatedHandshake } from '../../network/simulated-network.js';
import type { Finding } from '../../shared/findings.js';
import { parseHostTarget } from '../../shared/host-name.js';
import type { RunSummary } from '../../shared/ipc.js';
import { type MachineEvent, type Op, SystemFactsSchema } from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';
import { connectivityRepair } from '../repairs/connectivity.js';
import { eventLogsRepair, RDP_CLIENT_CHANNEL, recentRdpEvents } from '../repairs/event-logs.js';
import { securitySoftwareRepair } from '../repairs/security-software.js';
import { vpnRepair } from '../repairs/vpn.js';
import { type ForumReportInput, renderForumReport } from './forum-report.js';

const findings: Finding[] = [
  {
    repairId: 'udp-transport',
    status: 'problem',
    summary: 'Remote Desktop may use UDP.',
    explanation: 'RDP tries UDP first.',
    evidence: [{ label: 'fClientDisableUDP', value: 'absent' }],
    instructions: [],
  },
  {
    repairId: 'saved-credentials',
    status: 'warning',
    summary: 'A saved password for server01.contoso.com may be outdated.',
    explanation: 'Saved passwords go stale.',
    evidence: [
      { label: 'TERMSRV/server01.contoso.com', value: 'DomainPassword, user CONTOSO\\alice' },
      { label: 'TERMSRV/server03', value: 'Generic, user bob@fabrikam.com' },
    ],
    instructions: [],
  },
  {
    repairId: 'saved-host-entry',
    status: 'problem',
    summary: 'Remote Desktop remembers SERVER01 with stale settings.',
    explanation: 'The saved entry may hold an outdated certificate hash.',
    evidence: [
      { label: 'MRU0', value: 'server01:3390' },
      {
        label: 'Key',
        value: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\server01.contoso.com',
      },
      { label: 'File', value: 'C:\\Users\\alice.smith\\OneDrive - Contoso\\Documents\\Default.rdp' },
      { label: 'Content', value: 'full address:s:server01.contoso.com:3390' },
      { label: 'Odd | value', value: 'with `backticks` inside' },
    ],
    instructions: [],
  },
  {
    repairId: 'connectivity',
    status: 'ok',
    summary: 'server01.contoso.com is reachable on port 3389.',
    explanation: '…',
    evidence: [
      { label: 'Name resolution', value: '10.1.2.3, fe80::1c2d:3e4f:5a6b:7c8d' },
      { label: 'TCP port 3389', value: 'open (10.1.2.3)' },
    ],
    instructions: [],
  },
  {
    repairId: 'certificates',
    status: 'problem',
    summary: 'The Remote Desktop certificate of this computer expired.',
    explanation: '…',
    evidence: [{ label: 'Certificate', value: 'CN=PC-ALICE01, expired 2026-01-01' }],
    instructions: [],
  },
];

const runs: RunSummary[] = [
  {
    runId: 'run-20261120-abcdef12',
    host: 'server01',
    startedAt: '2026-11-20T11:00:00.000Z',
    state: 'done',
    changes: [
      {
        id: 'udp-transport',
        repairId: 'udp-transport',
        description: 'Turn off UDP for Remote Desktop on this computer',
        reversible: true,
        needsElevation: true,
        undone: false,
      },
      {
        id: 'saved-credentials:TERMSRV/server01',
        repairId: 'saved-credentials',
        description: 'Delete the saved password TERMSRV/server01',
        reversible: false,
        needsElevation: false,
        undone: false,
      },
    ],
    undoable: true,
  },
  {
    runId: 'run-20261119-abcdef12',
    host: '192.168.10.20',
    startedAt: '2026-11-19T11:00:00.000Z',
    state: 'undone',
    changes: [
      {
        id: 'udp-transport',
        repairId: 'udp-transport',
        description: 'Turn off UDP for Remote Desktop on this computer',
        reversible: true,
        needsElevation: true,
        undone: true,
      },
    ],
    undoable: false,
  },
];

const events: MachineEvent[] = [
  {
    channel: RDP_CLIENT_CHANNEL,
    id: 1024,
    time: '2026-11-20T09:59:50Z',
    data: { Value: 'server01.contoso.com' },
  },
  { channel: RDP_CLIENT_CHANNEL, id: 1026, time: '2026-11-20T10:00:00Z', data: { reason: 2308 } },
  { channel: RDP_CLIENT_CHANNEL, id: 1024, time: '2026-11-18T08:00:00Z', data: { server: 'jumphost7' } },
  {
    channel: 'System',
    id: 36887,
    time: '2026-11-19T10:00:00Z',
    provider: 'Schannel',
    level: 'Error',
    message: 'A fatal alert was received from 10.1.2.3 (server01.contoso.com) for user CONTOSO\\alice.',
    data: {},
  },
];

const input: ForumReportInput = {
  facts: {
    build: '10.0.22631',
    edition: 'Professional',
    elevated: false,
    user: 'alice',
    documentsFolder: 'C:\\Users\\alice.smith\\OneDrive - Contoso\\Documents',
    powershellVersion: '5.1.22621.4391',
  },
  host: 'server01.contoso.com',
  findings,
  runs,
  events,
  generatedAt: new Date('2026-11-21T09:00:00Z'),
};

const SECRETS = [
  'server01.contoso.com',
  'server01',
  'server03',
  'contoso',
  'fabrikam',
  'jumphost7',
  'alice',
  'alice.smith',
  'bob',
  'pc-alice01',
  '10.1.2.3',
  '192.168.10.20',
  'fe80::1c2d:3e4f:5a6b:7c8d',
];

describe('renderForumReport: the answer to "Did it connect?"', () => {
  it('is recorded in its own section when the user gave one, and absent otherwise', () => {
    expect(renderForumReport(input, { redact: false })).not.toContain('## After the fixes');
    const no = renderForumReport({ ...input, connectionTest: 'not-connected' }, { redact: false });
    expect(no).toContain(
      '## After the fixes\n\nRDP Repair opened Remote Desktop Connection to test it; the user says it still did not connect.',
    );
    const yes = renderForumReport({ ...input, connectionTest: 'connected' }, { redact: true });
    expect(yes).toContain('the user says it connected.');
  });
});

describe('renderForumReport', () => {
  const plain = renderForumReport(input, { redact: false });

  it('states the OS, the error and what it means', () => {
    expect(plain).toMatch(/^# Remote Desktop error 0x904 \(extended 0x7\)/);
    expect(plain).toContain('| Windows | `Professional, build 10.0.22631` |');
    expect(plain).toContain('`disconnectReasonAtClientWinsockFDCLOSE`): socket closed (0x904)');
    expect(plain).toContain('`exDiscReasonServerDeniedConnection`): the server denied the connection');
    expect(plain).toContain('Made by RDP Repair on 2026-11-21 09:00 UTC.');
  });

  it('lists each finding with status, summary and evidence', () => {
    expect(plain).toContain('| UDP transport | Problem | `Remote Desktop may use UDP.` |');
    expect(plain).toContain('### Saved password: Warning');
    expect(plain).toContain('- `MRU0`: `server01:3390`');
    expect(plain).toContain(
      '- `Key`: `HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\server01.contoso.com`',
    );
    expect(plain).toContain('- `Odd \\| value`: ``with `backticks` inside``');
  });

  it('lists what was changed, newest run first, with undo state', () => {
    const changes = plain.slice(plain.indexOf('## What RDP Repair changed'), plain.indexOf('## Recent'));
    expect(changes.indexOf('2026-11-20 11:00 UTC')).toBeLessThan(changes.indexOf('2026-11-19 11:00 UTC'));
    expect(changes).toContain(
      '- `Delete the saved password TERMSRV/server01` (Saved password, cannot be undone)',
    );
    expect(changes).toContain(
      '- `Turn off UDP for Remote Desktop on this computer` (UDP transport, since undone)',
    );
    expect(changes).toContain(': undone');
  });

  it('says when nothing was changed', () => {
    const report = renderForumReport({ ...input, runs: [] }, { redact: false });
    expect(report).toContain('RDP Repair has not changed anything on this computer.');
  });

  it('shows decoded events newest first', () => {
    const rows = plain.split('\n').filter((l) => /^\| 2026-/.test(l));
    expect(rows).toEqual([
      '| 2026-11-20 10:00 UTC | `RDPClient/Operational` | 1026 | `Remote Desktop client was disconnected: socket closed (0x904)` |',
      '| 2026-11-20 09:59 UTC | `RDPClient/Operational` | 1024 | `Remote Desktop client is connecting to server01.contoso.com` |',
      '| 2026-11-19 10:00 UTC | `System` | 36887 | `Schannel, Error: event 36887 — A fatal alert was received from 10.1.2.3 (server01.contoso.com) for user CONTOSO\\alice.` |',
      '| 2026-11-18 08:00 UTC | `RDPClient/Operational` | 1024 | `Remote Desktop client is connecting to jumphost7` |',
    ]);
  });

  it('caps the event table', () => {
    const many: MachineEvent[] = Array.from({ length: 45 }, (_, i) => ({
      channel: RDP_CLIENT_CHANNEL,
      id: 1026,
      time: new Date(Date.parse('2026-11-20T00:00:00Z') - i * 60_000).toISOString(),
      data: { reason: 2308 },
    }));
    const report = renderForumReport({ ...input, events: many }, { redact: false });
    expect(report.split('\n').filter((l) => /^\| 2026-/.test(l))).toHaveLength(40);
    expect(report).toContain('5 older events are not shown.');
  });

  it('without redaction, shows the real names (so the redaction test below is meaningful)', () => {
    for (const secret of SECRETS) expect(plain.toLowerCase()).toContain(secret);
  });

  it('with redaction, leaks no host, user or IP anywhere', () => {
    const redacted = renderForumReport(input, { redact: true }).toLowerCase();
    for (const secret of SECRETS) expect(redacted, secret).not.toContain(secret);
  });

  it('with redaction, uses stable placeholders across the whole report', () => {
    const redacted = renderForumReport(input, { redact: true });
    expect(redacted).toContain('Remote Desktop Connection to `host-1` fails');
    expect(redacted).toContain('| Remote computer | `host-1` |');
    expect(redacted).toContain('- `MRU0`: `host-1:3390`');
    expect(redacted).toContain('connecting to host-1` |');
    expect(redacted).toContain('| Signed-in user | `user-1` |');
    expect(redacted).toContain('for `ip-1`: undone');
    expect(redacted).toContain('- `TCP port 3389`: `open (ip-2)`');
    expect(redacted).toContain('received from ip-2 (host-1) for user user-1.');
    expect(redacted).toContain('C:\\Users\\user-2\\');
    // Still useful: codes, builds and public names stay.
    expect(redacted).toContain('build 10.0.22631');
    expect(redacted).toContain('socket closed (0x904)');
    expect(redacted).toContain('Default.rdp');
    expect(redacted).toContain('replaced by placeholders');
  });

  it('is the same for the same input', () => {
    expect(renderForumReport(input, { redact: true })).toBe(renderForumReport(input, { redact: true }));
  });
});

describe('renderForumReport on a simulated machine', () => {
  it('reports a one-batch scan of antivirus-on.json without leaking names or addresses', async () => {
    const parsed = parseHostTarget('SERVER01.contoso.com');
    if (!parsed.ok) throw new Error(parsed.message);
    const file = fileURLToPath(new URL('../../sample-machines/antivirus-on.json', import.meta.url));
    const machine = new SimulatedMachine(loadMachineFile(file));
    const now = new Date('2026-11-21T09:00:00Z');
    // As the engine does: the handshake with the remote computer, beside the batch (here: it closes).
    const handshake = simulatedHandshake(
      machine.snapshot().network.hosts,
      { host: 'SERVER01.contoso.com', port: 3389 },
      5000,
      now,
    );
    const ctx: RepairContext = { target: parsed.target, now, ...(handshake ? { handshake } : {}) };
    const repairs: Repair[] = [vpnRepair, securitySoftwareRepair, connectivityRepair, eventLogsRepair];
    const batches = repairs.map((r) => r.reads(ctx));
    const ops: Op[] = [{ op: 'system.facts' }, ...batches.flat()];
    const results = await machine.run(ops, { mode: 'read' });
    const [factsResult, ...rest] = results;
    const facts = SystemFactsSchema.parse(factsResult?.ok ? factsResult.value : undefined);
    let offset = 0;
    const findings = repairs.map((repair, i) => {
      const slice = rest.slice(offset, offset + (batches[i]?.length ?? 0));
      offset += slice.length;
      return repair.diagnose(ctx, slice);
    });
    const events = recentRdpEvents(ctx, rest.slice(rest.length - eventLogsRepair.reads(ctx).length));
    const report = renderForumReport(
      { facts, host: 'SERVER01.contoso.com', findings, runs: [], events, generatedAt: ctx.now },
      { redact: true },
    );
    expect(report).toContain('| Antivirus / firewall | Manual step needed |');
    expect(report).toContain('| Event logs | Warning |');
    expect(report).toContain('Schannel, Error: event 36887');
    for (const secret of ['server01', 'contoso', 'alice', '10.1.2.3']) {
      expect(report.toLowerCase(), secret).not.toContain(secret);
    }
  });
});

describe('renderForumReport with hostile names from the machine', () => {
  it('shows a VPN name with a link, an <img onerror>, terminal escapes and U+202E as inert text', () => {
    const hostile =
      '[Click me](https://evil.example) <img src=x onerror=alert(1)> \u001b[32m[OK] all checks passed\u202e';
    const report = renderForumReport(
      {
        ...input,
        findings: [
          {
            repairId: 'vpn',
            status: 'manual',
            summary: `A VPN is active (${hostile})`,
            explanation: '',
            evidence: [{ label: hostile, value: hostile }],
            instructions: [],
          },
        ],
      },
      { redact: false },
    );
    const lines = report.split('\n').filter((l) => l.includes('Click me'));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      // Every occurrence sits inside a code span: nothing of it renders as a link or as HTML.
      expect(line).toMatch(
        /`[^`]*\[Click me\]\(https:\/\/evil\.example\) <img src=x onerror=alert\(1\)>[^`]*`/,
      );
    }
    expect(report.includes('\u001b') || report.includes('\u202e')).toBe(false);
    expect(report).toContain('\\u{001B}[32m[OK] all checks passed\\u{202E}');
  });
});
