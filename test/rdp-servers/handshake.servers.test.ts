import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHandshake } from '../../network/handshake-probe.js';
import type { HandshakeProbe } from '../../shared/handshake.js';
import { cli, workspace } from '../cli/cli-harness.js';
import {
  cleanUpServers,
  makeCertificate,
  type Running,
  startFullBacklog,
  startShadowNla,
  startXrdp,
  stopDisplay,
  xDisplay,
  xfreerdpAuthOnly,
} from './servers.js';

/*
 * The probe and the whole CLI (`scan --simulate <a plain client> --real-network --json`) against real servers on
 * loopback: xrdp with TLS (a valid and an expired certificate) and with Standard RDP Security, FreeRDP's shadow
 * server requiring NLA, a listener that never answers SYNs, one that closes after accepting, and an HTTP server.
 * xfreerdp +auth-only, a real client, is asked about the same servers: where it and the probe disagree, the test
 * says which is right and why.
 */

const servers: Record<string, Running> = {};
const nodeServers: Server[] = [];
let display = 0;

async function nodeServer(onConnection: (socket: Socket) => void): Promise<Running> {
  const server = createServer(onConnection);
  nodeServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

beforeAll(async () => {
  display = await xDisplay();
  const [valid, expired] = [
    makeCertificate('rdp-valid.test', 'valid'),
    makeCertificate('rdp-expired.test', 'expired'),
  ];
  servers.tlsValid = await startXrdp('tls', valid);
  servers.tlsExpired = await startXrdp('tls', expired);
  servers.rdpLayer = await startXrdp('rdp');
  servers.nla = await startShadowNla();
  servers.filtered = await startFullBacklog();
  servers.closes = await nodeServer((socket) => socket.destroy());
  servers.http = await nodeServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await stopDisplay();
  cleanUpServers();
});

const port = (name: string) => (servers[name] as Running).port;
const probe = (name: string, deadlineMs = 5000) =>
  probeHandshake({ host: '127.0.0.1', port: port(name) }, { deadlineMs });

async function scan(name: string) {
  const w = workspace('healthy.json');
  const started = performance.now();
  const run = await cli(
    'scan',
    '--host',
    `127.0.0.1:${port(name)}`,
    '--simulate',
    w.machineFile,
    '--data-dir',
    w.dataDir,
    '--real-network',
    '--json',
  );
  const elapsed = performance.now() - started;
  const json = JSON.parse(run.stdout) as {
    verdict: { side: string; summary: string };
    handshake: HandshakeProbe | null;
    findings: {
      repairId: string;
      status: string;
      summary: string;
      evidence: { label: string; value: string }[];
    }[];
  };
  const handshake = json.findings.find((f) => f.repairId === 'rdp-handshake');
  return { run, json, handshake, elapsed };
}

describe('the probe against real servers', () => {
  it('xrdp, security_layer=tls, a valid certificate: TLS chosen, TLS 1.3, the certificate read', async () => {
    const result = await probe('tlsValid');
    expect(result.outcome).toMatchObject({
      kind: 'selected',
      protocol: 'tls',
      tls: {
        kind: 'established',
        version: 'TLSv1.3',
        certificate: {
          subject: 'CN=rdp-valid.test',
          subjectAltNames: ['DNS:rdp-valid.test'],
          selfSigned: true,
        },
      },
    });
  });

  it('xrdp with an expired certificate: the certificate and its end date', async () => {
    const result = await probe('tlsExpired');
    expect(result.outcome).toMatchObject({
      kind: 'selected',
      tls: { kind: 'established', certificate: { notAfter: '2025-01-01T00:00:00.000Z' } },
    });
  });

  it('xrdp, security_layer=rdp: Standard RDP Security chosen, no TLS', async () => {
    const result = await probe('rdpLayer');
    expect(result.outcome).toMatchObject({ kind: 'selected', protocol: 'rdp' });
    expect(result.outcome.kind === 'selected' && result.outcome.tls).toBeUndefined();
  });

  it('FreeRDP shadow with /sec:nla: CredSSP chosen, TLS completes, and without CredSSP it refuses (NLA required)', async () => {
    const result = await probe('nla');
    expect(result.outcome).toMatchObject({
      kind: 'selected',
      protocol: 'credssp',
      tls: { kind: 'established' },
      withoutCredSsp: { kind: 'negotiation-failure', detail: 'HYBRID_REQUIRED_BY_SERVER' },
    });
  });

  it('a port whose SYNs go unanswered: filtered, within the deadline', async () => {
    const result = await probe('filtered', 1500);
    expect(result.outcome).toEqual({ kind: 'filtered' });
    expect(result.elapsedMs).toBeLessThan(3000);
  });
});

describe('rdp-repair scan --real-network on a plain client, against each server', () => {
  it.each([
    ['tlsValid', 'ok', 'none', /answered Remote Desktop normally: it chose TLS/],
    [
      'tlsExpired',
      'manual',
      'remote-pc',
      /certificate expired on 2025-01-01: it has to be renewed on that computer/,
    ],
    ['rdpLayer', 'ok', 'none', /chose Standard RDP Security/],
    ['nla', 'ok', 'none', /chose CredSSP \(Network Level Authentication\)/],
    ['filtered', 'manual', 'network', /did not answer within 5 s/],
    ['closes', 'manual', 'remote-pc', /accepted the connection and closed it/],
    ['http', 'manual', 'network', /Something other than Remote Desktop answers.*an HTTP server/],
  ])('%s: rdp-handshake %s, verdict %s', async (name, status, side, summary) => {
    const { run, json, handshake, elapsed } = await scan(name);
    expect(run.stderr).toBe('');
    expect(handshake?.status).toBe(status);
    expect(handshake?.summary).toMatch(summary);
    expect(json.verdict.side).toBe(side);
    expect(json.handshake?.simulated).toBe(false);
    expect(handshake?.evidence.some((e) => e.label === 'Time taken')).toBe(true);
    // The probe runs beside the simulated batch: the whole scan stays within the 5 s deadline (plus start-up).
    expect(elapsed).toBeLessThan(9000);
  });

  it('a refused port: nothing listens, on the remote computer', async () => {
    const closed = await nodeServer(() => undefined);
    await closed.stop();
    const w = workspace('healthy.json');
    const run = await cli(
      'scan',
      '--host',
      `127.0.0.1:${closed.port}`,
      '--simulate',
      w.machineFile,
      '--data-dir',
      w.dataDir,
      '--real-network',
      '--json',
    );
    const json = JSON.parse(run.stdout);
    expect(json.verdict.side).toBe('remote-pc');
    expect(json.verdict.summary).toMatch(/refused the connection/);
  });
});

describe('xfreerdp +auth-only, a real client, about the same servers', () => {
  it('xrdp with a valid certificate: both see a working Remote Desktop listener', async () => {
    expect(xfreerdpAuthOnly(port('tlsValid'), display).exitCode).toBe(0);
    expect((await probe('tlsValid')).outcome.kind).toBe('selected');
  });

  it('xrdp with an expired certificate: xfreerdp connects, the probe says expired; the probe is right', async () => {
    // xfreerdp is told /cert:ignore, so it accepts any certificate; Windows judges the listener's certificate,
    // and an expired one is what makes a server refuse TLS or a client warn. The date is a fact the probe reads.
    expect(xfreerdpAuthOnly(port('tlsExpired'), display).exitCode).toBe(0);
    const result = await probe('tlsExpired');
    expect(
      result.outcome.kind === 'selected' &&
        result.outcome.tls?.kind === 'established' &&
        result.outcome.tls.certificate.notAfter,
    ).toBe('2025-01-01T00:00:00.000Z');
  });

  it('FreeRDP shadow with NLA: xfreerdp fails at sign-in with a wrong password, the probe stops before it; both see NLA', async () => {
    // The probe never sends a credential, so it cannot fail at sign-in: it reports that NLA is required, which
    // is exactly where xfreerdp went on to fail with a made-up password.
    const client = xfreerdpAuthOnly(port('nla'), display);
    expect(client.exitCode).not.toBe(0);
    expect((await probe('nla')).outcome).toMatchObject({ protocol: 'credssp' });
  });

  it('an unanswered port: both fail to connect', async () => {
    expect(xfreerdpAuthOnly(port('filtered'), display).exitCode).not.toBe(0);
    expect((await probe('filtered', 1500)).outcome.kind).toBe('filtered');
  }, 30_000);
});
