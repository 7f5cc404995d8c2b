import {
  type HandshakeOutcome,
  type RdpProtocol,
  SERVER_PROTOCOLS,
  type ServerAccepts,
  type ServerProtocol,
  TLS_VERSIONS,
  type TlsOutcome,
  type TlsVersion,
} from '../shared/handshake.js';
import { readConfirm } from './confirm-reader.js';
import { AWAITING_ANSWER_AT_ONCE, ConnectionGate } from './connection-gate.js';
import type { ProbeTarget } from './port.js';
import { connectTcp, type Deadline } from './tcp-connect.js';
import { type Answer, tlsVersionCompletes } from './tls-version-check.js';

/*
 * The server's map: which security protocols it selects when asked for each one, and which TLS versions it
 * completes after X.224, each question on its own connection to the one address, all within the probe's
 * deadline. A protocol counts as accepted only when the server selects exactly the one asked for: a server
 * that answers a request for CredSSP-EX with plain CredSSP does not accept CredSSP-EX; a refusal
 * (RDP_NEG_FAILURE) or another selection is "no". A closed connection, silence, bytes that are not a
 * Connection Confirm, an unknown protocol number or the deadline leave the question unknown.
 *
 * Cost: five connections, not nine, and four beside the handshake. Every protocol that leads to TLS (TLS,
 * CredSSP, CredSSP-EX, RDSTLS) starts with a TLS handshake on the same connection, so each of those questions
 * also asks one TLS version there; only a version whose carrier did not reach TLS (the server refused that
 * protocol) is asked again on a connection of its own, offering what Remote Desktop Connection offers. Beside
 * the probe's handshake, whose request is exactly the CredSSP-EX question, the map takes that answer from it, and
 * TLS 1.3 from its TLS: offered every version, a server answers with the highest version both sides speak (TLS's
 * own version negotiation), so TLS 1.3 completed, or another version did and 1.3 is not one the server speaks;
 * when that TLS failed, TLS 1.3 is asked on a connection of its own. The server's work for each connection it
 * accepts is most of the map's cost (xrdp: about 3.7 ms of CPU before it answers the request).
 */

export interface ServerMap {
  serverAccepts: ServerAccepts;
  serverAcceptsUnknown: ServerAccepts;
}

interface Question {
  protocol: ServerProtocol;
  /** What the request asks for: the protocol with TLS beside it, as clients ask (MS-RDPBCGR 2.2.1.1.1). */
  request: readonly RdpProtocol[];
  /** The TLS version asked on the same connection when the server goes on to TLS. */
  version?: TlsVersion;
}

/** The questions the handshake does not ask itself. */
const BESIDE_HANDSHAKE: readonly Question[] = [
  { protocol: 'credssp', request: ['tls', 'credssp'], version: 'TLSv1.2' },
  { protocol: 'tls', request: ['tls'], version: 'TLSv1' },
  { protocol: 'rdstls', request: ['tls', 'rdstls'], version: 'TLSv1.1' },
  { protocol: 'rdp', request: ['rdp'] },
];
/** Alone, the map asks the handshake's question too, with the version the handshake's TLS would answer. */
const ALONE: readonly Question[] = [
  { protocol: 'credssp-early-auth', request: ['tls', 'credssp', 'credssp-early'], version: 'TLSv1.3' },
  ...BESIDE_HANDSHAKE,
];
const OFFER_EVERYTHING: readonly RdpProtocol[] = ['tls', 'credssp', 'credssp-early'];
const ASKED_AS: Record<ServerProtocol, RdpProtocol> = {
  rdp: 'rdp',
  tls: 'tls',
  credssp: 'credssp',
  'credssp-early-auth': 'credssp-early',
  rdstls: 'rdstls',
};
const WITH_TLS = new Set<RdpProtocol>(['tls', 'credssp', 'credssp-early', 'rdstls']);

export type Selection =
  | { kind: 'selected'; protocol: RdpProtocol }
  | { kind: 'refused' }
  | { kind: 'unknown' };

export type HandshakeTls =
  | { kind: 'completed'; version: string }
  | { kind: 'not-reached' }
  | { kind: 'failed' };

/** What the probe's handshake learnt on the same address, as it learns it. */
export interface HandshakeAnswers {
  /** Its selection for TLS, CredSSP and CredSSP-EX offered: the CredSSP-EX question exactly. */
  selection: Promise<Selection>;
  /** Its TLS with every version offered: the version completed, none (`not-reached`), or a failure. */
  tls: Promise<HandshakeTls>;
}

/** The handshake's outcome as the map reads a selection. */
export function selectionOf(outcome: HandshakeOutcome): Selection {
  if (outcome.kind === 'selected') return { kind: 'selected', protocol: outcome.protocol };
  return outcome.kind === 'negotiation-failure' ? { kind: 'refused' } : { kind: 'unknown' };
}

/** The handshake's TLS (none when its selection led to none) as the map reads it. */
export function handshakeTlsOf(tls: TlsOutcome | undefined): HandshakeTls {
  if (!tls) return { kind: 'not-reached' };
  return tls.kind === 'established' ? { kind: 'completed', version: tls.version } : { kind: 'failed' };
}

/** What one connection learnt: the selection, and the version asked on it (`not-reached`: no TLS followed). */
interface Asked {
  selection: Selection;
  version: Answer | 'not-reached';
}

interface Context {
  address: string;
  target: ProbeTarget;
  deadline: Deadline;
  gate: ConnectionGate;
  signal?: AbortSignal | undefined;
  /** What the handshake beside the map learns, when there is one. */
  handshake?: HandshakeAnswers | undefined;
}

/** One connection: the request, the server's selection, and TLS in `version` when the selection leads to it. */
async function ask(ctx: Context, request: readonly RdpProtocol[], version?: TlsVersion): Promise<Asked> {
  const unknown: Asked = { selection: { kind: 'unknown' }, version: 'unknown' };
  const release = await ctx.gate.enter();
  if (ctx.deadline.left() <= 0 || ctx.signal?.aborted) {
    release();
    return unknown;
  }
  const tcp = await connectTcp(ctx.address, ctx.target.port, ctx.deadline.left(), ctx.signal);
  if (tcp.kind !== 'connected') {
    release();
    return unknown;
  }
  const reply = await readConfirm(tcp.socket, request, ctx.deadline);
  release();
  const selection: Selection =
    reply.kind === 'selected'
      ? { kind: 'selected', protocol: reply.protocol }
      : reply.kind === 'negotiation-failure'
        ? { kind: 'refused' }
        : { kind: 'unknown' };
  if (selection.kind === 'selected' && WITH_TLS.has(selection.protocol) && version) {
    return {
      selection,
      version: await tlsVersionCompletes(tcp.socket, ctx.target.host, version, ctx.deadline),
    };
  }
  tcp.socket.destroy();
  return { selection, version: selection.kind === 'unknown' ? 'unknown' : 'not-reached' };
}

function protocolAnswer(protocol: ServerProtocol, selection: Selection): Answer {
  if (selection.kind === 'unknown') return 'unknown';
  return selection.kind === 'selected' && selection.protocol === ASKED_AS[protocol] ? 'yes' : 'no';
}

interface Answered {
  protocol: [ServerProtocol, Answer];
  version?: [TlsVersion, Answer];
}

/** Offered everything, the server chose no protocol that goes on to TLS: it completes no version at all. */
const leadsNowhere = (selection: Selection) =>
  selection.kind === 'refused' || (selection.kind === 'selected' && !WITH_TLS.has(selection.protocol));

/**
 * A version alone, offering everything. Beside the handshake, that request is the handshake's own: when its
 * answer led to no TLS, no version completes, and nothing is asked again.
 */
async function askVersion(ctx: Context, version: TlsVersion): Promise<Answer> {
  if (ctx.handshake) {
    const selection = await within(ctx.deadline, ctx.handshake.selection, { kind: 'unknown' });
    if (leadsNowhere(selection)) return 'no';
  }
  const asked = await ask(ctx, OFFER_EVERYTHING, version);
  return asked.version === 'not-reached' ? 'no' : asked.version;
}

/** The protocol question, then its TLS version: on the same connection, or on one of its own when needed. */
async function answerQuestion(ctx: Context, question: Question): Promise<Answered> {
  const first = await ask(ctx, question.request, question.version);
  const protocol: [ServerProtocol, Answer] = [
    question.protocol,
    protocolAnswer(question.protocol, first.selection),
  ];
  if (!question.version) return { protocol };
  const version =
    first.version !== 'not-reached' && first.selection.kind !== 'unknown'
      ? first.version
      : await askVersion(ctx, question.version);
  return { protocol, version: [question.version, version] };
}

/** The promise's value, or `late` once the deadline has passed: no wait of the map outlives the probe. */
function within<T>(deadline: Deadline, promise: Promise<T>, late: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(late), deadline.left());
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/** The CredSSP-EX question and TLS 1.3, from the handshake beside the map. */
async function fromHandshake(ctx: Context, handshake: HandshakeAnswers): Promise<Answered> {
  const selection = await within(ctx.deadline, handshake.selection, { kind: 'unknown' });
  const tls = await within(ctx.deadline, handshake.tls, { kind: 'failed' });
  const protocol: [ServerProtocol, Answer] = [
    'credssp-early-auth',
    protocolAnswer('credssp-early-auth', selection),
  ];
  if (tls.kind === 'completed' && (TLS_VERSIONS as readonly string[]).includes(tls.version))
    return { protocol, version: ['TLSv1.3', tls.version === 'TLSv1.3' ? 'yes' : 'no'] };
  return { protocol, version: ['TLSv1.3', await askVersion(ctx, 'TLSv1.3')] };
}

/**
 * Asks every question of the map on `address`, within the deadline. Beside the probe's handshake: `gate`, the one
 * its own connections go through (connection-gate.ts), and `handshake`, what it learns. Never throws.
 */
export async function askServerMap(
  address: string,
  target: ProbeTarget,
  deadline: Deadline,
  signal?: AbortSignal,
  beside?: { gate: ConnectionGate; handshake: HandshakeAnswers },
): Promise<ServerMap> {
  const gate = beside?.gate ?? new ConnectionGate(AWAITING_ANSWER_AT_ONCE);
  const ctx: Context = { address, target, deadline, gate, signal, handshake: beside?.handshake };
  const questions = beside ? BESIDE_HANDSHAKE : ALONE;
  const answers = await Promise.all([
    ...questions.map((q) => answerQuestion(ctx, q)),
    ...(beside ? [fromHandshake(ctx, beside.handshake)] : []),
  ]);
  const protocol = (p: ServerProtocol) => answers.find((a) => a.protocol[0] === p)?.protocol[1];
  const version = (v: TlsVersion) => answers.find((a) => a.version?.[0] === v)?.version?.[1];
  return {
    serverAccepts: {
      protocols: SERVER_PROTOCOLS.filter((p) => protocol(p) === 'yes'),
      tlsVersions: TLS_VERSIONS.filter((v) => version(v) === 'yes'),
    },
    serverAcceptsUnknown: {
      protocols: SERVER_PROTOCOLS.filter((p) => protocol(p) === 'unknown'),
      tlsVersions: TLS_VERSIONS.filter((v) => version(v) === 'unknown'),
    },
  };
}
