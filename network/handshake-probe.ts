import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { HandshakeOutcome, HandshakeProbe, RdpProtocol, TlsOutcome } from '../shared/handshake.js';
import { summarizeCertificate } from './certificate-summary.js';
import type { NetworkPort, ProbeOptions, ProbeTarget } from './port.js';
import { connectTcp, Deadline, MIN_ATTEMPT_MS, resolveAddresses } from './tcp-connect.js';
import { type ConfirmReading, connectionRequest, MAX_CONFIRM_BYTES, readConnectionConfirm } from './x224.js';

/*
 * The handshake probe, for real: what Remote Desktop Connection does first, stopped before any credential.
 * Resolve every address (A and AAAA), connect to each in turn, send the X.224 Connection Request offering TLS,
 * CredSSP and CredSSP-EX, read the Connection Confirm and, when TLS or CredSSP was chosen, complete TLS on the
 * same socket to see the certificate. One deadline bounds all of it; every read is capped; sockets are always
 * destroyed. The server's bytes are parsed by x224.ts within fixed bounds.
 */

const OFFER: readonly RdpProtocol[] = ['tls', 'credssp', 'credssp-early'];
const WITHOUT_CREDSSP: readonly RdpProtocol[] = ['tls'];
type ConfirmResult = (ConfirmReading | { kind: 'closed' } | { kind: 'silent' }) & { firstBytes: Buffer };

/** Sends the Connection Request and reads the Confirm: at most MAX_CONFIRM_BYTES, until the deadline. */
function readConfirm(
  socket: Socket,
  protocols: readonly RdpProtocol[],
  deadline: Deadline,
): Promise<ConfirmResult> {
  return new Promise((resolve) => {
    let received = Buffer.alloc(0);
    const finish = (reading: ConfirmReading | { kind: 'closed' } | { kind: 'silent' }) => {
      const result = { ...reading, firstBytes: received.subarray(0, 32) };
      clearTimeout(timer);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onClose);
      socket.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]).subarray(0, MAX_CONFIRM_BYTES + 1);
      const reading = readConnectionConfirm(received);
      if (reading.kind !== 'incomplete') finish(reading);
      else if (received.length > MAX_CONFIRM_BYTES)
        finish({ kind: 'not-rdp', looksLike: 'an oversized reply' });
    };
    const onClose = () => {
      if (received.length === 0) finish({ kind: 'closed' });
      else finish({ kind: 'not-rdp', looksLike: 'a reply cut short' });
    };
    const timer = setTimeout(() => {
      finish(
        received.length === 0 ? { kind: 'silent' } : { kind: 'not-rdp', looksLike: 'an incomplete reply' },
      );
    }, deadline.left());
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', onClose);
    socket.write(connectionRequest(protocols));
  });
}

/** TLS on the negotiated socket: the version and the certificate, or how it failed. */
function tlsHandshake(socket: Socket, host: string, deadline: Deadline): Promise<TlsOutcome> {
  return new Promise((resolve) => {
    socket.resume();
    const literal = host.replace(/^\[(.*)\]$/, '$1');
    const tls = tlsConnect({
      socket,
      // SNI only for names; the certificate is what is looked at, so it is not verified here.
      ...(isIP(literal) ? {} : { servername: host }),
      rejectUnauthorized: false,
      // Old servers still speak TLS 1.0: see what they offer instead of failing on it.
      minVersion: 'TLSv1',
      ciphers: 'DEFAULT:@SECLEVEL=0',
    });
    let settled = false;
    const finish = (outcome: TlsOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      tls.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ kind: 'timeout' }), deadline.left());
    tls.once('secureConnect', () => {
      const certificate = tls.getPeerX509Certificate();
      if (!certificate) finish({ kind: 'alert', detail: 'the server sent no certificate' });
      else
        finish({
          kind: 'established',
          version: tls.getProtocol() ?? 'unknown',
          certificate: summarizeCertificate(certificate),
        });
    });
    tls.once('error', (error: NodeJS.ErrnoException) => {
      const closed = error.code === 'ECONNRESET' || /socket disconnected|socket hang up/i.test(error.message);
      finish(
        closed ? { kind: 'closed' } : { kind: 'alert', detail: (error.code ?? error.message).slice(0, 200) },
      );
    });
    tls.once('close', () => finish({ kind: 'closed' }));
  });
}

type AttemptResult =
  | { kind: 'refused' | 'timeout' | 'unreachable' }
  | { kind: 'answered'; outcome: HandshakeOutcome };

async function negotiate(
  address: string,
  target: ProbeTarget,
  protocols: readonly RdpProtocol[],
  connectMs: number,
  deadline: Deadline,
  signal?: AbortSignal,
): Promise<{ attempt: AttemptResult; socket?: Socket; reading?: ConfirmReading }> {
  const tcp = await connectTcp(address, target.port, connectMs, signal);
  if (tcp.kind !== 'connected') return { attempt: tcp };
  const reply = await readConfirm(tcp.socket, protocols, deadline);
  switch (reply.kind) {
    case 'closed':
      tcp.socket.destroy();
      return { attempt: { kind: 'answered', outcome: { kind: 'closed-after-accept' } } };
    case 'silent':
      tcp.socket.destroy();
      return { attempt: { kind: 'answered', outcome: { kind: 'silent-after-accept' } } };
    case 'incomplete':
    case 'not-rdp':
      tcp.socket.destroy();
      return {
        attempt: {
          kind: 'answered',
          outcome: {
            kind: 'not-rdp',
            firstBytesHex: reply.firstBytes.toString('hex'),
            looksLike: reply.kind === 'not-rdp' ? reply.looksLike : 'an incomplete reply',
          },
        },
      };
    case 'negotiation-failure':
      tcp.socket.destroy();
      return {
        attempt: { kind: 'answered', outcome: { kind: reply.kind, code: reply.code, name: reply.name } },
      };
    case 'selected': {
      const reading = { kind: reply.kind, protocol: reply.protocol, legacy: reply.legacy };
      return { attempt: { kind: 'answered', outcome: reading }, socket: tcp.socket, reading };
    }
  }
}

/** Asks the same address again offering TLS alone: does the server insist on CredSSP (NLA)? */
async function askWithoutCredSsp(
  address: string,
  target: ProbeTarget,
  deadline: Deadline,
  signal?: AbortSignal,
) {
  if (deadline.left() < MIN_ATTEMPT_MS) return undefined;
  const { attempt, socket } = await negotiate(
    address,
    target,
    WITHOUT_CREDSSP,
    deadline.left(),
    deadline,
    signal,
  );
  socket?.destroy();
  if (attempt.kind !== 'answered') return { kind: 'other' as const, detail: attempt.kind };
  const outcome = attempt.outcome;
  if (outcome.kind === 'selected') return { kind: 'selected' as const, detail: outcome.protocol };
  if (outcome.kind === 'negotiation-failure')
    return { kind: 'negotiation-failure' as const, detail: outcome.name };
  return { kind: 'other' as const, detail: outcome.kind };
}

/** One handshake with the remote computer, within one deadline. Never throws. */
export async function probeHandshake(target: ProbeTarget, options: ProbeOptions): Promise<HandshakeProbe> {
  const started = performance.now();
  const probedAt = new Date().toISOString();
  const deadline = new Deadline(options.deadlineMs);
  const report = (outcome: HandshakeOutcome, addresses: string[], address?: string): HandshakeProbe => ({
    host: target.host,
    port: target.port,
    deadlineMs: options.deadlineMs,
    elapsedMs: Math.round(performance.now() - started),
    probedAt,
    addresses,
    ...(address ? { address } : {}),
    outcome,
    simulated: false,
  });
  const addresses = await resolveAddresses(target.host, deadline, options.signal);
  if (addresses.length === 0) return report({ kind: 'unresolved' }, addresses);
  const failures: string[] = [];
  for (const [index, address] of addresses.entries()) {
    const left = deadline.left();
    if (left <= 0 || options.signal?.aborted) break;
    // Each address gets a fair share of what is left, so a silent first one cannot use it all.
    const share = Math.max(Math.floor(left / (addresses.length - index)), Math.min(MIN_ATTEMPT_MS, left));
    const { attempt, socket, reading } = await negotiate(
      address,
      target,
      OFFER,
      share,
      deadline,
      options.signal,
    );
    if (attempt.kind !== 'answered') {
      failures.push(attempt.kind);
      continue;
    }
    let outcome = attempt.outcome;
    if (socket && reading?.kind === 'selected') {
      const withTls =
        reading.protocol === 'tls' || reading.protocol === 'credssp' || reading.protocol === 'credssp-early';
      const tls = withTls ? await tlsHandshake(socket, target.host, deadline) : undefined;
      socket.destroy();
      const nla = reading.protocol === 'credssp' || reading.protocol === 'credssp-early';
      const withoutCredSsp = nla
        ? await askWithoutCredSsp(address, target, deadline, options.signal)
        : undefined;
      outcome = {
        kind: 'selected',
        protocol: reading.protocol,
        legacy: reading.legacy,
        ...(tls ? { tls } : {}),
        ...(withoutCredSsp ? { withoutCredSsp } : {}),
      };
    }
    return report(outcome, addresses, address);
  }
  // Nothing accepted: a refusal anywhere means the computer answered "nothing listens here".
  return report(failures.includes('refused') ? { kind: 'refused' } : { kind: 'filtered' }, addresses);
}

export const realNetwork: NetworkPort = {
  kind: 'real',
  probeHandshake: (target, options) => probeHandshake(target, options),
};
