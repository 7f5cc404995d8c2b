import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
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
