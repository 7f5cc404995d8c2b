import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { FLAGS, fakeRdpServer } from './fake-rdp-server.test-support.js';
import { probeHandshake } from './handshake-probe.js';

/*
 * The probe against small Node servers on loopback that do what real RDP servers will not do on demand: close
 * after accepting, never answer, answer HTTP, refuse with each RDP_NEG_FAILURE code, drop TLS after the
 * ClientHello, send oversized or garbage replies. Real servers (xrdp, FreeRDP) are in test/rdp-servers/.
 */

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function fake(onConnection: (socket: Socket) => void): Promise<number> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    onConnection(socket);
  });
  const close = server.close.bind(server);
  server.close = (callback) => {
    for (const s of sockets) s.destroy();
    return close(callback);
  };
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** Answers the first request with these bytes. */
const answering = (bytes: Buffer, then: 'stay' | 'close' = 'stay') =>
  fake((socket) => {
    socket.once('data', () => {
      socket.write(bytes);
      if (then === 'close') socket.end();
    });
  });

const probe = (port: number, deadlineMs = 2000) =>
  probeHandshake({ host: '127.0.0.1', port }, { deadlineMs });

function confirm(type: number, value: number): Buffer {
  const bytes = Buffer.from('030000130ed00000000000000008000000000000'.slice(0, 38), 'hex');
  bytes.writeUInt8(type, 11);
  bytes.writeUInt32LE(value, 15);
  return bytes;
}

describe('the handshake probe against fakes', () => {
  it('refused: nothing listens on the port', async () => {
    const port = await fake(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    expect((await probe(port)).outcome).toEqual({ kind: 'refused' });
  });

  it('accepted then closed: what a tunnel or an inbound shield does', async () => {
    const port = await fake((socket) => socket.destroy());
    const result = await probe(port);
    expect(result.outcome).toEqual({ kind: 'closed-after-accept' });
    expect(result.address).toBe('127.0.0.1');
  });

  it('accepted, then nothing within the deadline: silent, and the probe keeps its deadline', async () => {
    const port = await fake(() => undefined);
    const result = await probe(port, 800);
    expect(result.outcome).toEqual({ kind: 'silent-after-accept' });
    expect(result.elapsedMs).toBeGreaterThanOrEqual(700);
  });

  it('an HTTP server on the port is not Remote Desktop, and says what it looks like', async () => {
    const port = await answering(
      Buffer.from('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'),
      'close',
    );
    const { outcome } = await probe(port);
    expect(outcome).toMatchObject({ kind: 'not-rdp', looksLike: 'an HTTP server' });
    expect(outcome.kind === 'not-rdp' && Buffer.from(outcome.firstBytesHex, 'hex').toString()).toMatch(
      /^HTTP\/1.1 400/,
    );
  });

  it.each([
    [1, 'SSL_REQUIRED_BY_SERVER'],
    [2, 'SSL_NOT_ALLOWED_BY_SERVER'],
    [3, 'SSL_CERT_NOT_ON_SERVER'],
    [4, 'INCONSISTENT_FLAGS'],
    [5, 'HYBRID_REQUIRED_BY_SERVER'],
    [6, 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER'],
  ])('RDP_NEG_FAILURE %i is named %s', async (code, name) => {
    const port = await answering(confirm(0x03, code), 'close');
    expect((await probe(port)).outcome).toEqual({ kind: 'negotiation-failure', code, name });
  });

  it('TLS chosen, then the connection dropped after the ClientHello', async () => {
    const port = await fake((socket) => {
      socket.once('data', () => {
        socket.write(confirm(0x02, 0x01));
        // The next bytes are the ClientHello: drop the connection there.
        socket.once('data', () => socket.destroy());
      });
    });
    const { outcome } = await probe(port);
    expect(outcome).toMatchObject({ kind: 'selected', protocol: 'tls', tls: { kind: 'closed' } });
  });

  it('TLS chosen, then garbage instead of a ServerHello: a TLS failure with its reason', async () => {
    const port = await fake((socket) => {
      socket.once('data', () => {
        socket.write(confirm(0x02, 0x01));
        socket.once('data', () => socket.write(Buffer.alloc(64, 0x41)));
      });
    });
    const { outcome } = await probe(port);
    expect(outcome).toMatchObject({ kind: 'selected', tls: { kind: 'alert' } });
  });

  it('an oversized reply is cut at the cap and is not Remote Desktop', async () => {
    const big = Buffer.alloc(64 * 1024, 0x03);
    big.writeUInt16BE(0xffff, 2);
    const port = await answering(big);
    expect((await probe(port)).outcome).toMatchObject({ kind: 'not-rdp' });
  });

  it('a megabyte of garbage that never ends neither hangs nor grows the probe', async () => {
    const port = await fake((socket) => {
      const chunk = Buffer.alloc(64 * 1024, 0x7a);
      const pump = () => {
        while (socket.writable && socket.write(chunk)) {
          /* keep the pipe full */
        }
      };
      socket.on('drain', pump);
      pump();
    });
    const result = await probe(port, 1500);
    expect(result.outcome).toMatchObject({ kind: 'not-rdp', looksLike: 'something unknown' });
    expect(result.elapsedMs).toBeLessThan(1500);
  });

  it('a reply split into single bytes is still read', async () => {
    const port = await fake((socket) => {
      socket.once('data', async () => {
        const bytes = confirm(0x03, 5);
        for (const byte of bytes) {
          socket.write(Buffer.from([byte]));
          await new Promise((resolve) => setTimeout(resolve, 2));
        }
      });
    });
    expect((await probe(port)).outcome).toMatchObject({
      kind: 'negotiation-failure',
      name: 'HYBRID_REQUIRED_BY_SERVER',
    });
  });

  it('a name that does not resolve is unresolved, at once', async () => {
    const result = await probeHandshake({ host: 'no-such-host.invalid', port: 3389 }, { deadlineMs: 2000 });
    expect(result.outcome).toEqual({ kind: 'unresolved' });
    expect(result.addresses).toEqual([]);
  });
});

describe('the handshake probe and the server map beside it', () => {
  const windowsNla = (requested: number) =>
    requested & FLAGS.credsspEarly
      ? { select: FLAGS.credsspEarly }
      : requested & FLAGS.credssp
        ? { select: FLAGS.credssp }
        : { fail: 5 };

  it('carries the map of the address that answered, beside the outcome it always gave', async () => {
    const server = await fakeRdpServer({ answer: windowsNla, tls: { min: 'TLSv1.2', max: 'TLSv1.3' } });
    try {
      const result = await probe(server.port);
      expect(result.outcome).toMatchObject({
        kind: 'selected',
        protocol: 'credssp-early',
        tls: { kind: 'established', version: 'TLSv1.3' },
        withoutCredSsp: { kind: 'negotiation-failure', detail: 'HYBRID_REQUIRED_BY_SERVER' },
      });
      expect(result.serverAccepts).toEqual({
        protocols: ['credssp', 'credssp-early-auth'],
        tlsVersions: ['TLSv1.2', 'TLSv1.3'],
      });
      expect(result.serverAcceptsUnknown).toEqual({ protocols: [], tlsVersions: [] });
    } finally {
      await server.close();
    }
  });

  it('a listener that closes: the outcome says so, and every question of the map is unknown', async () => {
    const server = await fakeRdpServer({ answer: () => 'close' });
    try {
      const result = await probe(server.port);
      expect(result.outcome).toEqual({ kind: 'closed-after-accept' });
      expect(result.serverAccepts).toEqual({ protocols: [], tlsVersions: [] });
      expect(result.serverAcceptsUnknown?.protocols).toHaveLength(5);
      expect(result.serverAcceptsUnknown?.tlsVersions).toHaveLength(4);
    } finally {
      await server.close();
    }
  });

  it('no map when no address accepted the connection, and none when it is not asked for', async () => {
    const port = await fake(() => undefined);
    await new Promise((resolve) => servers.pop()?.close(resolve));
    const refused = await probe(port);
    expect(refused.outcome).toEqual({ kind: 'refused' });
    expect(refused.serverAccepts).toBeUndefined();
    const server = await fakeRdpServer({
      answer: () => ({ select: FLAGS.tls }),
      tls: { min: 'TLSv1.2', max: 'TLSv1.2' },
    });
    try {
      const without = await probeHandshake(
        { host: '127.0.0.1', port: server.port },
        { deadlineMs: 2000, serverMap: false },
      );
      expect(without.outcome).toMatchObject({ kind: 'selected', protocol: 'tls' });
      expect(without.serverAccepts).toBeUndefined();
      expect(server.requests).toEqual([FLAGS.tls | FLAGS.credssp | FLAGS.credsspEarly]);
    } finally {
      await server.close();
    }
  });

  it('the handshake and the map together never have more than two connections waiting for an answer', async () => {
    const server = await fakeRdpServer({
      answer: windowsNla,
      tls: { min: 'TLSv1.2', max: 'TLSv1.3' },
      delayMs: 30,
    });
    try {
      const result = await probe(server.port);
      expect(result.serverAcceptsUnknown).toEqual({ protocols: [], tlsVersions: [] });
      // The handshake's two connections (with and without CredSSP) and the map's six: its CredSSP-EX question
      // is the handshake's own request.
      expect(server.requests).toHaveLength(8);
      expect(server.mostUnanswered()).toBe(2);
    } finally {
      await server.close();
    }
  });

  it("asks nothing twice: the handshake's request is the CredSSP-EX question, its TLS answers TLS 1.3", async () => {
    // xrdp with security_layer=tls: TLS for every request with TLS; TLS 1.2 and 1.3.
    const server = await fakeRdpServer({
      answer: (requested) => (requested === 0 ? { fail: 1 } : { select: FLAGS.tls }),
      tls: { min: 'TLSv1.2', max: 'TLSv1.3' },
    });
    try {
      const result = await probe(server.port);
      expect(result.serverAccepts).toEqual({ protocols: ['tls'], tlsVersions: ['TLSv1.2', 'TLSv1.3'] });
      expect(result.serverAcceptsUnknown).toEqual({ protocols: [], tlsVersions: [] });
      expect([...server.requests].sort((a, b) => a - b)).toEqual([0x0, 0x1, 0x3, 0x5, 0xb]);
    } finally {
      await server.close();
    }
  });

  it('the handshake completing TLS 1.2 while offering 1.3 answers that 1.3 does not complete', async () => {
    const server = await fakeRdpServer({
      answer: () => ({ select: FLAGS.tls }),
      tls: { min: 'TLSv1', max: 'TLSv1.2' },
    });
    try {
      const result = await probe(server.port);
      expect(result.outcome).toMatchObject({ tls: { kind: 'established', version: 'TLSv1.2' } });
      expect(result.serverAccepts?.tlsVersions).toEqual(['TLSv1', 'TLSv1.1', 'TLSv1.2']);
      expect(server.requests).toHaveLength(5);
    } finally {
      await server.close();
    }
  });

  it("when the handshake's TLS fails, TLS 1.3 is asked on a connection of its own", async () => {
    const server = await fakeRdpServer({ answer: () => ({ select: FLAGS.tls }), tls: 'close' });
    try {
      const result = await probe(server.port);
      expect(result.serverAccepts).toEqual({ protocols: ['tls'], tlsVersions: [] });
      expect(result.serverAcceptsUnknown).toEqual({ protocols: [], tlsVersions: [] });
      expect(server.requests).toHaveLength(6);
    } finally {
      await server.close();
    }
  });

  it('Standard RDP Security chosen by the handshake: no TLS version completes, and 1.3 is not asked again', async () => {
    const server = await fakeRdpServer({ answer: () => ({ select: FLAGS.rdp }) });
    try {
      const result = await probe(server.port);
      expect(result.outcome).toMatchObject({ kind: 'selected', protocol: 'rdp' });
      expect(result.serverAccepts).toEqual({ protocols: ['rdp'], tlsVersions: [] });
      expect(result.serverAcceptsUnknown).toEqual({ protocols: [], tlsVersions: [] });
      // The handshake and the map's four questions: offered everything, the server chose no TLS once already.
      expect(server.requests).toHaveLength(5);
    } finally {
      await server.close();
    }
  });
});
