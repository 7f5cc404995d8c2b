import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../shared/findings.js';
import type { RunSummary } from '../../shared/ipc.js';
import { remoteFixFor } from '../verdict.js';
import { type HandoffInput, handoffFileName, handoffSubject, renderHandoffReport } from './handoff-report.js';

const HOST = 'SERVER01.contoso.com';
const probe = { host: HOST } as Parameters<typeof remoteFixFor>[0];
const remoteFix = remoteFixFor(probe, '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567');

const handshake: Finding = {
  repairId: 'rdp-handshake',
  status: 'manual',
  summary: "The remote computer's Remote Desktop certificate expired on 2025-01-01.",
  explanation: '',
  evidence: [
    { label: 'Remote computer', value: `${HOST}, port 3389` },
    { label: 'Certificate', value: 'CN=server01.contoso.com, valid 2024-07-01 to 2025-01-01' },
  ],
  instructions: [
    'Check the VPN, the firewall or the port forwarding between this PC and the remote computer.',
  ],
};

const run = (host: string, startedAt: string, description: string): RunSummary => ({
  runId: 'run-20261120-abcdef12',
  host,
  startedAt,
  state: 'done',
  changes: [
    {
      id: 'udp',
      repairId: 'udp-transport',
      description,
      reversible: true,
      needsElevation: true,
      undone: false,
    },
  ],
  undoable: true,
});

const input: HandoffInput = {
  host: HOST,
  verdict: {
    side: 'remote-pc',
    summary: "The remote computer's Remote Desktop certificate expired on 2025-01-01.",
    remoteFix,
  },
  findings: [handshake],
  runs: [
    run(
      'server01.contoso.com',
      '2026-11-20T11:00:00.000Z',
      'Turn off UDP for Remote Desktop on this computer',
    ),
    run('other-pc', '2026-11-19T11:00:00.000Z', 'Delete the saved password for other-pc'),
  ],
  connectionTest: 'not-connected',
  manualDone: ['vpn'],
  generatedAt: new Date('2026-11-21T09:00:00Z'),
};

describe('renderHandoffReport', () => {
  const page = renderHandoffReport(input);

  it('names the computer by its real name, not a placeholder', () => {
    expect(page).toContain(HOST);
    expect(page).not.toMatch(/host-1/);
    expect(handoffSubject(input)).toBe(
      'Remote Desktop to SERVER01.contoso.com fails: the problem is on the remote computer',
    );
    expect(handoffFileName(HOST)).toBe('remote-desktop-SERVER01.contoso.com.md');
    expect(handoffFileName('[fe80::1]:3390')).toBe('remote-desktop-fe80-1-3390.md');
  });

  it('says which side failed first, then the steps and the PowerShell for that computer', () => {
    const side = page.indexOf('**The problem is on the remote computer.**');
    const steps = page.indexOf('### What to do there');
    const code = page.indexOf('```powershell\n# On the remote computer, as administrator\n');
    expect(side).toBeGreaterThan(0);
    expect(steps).toBeGreaterThan(side);
    expect(code).toBeGreaterThan(steps);
    expect(page).toContain(`1. \`On ${HOST}, as an administrator, open PowerShell.\``);
    expect(page).toContain('Restart-Service -Name SessionEnv -Force\n');
    expect(page).toContain("Remote Desktop\\0A1B2C3D4E5F60718293A4B5C6D7E8F901234567'");
  });

  it('carries the evidence of the check', () => {
    expect(page).toContain('## What the check saw');
    expect(page).toContain('- `Certificate`: `CN=server01.contoso.com, valid 2024-07-01 to 2025-01-01`');
  });

  it("lists what this PC already tried for that computer only, and the user's answers", () => {
    const tried = page.slice(page.indexOf('## What this PC already tried'));
    expect(tried).toContain('`Turn off UDP for Remote Desktop on this computer`');
    expect(tried).not.toContain('other-pc');
    expect(tried).toContain('followed the steps of "VPN"');
    expect(tried).toContain('it still did not connect');
  });

  it('says nothing was tried when nothing was', () => {
    const { connectionTest: _a, manualDone: _b, ...rest } = input;
    const fresh = renderHandoffReport({ ...rest, runs: [] });
    expect(fresh).toContain('Nothing yet: RDP Repair changed nothing on this PC for');
  });

  it('on a network verdict, gives what to check on the way (no PowerShell)', () => {
    const network = renderHandoffReport({
      ...input,
      verdict: { side: 'network', summary: `${HOST} (port 3389) accepted the connection and closed it.` },
    });
    expect(network).toContain('**The problem is on the way to the remote computer.**');
    expect(network).toContain('### What to check on the way to the remote computer');
    expect(network).toContain('1. `Check the VPN, the firewall or the port forwarding');
    expect(network).not.toContain('```powershell');
  });
});

describe('renderHandoffReport with hostile machine text', () => {
  const FAKE = '[OK] all checks passed';
  const hostile = `x\n# ${FAKE}\r\n\u202e<img src=x onerror=alert(1)> [link](https://evil.example) \`\`\``;
  const page = renderHandoffReport({
    ...input,
    verdict: {
      side: 'remote-pc',
      summary: hostile,
      remoteFix: { steps: [hostile], powershell: `Get-Item\n\`\`\`\n# ${FAKE}\u202e\r` },
    },
    findings: [{ ...handshake, evidence: [{ label: hostile, value: hostile }] }],
    runs: [run(HOST, hostile, hostile)],
  });

  it('keeps every hostile value on its line: no heading, link, image or HTML appears', () => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(page);
    const kinds = new Set<string>();
    const visit = (node: { type: string; depth?: number; children?: unknown[] }) => {
      kinds.add(node.type === 'heading' ? `h${node.depth}` : node.type);
      for (const child of (node.children ?? []) as (typeof node)[]) visit(child);
    };
    visit(tree as never);
    for (const live of ['link', 'image', 'html']) expect(kinds.has(live), live).toBe(false);
    // The only headings are the page's own.
    const headings = tree.children.filter((n) => n.type === 'heading');
    expect(headings.some((h) => JSON.stringify(h).includes(FAKE))).toBe(false);
    expect(headings).toHaveLength(5);
    expect(page).not.toMatch(/[\r\u202e]/);
  });

  it('cannot close the PowerShell block early', () => {
    const tree = unified().use(remarkParse).use(remarkGfm).parse(page);
    const code = tree.children.filter((n) => n.type === 'code');
    expect(code).toHaveLength(1);
    expect(code[0]?.type === 'code' && code[0].value).toContain(`# ${FAKE}\\u{202E}\\u{000D}`);
  });
});
