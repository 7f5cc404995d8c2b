import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeHandshake } from '../../network/handshake-probe.js';
import { askServerMap } from '../../network/server-map.js';
import { Deadline } from '../../network/tcp-connect.js';
import type { ServerAccepts } from '../../shared/handshake.js';
import { cli, workspace } from '../cli/cli-harness.js';
import {
  cleanUpServers,
  makeCertificate,
  type Running,
  startShadowNla,
  startXrdp,
  stopDisplay,
} from './servers.js';

/*
 * The server's map against real servers on loopback, each configured one way: for each, `serverAccepts` is
 * exactly what the configuration allows, and nothing is left unknown, beside the handshake (which gives the map
 * two of its answers) and asked alone.
 *
 * What xrdp 0.9.21 selects (measured here, and it is what the assertions say):
 *   - security_layer=tls: TLS for every request that offers TLS, whatever else it offers (TLS|CredSSP,
 *     TLS|CredSSP|CredSSP-EX, TLS|RDSTLS); RDP_NEG_FAILURE SSL_REQUIRED_BY_SERVER for Standard RDP Security
 *     alone. xrdp does not do CredSSP: a CredSSP request is answered with TLS, so CredSSP is not accepted.
 *   - security_layer=negotiate: Standard RDP Security when asked for it alone, TLS for every request with TLS.
 *   - security_layer=rdp: Standard RDP Security (an RDP_NEG_RSP selecting 0) for every request; no TLS follows.
 *   - TLS versions: exactly the `ssl_protocols` ones complete; the others get a protocol_version alert.
 * FreeRDP 2.11's shadow server with /sec:nla: CredSSP when asked for CredSSP, also when CredSSP-EX is asked
 * (it does not select HYBRID_EX), HYBRID_REQUIRED_BY_SERVER for the rest; TLS 1.2 and 1.3 (Debian's OpenSSL
 * security level refuses 1.0 and 1.1 with an internal_error alert).
 */

const servers: Record<string, Running> = {};
let certificate: ReturnType<typeof makeCertificate>;

beforeAll(async () => {
  certificate = makeCertificate('rdp-map.test', 'valid');
  servers.tls10 = await startXrdp('tls', certificate, {
    sslProtocols: 'TLSv1',
    tlsCiphers: 'DEFAULT@SECLEVEL=0',
  });
  servers.tls12 = await startXrdp('tls', certificate, { sslProtocols: 'TLSv1.2' });
  servers.tls13 = await startXrdp('tls', certificate, { sslProtocols: 'TLSv1.3' });
  servers.negotiate = await startXrdp('negotiate', certificate, { sslProtocols: 'TLSv1.2, TLSv1.3' });
  servers.rdpOnly = await startXrdp('rdp');
  servers.shadowNla = await startShadowNla();
}, 60_000);

afterAll(async () => {
  await Promise.all(Object.values(servers).map((s) => s.stop()));
  await stopDisplay();
  cleanUpServers();
});

const port = (name: string) => (servers[name] as Running).port;
const NONE: ServerAccepts = { protocols: [], tlsVersions: [] };

describe('the server map against real servers', () => {
  it.each([
    ['tls10', 'xrdp, security_layer=tls, TLS 1.0 only', ['tls'], ['TLSv1']],
    ['tls12', 'xrdp, security_layer=tls, TLS 1.2 only', ['tls'], ['TLSv1.2']],
    ['tls13', 'xrdp, security_layer=tls, TLS 1.3 only', ['tls'], ['TLSv1.3']],
    ['negotiate', 'xrdp, security_layer=negotiate, TLS 1.2 and 1.3', ['rdp', 'tls'], ['TLSv1.2', 'TLSv1.3']],
    ['rdpOnly', 'xrdp, security_layer=rdp', ['rdp'], []],
    ['shadowNla', "FreeRDP's shadow server, /sec:nla", ['credssp'], ['TLSv1.2', 'TLSv1.3']],
  ])('%s (%s): the map is the configuration', async (name, _, protocols, tlsVersions) => {
    const target = { host: '127.0.0.1', port: port(name) };
    const result = await probeHandshake(target, { deadlineMs: 5000 });
    expect(result.serverAccepts).toEqual({ protocols, tlsVersions });
    expect(result.serverAcceptsUnknown).toEqual(NONE);
    // Asked alone, without the handshake's two answers, the map is the same.
    const alone = await askServerMap('127.0.0.1', target, new Deadline(5000));
    expect(alone).toEqual({ serverAccepts: { protocols, tlsVersions }, serverAcceptsUnknown: NONE });
  });

  it('the handshake itself is what it always was: xrdp with TLS 1.0 only completes TLS 1.0', async () => {
    const result = await probeHandshake({ host: '127.0.0.1', port: port('tls10') }, { deadlineMs: 5000 });
    expect(result.outcome).toMatchObject({
      kind: 'selected',
      protocol: 'tls',
      tls: { kind: 'established', version: 'TLSv1' },
    });
  });
});

describe('rdp-repair scan --real-network shows the map', () => {
  it('in the JSON (handshake.serverAccepts) and in the handshake check, in words, in both outputs', async () => {
    const w = workspace('healthy.json');
    // Each run against an xrdp of its own: in one clean-clone CI run the shared xrdp (fork=false), which had
    // already answered several maps, refused the next scan's connection; its log was gone, the cause is unknown.
    const scan = async (...more: string[]) => {
      const server = await startXrdp('negotiate', certificate, { sslProtocols: 'TLSv1.2, TLSv1.3' });
      try {
        const args = ['scan', '--host', `127.0.0.1:${server.port}`, '--simulate', w.machineFile];
        return await cli(...args, '--data-dir', w.dataDir, '--real-network', ...more);
      } finally {
        await server.stop();
      }
    };
    const json = await scan('--json');
    const parsed = JSON.parse(json.stdout);
    expect(parsed.handshake.serverAccepts).toEqual({
      protocols: ['rdp', 'tls'],
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
    });
    const check = parsed.findings.find((f: { repairId: string }) => f.repairId === 'rdp-handshake');
    expect(check.evidence).toContainEqual({
      label: 'Security protocols the remote computer accepts',
      value: 'Standard RDP Security, TLS',
    });
    expect(check.evidence).toContainEqual({ label: 'TLS versions it completes', value: '1.2, 1.3' });
    const text = await scan();
    expect(text.stdout).toContain(
      '    Security protocols the remote computer accepts: Standard RDP Security, TLS\n',
    );
    expect(text.stdout).toContain('    TLS versions it completes: 1.2, 1.3\n');
  });
});
