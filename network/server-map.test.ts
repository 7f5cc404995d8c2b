import { afterEach, describe, expect, it } from 'vitest';
import {
  type FakeRdpOptions,
  type FakeRdpServer,
  FLAGS,
  fakeRdpServer,
} from './fake-rdp-server.test-support.js';
import { askServerMap } from './server-map.js';
import { Deadline } from './tcp-connect.js';

/*
 * The server's map against fake listeners on loopback: which protocol each request gets, which TLS versions
 * complete, and what is left unknown when the listener closes, stays silent, answers garbage or is slow. Real
 * servers (xrdp in each configuration, FreeRDP's shadow server) are in test/rdp-servers/.
 */

const servers: FakeRdpServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function mapOf(options: FakeRdpOptions, deadlineMs = 2000) {
  const server = await fakeRdpServer(options);
  servers.push(server);
  const started = performance.now();
  const map = await askServerMap(
    '127.0.0.1',
    { host: '127.0.0.1', port: server.port },
    new Deadline(deadlineMs),
  );
  return { ...map, server, elapsedMs: performance.now() - started };
}

const NONE = { protocols: [], tlsVersions: [] };
const ALL_UNKNOWN = {
  protocols: ['rdp', 'tls', 'credssp', 'credssp-early-auth', 'rdstls'],
  tlsVersions: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'],
};

/** What Windows with Network Level Authentication required answers: CredSSP-EX or CredSSP, else HYBRID_REQUIRED. */
const windowsNla = (requested: number) =>
  requested & FLAGS.credsspEarly
    ? { select: FLAGS.credsspEarly }
    : requested & FLAGS.credssp
      ? { select: FLAGS.credssp }
      : { fail: 5 };

describe('the server map against fakes', () => {
  it('a Windows-like listener requiring NLA: CredSSP and CredSSP-EX, TLS 1.2 and 1.3', async () => {
    const { serverAccepts, serverAcceptsUnknown } = await mapOf({
      answer: windowsNla,
      tls: { min: 'TLSv1.2', max: 'TLSv1.3' },
    });
    expect(serverAccepts).toEqual({
      protocols: ['credssp', 'credssp-early-auth'],
      tlsVersions: ['TLSv1.2', 'TLSv1.3'],
    });
    expect(serverAcceptsUnknown).toEqual(NONE);
  });

  it('asks each protocol the way Remote Desktop clients do: RDP alone, TLS alone, CredSSP and RDSTLS with TLS', async () => {
    const { server } = await mapOf({ answer: windowsNla, tls: { min: 'TLSv1.2', max: 'TLSv1.3' } });
    expect(new Set(server.requests)).toEqual(new Set([0x0, 0x1, 0x3, 0xb, 0x5]));
  });

  it('a listener that selects something else than asked: only what it selected when asked for it counts', async () => {
    // TLS for every request, as xrdp with security_layer=tls does; TLS 1.0 only.
    const { serverAccepts, serverAcceptsUnknown } = await mapOf({
      answer: () => ({ select: FLAGS.tls }),
      tls: { min: 'TLSv1', max: 'TLSv1' },
    });
    expect(serverAccepts).toEqual({ protocols: ['tls'], tlsVersions: ['TLSv1'] });
    expect(serverAcceptsUnknown).toEqual(NONE);
  });

  it('Standard RDP Security only (and an old listener with no negotiation answer): rdp, and no TLS version', async () => {
    for (const answer of [{ select: FLAGS.rdp }, { legacy: true } as const]) {
      const { serverAccepts, serverAcceptsUnknown } = await mapOf({ answer: () => answer });
      expect(serverAccepts).toEqual({ protocols: ['rdp'], tlsVersions: [] });
      expect(serverAcceptsUnknown).toEqual(NONE);
    }
  });

  it('refusals are answers: SSL_REQUIRED_BY_SERVER for RDP alone means rdp is not accepted', async () => {
    const { serverAccepts } = await mapOf({
      answer: (requested) => (requested === 0 ? { fail: 1 } : { select: FLAGS.tls }),
      tls: { min: 'TLSv1.2', max: 'TLSv1.2' },
    });
    expect(serverAccepts.protocols).toEqual(['tls']);
  });

  it('TLS dropped at the ClientHello (an unusable certificate): every version answered, none completes', async () => {
    const { serverAccepts, serverAcceptsUnknown } = await mapOf({
      answer: () => ({ select: FLAGS.tls }),
      tls: 'close',
    });
    expect(serverAccepts).toEqual({ protocols: ['tls'], tlsVersions: [] });
    expect(serverAcceptsUnknown).toEqual(NONE);
  });

  it('a listener that closes after accepting: every question unknown, at once', async () => {
    const { serverAccepts, serverAcceptsUnknown, elapsedMs } = await mapOf({ answer: () => 'close' });
    expect(serverAccepts).toEqual(NONE);
    expect(serverAcceptsUnknown).toEqual(ALL_UNKNOWN);
    expect(elapsedMs).toBeLessThan(1000);
  });

  it('a silent listener: every question unknown, and the map keeps the deadline', async () => {
    const { serverAccepts, serverAcceptsUnknown, elapsedMs } = await mapOf({ answer: () => 'silent' }, 600);
    expect(serverAccepts).toEqual(NONE);
    expect(serverAcceptsUnknown).toEqual(ALL_UNKNOWN);
    expect(elapsedMs).toBeGreaterThanOrEqual(550);
    expect(elapsedMs).toBeLessThan(1200);
  });

  it('garbage (an HTTP server) is no answer: every question unknown', async () => {
    const { serverAcceptsUnknown } = await mapOf({
      answer: () => ({ bytes: Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n') }),
    });
    expect(serverAcceptsUnknown).toEqual(ALL_UNKNOWN);
  });

  it('an unknown protocol in the answer is no answer either', async () => {
    const { serverAcceptsUnknown } = await mapOf({ answer: () => ({ select: 0x40 }) });
    expect(serverAcceptsUnknown).toEqual(ALL_UNKNOWN);
  });

  it('a slow listener is answered within the deadline; one slower than the deadline is unknown', async () => {
    const slow = await mapOf(
      { answer: windowsNla, tls: { min: 'TLSv1.2', max: 'TLSv1.3' }, delayMs: 150 },
      3000,
    );
    expect(slow.serverAccepts.protocols).toEqual(['credssp', 'credssp-early-auth']);
    expect(slow.serverAcceptsUnknown).toEqual(NONE);
    const late = await mapOf({ answer: windowsNla, delayMs: 800 }, 300);
    expect(late.serverAcceptsUnknown).toEqual(ALL_UNKNOWN);
    expect(late.elapsedMs).toBeLessThan(800);
  });

  it('never has more than two connections waiting for an answer: xrdp listens with a backlog of 2', async () => {
    const { server } = await mapOf({
      answer: windowsNla,
      tls: { min: 'TLSv1.2', max: 'TLSv1.3' },
      delayMs: 30,
    });
    expect(server.mostUnanswered()).toBe(2);
    expect(server.requests.length).toBeGreaterThanOrEqual(5);
  });

  it('nothing listening: every question unknown', async () => {
    const server = await fakeRdpServer({ answer: () => 'close' });
    await server.close();
    const map = await askServerMap('127.0.0.1', { host: '127.0.0.1', port: server.port }, new Deadline(1000));
    expect(map.serverAcceptsUnknown).toEqual(ALL_UNKNOWN);
  });
});
