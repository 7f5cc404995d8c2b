import { createServer, type Server, type Socket } from 'node:net';
import { createSecureContext, type SecureVersion, TLSSocket } from 'node:tls';

/*
 * A small Remote Desktop listener for the network tests: it reads the X.224 Connection Request, answers it the
 * way the test says (a protocol, a failure code, raw bytes, closing, silence), and then, when the answer leads to
 * TLS, completes TLS only within the versions it is given. It counts how many connections were open and not yet
 * answered at once, so a test can check that the map never floods a listener with a small accept queue.
 */

// A throwaway self-signed P-256 certificate (CN=fake-rdp.test, valid to 2126) made for these tests only.
const KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgWiXHwpjWNK55KE32
uiUd2d1I+sLVOBzVQobLvOdvp5yhRANCAAQRdRSh0zaeTGI7NdGVZaQFFerKQ32o
bMlu3H/X8X1cku2Q+GHbu+6J3uLst7AmuYK0XzuQttfNdfkY+beqgkYy
-----END PRIVATE KEY-----`;
const CERT = `-----BEGIN CERTIFICATE-----
MIIBhjCCAS2gAwIBAgIUSZhhlpiiRByfU/dO91mePokg8tkwCgYIKoZIzj0EAwIw
GDEWMBQGA1UEAwwNZmFrZS1yZHAudGVzdDAgFw0yNjEyMDMxNDQyMDFaGA8yMTI2
MTEwOTE0NDIwMVowGDEWMBQGA1UEAwwNZmFrZS1yZHAudGVzdDBZMBMGByqGSM49
AgEGCCqGSM49AwEHA0IABBF1FKHTNp5MYjs10ZVlpAUV6spDfahsyW7cf9fxfVyS
7ZD4Ydu77one4uy3sCa5grRfO5C21811+Rj5t6qCRjKjUzBRMB0GA1UdDgQWBBSp
BkOqQeYMI2/YOfapA29C/AbUnTAfBgNVHSMEGDAWgBSpBkOqQeYMI2/YOfapA29C
/AbUnTAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIAGxznTjvWNo
uIc5BoISzDTqvFzXHO7Txq8x1PDRpTxnAiBc4yA+JAF3W7IRYrX+HYhztqVgkFYh
y8DFPXxfTbDJPA==
-----END CERTIFICATE-----`;

/** What the listener answers to one request (its requestedProtocols flags). */
export type FakeAnswer =
  | { select: number }
  | { fail: number }
  | { bytes: Buffer }
  | { legacy: true }
  | 'close'
  | 'silent';

export interface FakeRdpOptions {
  answer: (requested: number) => FakeAnswer;
  /** The TLS versions it completes after choosing TLS, CredSSP or RDSTLS; 'close' drops TLS at the ClientHello. */
  tls?: { min: SecureVersion; max: SecureVersion } | 'close';
  /** Waits this long before answering the request. */
  delayMs?: number;
}

export interface FakeRdpServer {
  port: number;
  /** The most connections that were open at once without an answer to their request yet. */
  mostUnanswered: () => number;
  /** Every requestedProtocols value received, in order. */
  requests: number[];
  close: () => Promise<void>;
}

export function confirmBytes(type: 2 | 3, value: number): Buffer {
  const bytes = Buffer.from('030000130ed00000000000020008000000000000'.slice(0, 38), 'hex');
  bytes.writeUInt8(type, 11);
  bytes.writeUInt32LE(value >>> 0, 15);
  return bytes;
}

function reply(answer: FakeAnswer): Buffer | undefined {
  if (answer === 'close' || answer === 'silent') return undefined;
  if ('select' in answer) return confirmBytes(2, answer.select);
  if ('fail' in answer) return confirmBytes(3, answer.fail);
  if ('legacy' in answer) return Buffer.from('0300000b06d00000123400', 'hex');
  return answer.bytes;
}

function startTls(socket: Socket, tls: FakeRdpOptions['tls']): void {
  if (!tls) return;
  if (tls === 'close') {
    socket.once('data', () => socket.destroy());
    return;
  }
  const context = createSecureContext({
    key: KEY,
    cert: CERT,
    minVersion: tls.min,
    maxVersion: tls.max,
    ciphers: 'DEFAULT@SECLEVEL=0',
  });
  const secure = new TLSSocket(socket, { isServer: true, secureContext: context });
  secure.on('error', () => socket.destroy());
}

/** TLS, CredSSP, RDSTLS and CredSSP-EX all start with TLS on the same connection. */
const leadsToTls = (answer: FakeAnswer) =>
  typeof answer === 'object' && 'select' in answer && answer.select !== 0;

export async function fakeRdpServer(options: FakeRdpOptions): Promise<FakeRdpServer> {
  const sockets = new Set<Socket>();
  const requests: number[] = [];
  let unanswered = 0;
  let most = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    unanswered += 1;
    most = Math.max(most, unanswered);
    let answered = false;
    const settle = () => {
      if (!answered) unanswered -= 1;
      answered = true;
    };
    socket.on('error', () => undefined);
    socket.on('close', () => {
      settle();
      sockets.delete(socket);
    });
    socket.once('data', (request) => {
      const requested = request.length >= 19 ? request.readUInt32LE(15) : -1;
      requests.push(requested);
      const answer = options.answer(requested);
      const respond = () => {
        if (socket.destroyed || answer === 'silent') return;
        settle();
        if (answer === 'close') return socket.destroy();
        const bytes = reply(answer);
        if (!bytes) return;
        socket.write(bytes);
        if (leadsToTls(answer)) startTls(socket, options.tls);
      };
      if (options.delayMs) setTimeout(respond, options.delayMs);
      else respond();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    mostUnanswered: () => most,
    requests,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** RDP_NEG_REQ flags, as the tests spell requests. */
export const FLAGS = { rdp: 0, tls: 1, credssp: 2, rdstls: 4, credsspEarly: 8 } as const;
