import { isIP, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { HandshakeOutcome, HandshakeProbe, RdpProtocol, TlsOutcome } from '../shared/handshake.js';
import { summarizeCertificate } from './certificate-summary.js';
import { readConfirm } from './confirm-reader.js';
import { AWAITING_ANSWER_AT_ONCE, ConnectionGate } from './connection-gate.js';
import type { NetworkPort, ProbeOptions, ProbeTarget } from './port.js';
import {
  askServerMap,
  type HandshakeTls,
  handshakeTlsOf,
  type Selection,
  type ServerMap,
  selectionOf,
} from './server-map.js';
import { connectTcp, Deadline, MIN_ATTEMPT_MS, resolveAddresses } from './tcp-connect.js';
import type { ConfirmReading } from './x224.js';

/*
 * The handshake probe, for real: what Remote Desktop Connection does first, stopped before any credential.
 * Resolve every address (A and AAAA), connect to each in turn, send the X.224 Connection Request offering TLS,
 * CredSSP and CredSSP-EX, read the Connection Confirm and, when TLS or CredSSP was chosen, complete TLS on the
 * same socket to see the certificate. One deadline bounds all of it; every read is capped; sockets are always
 * destroyed. The server's bytes are parsed by x224.ts within fixed bounds. The server's map (server-map.ts)
 * runs beside it on the same deadline.
 */

const OFFER: readonly RdpProtocol[] = ['tls', 'credssp', 'credssp-early'];
const WITHOUT_CREDSSP: readonly RdpProtocol[] = ['tls'];

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

/**
 * What every connection of one probe shares: the cancel signal, the gate, and who to tell of a connection, of the
 * handshake's selection and of its TLS (the map beside it, which asks neither again).
 */
interface Around {
  signal?: AbortSignal | undefined;
  gate: ConnectionGate;
  onConnected?: ((address: string) => void) | undefined;
  onSelection?: ((outcome: HandshakeOutcome) => void) | undefined;
  onTls?: ((tls: TlsOutcome | undefined) => void) | undefined;
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
  around: Around,
): Promise<{ attempt: AttemptResult; socket?: Socket; reading?: ConfirmReading }> {
  const release = await around.gate.enter();
  const tcp = await connectTcp(address, target.port, connectMs, around.signal);
  if (tcp.kind !== 'connected') {
    release();
    return { attempt: tcp };
  }
  around.onConnected?.(address);
  const reply = await readConfirm(tcp.socket, protocols, deadline);
  release();
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
async function askWithoutCredSsp(address: string, target: ProbeTarget, deadline: Deadline, around: Around) {
  if (deadline.left() < MIN_ATTEMPT_MS) return undefined;
  const { attempt, socket } = await negotiate(
    address,
    target,
    WITHOUT_CREDSSP,
    deadline.left(),
    deadline,
    around,
  );
  socket?.destroy();
  if (attempt.kind !== 'answered') return { kind: 'other' as const, detail: attempt.kind };
  const outcome = attempt.outcome;
  if (outcome.kind === 'selected') return { kind: 'selected' as const, detail: outcome.protocol };
  if (outcome.kind === 'negotiation-failure')
    return { kind: 'negotiation-failure' as const, detail: outcome.name };
  return { kind: 'other' as const, detail: outcome.kind };
}

/** A promise and the function that settles it (Promise.withResolvers is Node 22). */
function resolvable<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((settle) => {
    resolve = settle;
  });
  return { promise, resolve };
}

/** TLS on the socket the server chose TLS or CredSSP for, then, for CredSSP, the same question without it. */
async function completeSelected(
  socket: Socket,
  reading: Extract<ConfirmReading, { kind: 'selected' }>,
  address: string,
  target: ProbeTarget,
  deadline: Deadline,
  around: Around,
): Promise<HandshakeOutcome> {
  const withTls =
    reading.protocol === 'tls' || reading.protocol === 'credssp' || reading.protocol === 'credssp-early';
  const tls = withTls ? await tlsHandshake(socket, target.host, deadline) : undefined;
  socket.destroy();
  around.onTls?.(tls);
  const nla = reading.protocol === 'credssp' || reading.protocol === 'credssp-early';
  const withoutCredSsp = nla ? await askWithoutCredSsp(address, target, deadline, around) : undefined;
  return {
    kind: 'selected',
    protocol: reading.protocol,
    legacy: reading.legacy,
    ...(tls ? { tls } : {}),
    ...(withoutCredSsp ? { withoutCredSsp } : {}),
  };
}

/**
 * What the probe's connections share, and the server's map, started beside the handshake on the first address that
 * accepts TCP and told the handshake's selection and TLS as they come (none when the options leave the map out).
 */
function beside(target: ProbeTarget, options: ProbeOptions, deadline: Deadline) {
  const gate = new ConnectionGate(AWAITING_ANSWER_AT_ONCE);
  let map: Promise<ServerMap> | undefined;
  const result = (around: Around) => ({ around, map: () => map });
  if (options.serverMap === false) return result({ signal: options.signal, gate });
  const selection = resolvable<Selection>();
  const tls = resolvable<HandshakeTls>();
  const handshake = { selection: selection.promise, tls: tls.promise };
  return result({
    signal: options.signal,
    gate,
    onConnected: (address) => {
      map ??= askServerMap(address, target, deadline, options.signal, { gate, handshake });
    },
    onSelection: (outcome) => selection.resolve(selectionOf(outcome)),
    onTls: (outcome) => tls.resolve(handshakeTlsOf(outcome)),
  });
}

/**
 * One handshake with the remote computer, within one deadline, and beside it the server's map
 * (server-map.ts), asked of the first address that accepts TCP: the address the outcome is about. The map
 * starts as soon as that connection is accepted and shares the deadline, so the probe takes the longer of the
 * two, not their sum. Never throws.
 */
export async function probeHandshake(target: ProbeTarget, options: ProbeOptions): Promise<HandshakeProbe> {
  const started = performance.now();
  const probedAt = new Date().toISOString();
  const deadline = new Deadline(options.deadlineMs);
  const { around, map } = beside(target, options, deadline);
  const report = async (outcome: HandshakeOutcome, addresses: string[], address?: string) => {
    const asked = map();
    const answers = asked ? await asked : {};
    return {
      host: target.host,
      port: target.port,
      deadlineMs: options.deadlineMs,
      elapsedMs: Math.round(performance.now() - started),
      probedAt,
      addresses,
      ...(address ? { address } : {}),
      outcome,
      simulated: false,
      ...answers,
    } satisfies HandshakeProbe;
  };
  const addresses = await resolveAddresses(target.host, deadline, options.signal);
  if (addresses.length === 0) return report({ kind: 'unresolved' }, addresses);
  const failures: string[] = [];
  for (const [index, address] of addresses.entries()) {
    const left = deadline.left();
    if (left <= 0 || options.signal?.aborted) break;
    // Each address gets a fair share of what is left, so a silent first one cannot use it all.
    const share = Math.max(Math.floor(left / (addresses.length - index)), Math.min(MIN_ATTEMPT_MS, left));
    const { attempt, socket, reading } = await negotiate(address, target, OFFER, share, deadline, around);
    if (attempt.kind !== 'answered') {
      failures.push(attempt.kind);
      continue;
    }
    around.onSelection?.(attempt.outcome);
    if (!socket || reading?.kind !== 'selected') around.onTls?.(undefined);
    const outcome =
      socket && reading?.kind === 'selected'
        ? await completeSelected(socket, reading, address, target, deadline, around)
        : attempt.outcome;
    return report(outcome, addresses, address);
  }
  // Nothing accepted: a refusal anywhere means the computer answered "nothing listens here".
  return report(failures.includes('refused') ? { kind: 'refused' } : { kind: 'filtered' }, addresses);
}

export const realNetwork: NetworkPort = {
  kind: 'real',
  probeHandshake: (target, options) => probeHandshake(target, options),
};
