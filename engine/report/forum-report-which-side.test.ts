import { describe, expect, it } from 'vitest';
import { remoteFixFor } from '../verdict.js';
import { type ForumReportInput, renderForumReport } from './forum-report.js';

// Issue 27, build point 1: Get help's report opens with which side failed and what to do there; the public
// (redacted) version says the same without the computer's name or its certificate's thumbprint.

const HOST = 'server01.contoso.com';
const THUMBPRINT = '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567';
const remoteFix = remoteFixFor({ host: HOST } as Parameters<typeof remoteFixFor>[0], THUMBPRINT);

const input: ForumReportInput = {
  facts: {
    build: '10.0.22631',
    edition: 'Professional',
    elevated: false,
    user: 'alice',
    documentsFolder: 'C:\\Users\\alice\\Documents',
    powershellVersion: '5.1',
  },
  host: HOST,
  findings: [],
  runs: [],
  events: [],
  generatedAt: new Date('2026-11-21T09:00:00Z'),
  verdict: {
    side: 'remote-pc',
    summary: `The Remote Desktop certificate of ${HOST} expired on 2025-01-01.`,
    remoteFix,
  },
};

describe('renderForumReport: "Which side failed" at the top', () => {
  it('comes before the problem, with the steps and the PowerShell for that computer', () => {
    const report = renderForumReport(input, { redact: false });
    const side = report.indexOf('## Which side failed');
    expect(side).toBeGreaterThan(0);
    expect(side).toBeLessThan(report.indexOf('## The problem'));
    expect(report).toContain('**The problem is on the remote computer.**');
    expect(report).toContain(`1. \`On ${HOST}, as an administrator, open PowerShell.\``);
    expect(report).toContain('```powershell\n# On the remote computer, as administrator\n');
    expect(report).toContain(THUMBPRINT);
  });

  it('stays redacted in the public version, the PowerShell too', () => {
    const report = renderForumReport(input, { redact: true });
    expect(report).toContain('## Which side failed');
    expect(report).toContain('Restart-Service -Name SessionEnv -Force');
    expect(report.toLowerCase()).not.toContain('server01');
    expect(report).not.toContain(THUMBPRINT);
  });

  it('is absent when no verdict was given', () => {
    const { verdict: _verdict, ...rest } = input;
    expect(renderForumReport(rest, { redact: false })).not.toContain('## Which side failed');
  });
});
