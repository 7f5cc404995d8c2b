import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, workspace } from '../cli/cli-harness.js';
import { cleanUpServers, makeCertificate, type Running, startXrdp, stopDisplay } from './servers.js';

/*
 * Each verdict rule of issue 24 with a real counterpart: a simulated client machine (its SCHANNEL values and
 * policies, from sample-machines/) against a real xrdp on loopback configured for that rule, through
 * `rdp-repair scan --real-network --json`. The verdict gives the side and names the versions; a TLS mismatch
 * is never "the remote computer closed the connection" nor a certificate fault.
 */

const servers: Record<string, Running> = {};

beforeAll(async () => {
  const certificate = makeCertificate('rdp-verdict.test', 'valid');
  servers.tls10 = await startXrdp('tls', certificate, {
    sslProtocols: 'TLSv1',
    tlsCiphers: 'DEFAULT@SECLEVEL=0',
  });
  servers.tls13 = await startXrdp('tls', certificate, { sslProtocols: 'TLSv1.3' });
  servers.negotiate = await startXrdp('negotiate', certificate, { sslProtocols: 'TLSv1.2, TLSv1.3' });
  servers.rdpOnly = await startXrdp('rdp');
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await stopDisplay();
  cleanUpServers();
});

async function verdictAgainst(sample: string, server: string) {
  const w = workspace(sample);
  const host = `127.0.0.1:${(servers[server] as Running).port}`;
  const run = await cli(
    'scan',
    '--host',
    host,
    '--simulate',
    w.machineFile,
    '--data-dir',
    w.dataDir,
    '--real-network',
    '--json',
  );
  const parsed = JSON.parse(run.stdout);
  return { verdict: parsed.verdict, findings: parsed.findings, changes: parsed.changes ?? parsed.plan };
}

const NOT_BLAMED_WRONGLY = /closed the connection|certificate/;

describe('the TLS verdict against real servers', () => {
  it('xrdp with TLS 1.0 only, a Windows 11 24H2 client: the remote computer, with TLS 1.2 steps', async () => {
    const { verdict } = await verdictAgainst('tls-remote-10-only.json', 'tls10');
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.summary).toContain(
      'The remote computer speaks only TLS 1.0, which Windows on this PC no longer uses',
    );
    expect(verdict.summary).not.toMatch(NOT_BLAMED_WRONGLY);
    expect(verdict.remoteFix.powershell).toContain('36871');
  });

  it('xrdp with TLS 1.2 and 1.3, a client with TLS 1.2 and 1.3 turned off: this PC, with the fix', async () => {
    const { verdict, findings } = await verdictAgainst('tls-client-12-13-off.json', 'negotiate');
    expect(verdict.side).toBe('this-pc');
    expect(verdict.summary).toContain(
      'This PC has TLS 1.2 and 1.3 turned off, and the remote computer speaks only TLS 1.2 and 1.3',
    );
    const check = findings.find((f: { repairId: string }) => f.repairId === 'rdp-handshake');
    expect(check.status).toBe('problem');
  });

  it('xrdp with TLS 1.3 only, a Windows 10 client: the remote computer', async () => {
    const { verdict } = await verdictAgainst('tls-windows10-remote-13-only.json', 'tls13');
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.summary).toContain(
      'The remote computer speaks only TLS 1.3, which Windows on this PC (build 19045) does not support',
    );
  });

  it('xrdp with Standard RDP Security only, a client requiring server authentication: the remote computer', async () => {
    const { verdict } = await verdictAgainst('tls-requires-server-auth.json', 'rdpOnly');
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.summary).toContain('accepts only Standard RDP Security');
  });

  it('a client with its defaults against xrdp with TLS 1.2 and 1.3: no TLS verdict', async () => {
    const { verdict } = await verdictAgainst('healthy.json', 'negotiate');
    expect(verdict.summary).not.toMatch(/speaks only|turned off/);
  });
});
