import {
  type CertificateSummary,
  type HandshakeOutcome,
  type HandshakeProbe,
  SERVER_PROTOCOLS,
  type ServerProtocol,
  TLS_VERSIONS,
  type TlsOutcome,
  type TlsVersion,
} from '../../shared/handshake.js';
import type { VerdictSide } from '../../shared/verdict.js';
import { visibleText } from '../../shared/visible-text.js';

/*
 * What a handshake probe means, in plain words, and which side it points at. Pure. Every string that came
 * from the server (certificate names, TLS alerts) goes through visibleText before it is part of a sentence.
 */

export interface HandshakeReading {
  /** Where the fault is, when the handshake shows one; undefined when the remote computer answered normally. */
  side: Exclude<VerdictSide, 'none' | 'unknown'> | undefined;
  summary: string;
  /** The certificate the remote computer showed, when TLS completed. */
  certificate?: CertificateSummary;
  /** The remote computer refuses connections without CredSSP (Network Level Authentication). */
  requiresNla: boolean;
  /** The remote computer's certificate has expired (or is not valid yet). */
  certificateExpired: boolean;
}

const PROTOCOL_WORDS: Record<string, string> = {
  rdp: 'Standard RDP Security (no TLS)',
  tls: 'TLS',
  credssp: 'CredSSP (Network Level Authentication)',
  'credssp-early': 'CredSSP with early user authorization',
  rdstls: 'RDSTLS',
  'rds-aad': 'Microsoft Entra sign-in',
};

const FAILURE_WORDS: Record<string, string> = {
  SSL_REQUIRED_BY_SERVER: 'it requires TLS',
  SSL_NOT_ALLOWED_BY_SERVER: 'it allows only Standard RDP Security, which this PC does not offer',
  SSL_CERT_NOT_ON_SERVER:
    'it has no usable Remote Desktop certificate (expired, removed, or its private key unreadable)',
  INCONSISTENT_FLAGS: 'it found the request inconsistent',
  HYBRID_REQUIRED_BY_SERVER: 'it requires Network Level Authentication (CredSSP)',
  SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: 'it requires TLS with user authentication',
};

export function day(iso: string): string {
  return iso.slice(0, 10);
}

export function protocolWords(protocol: string): string {
  return PROTOCOL_WORDS[protocol] ?? protocol;
}

const ACCEPTED_WORDS: Record<ServerProtocol, string> = {
  rdp: 'Standard RDP Security',
  tls: 'TLS',
  credssp: 'CredSSP (NLA)',
  'credssp-early-auth': 'CredSSP with early user authorization',
  rdstls: 'RDSTLS',
};
const VERSION_WORDS: Record<TlsVersion, string> = {
  TLSv1: '1.0',
  'TLSv1.1': '1.1',
  'TLSv1.2': '1.2',
  'TLSv1.3': '1.3',
};

/** The labels of the map's rows, shared with the command line, which prints them under the handshake check. */
export const SERVER_MAP_LABELS = {
  protocols: 'Security protocols the remote computer accepts',
  tlsVersions: 'TLS versions it completes',
} as const;

function mapWords(accepted: readonly string[], unknown: readonly string[], asked: number): string {
  if (unknown.length === asked) return 'not known: the remote computer did not answer these questions';
  const known = accepted.length > 0 ? accepted.join(', ') : 'none';
  return unknown.length > 0 ? `${known}; no answer about ${unknown.join(', ')}` : known;
}

/**
 * The server's map as two evidence rows in plain words ("TLS, CredSSP (NLA)"; "1.2, 1.3"), with the questions
 * it did not answer. None when the probe made no map (no address accepted the connection). Every word is ours:
 * the map holds names from a fixed list, never text from the server.
 */
export function serverMapEvidence(probe: HandshakeProbe): { label: string; value: string }[] {
  const accepts = probe.serverAccepts;
  const unknown = probe.serverAcceptsUnknown;
  if (!accepts || !unknown) return [];
  return [
    {
      label: SERVER_MAP_LABELS.protocols,
      value: mapWords(
        accepts.protocols.map((p) => ACCEPTED_WORDS[p]),
        unknown.protocols.map((p) => ACCEPTED_WORDS[p]),
        SERVER_PROTOCOLS.length,
      ),
    },
    {
      label: SERVER_MAP_LABELS.tlsVersions,
      value: mapWords(
        accepts.tlsVersions.map((v) => VERSION_WORDS[v]),
        unknown.tlsVersions.map((v) => VERSION_WORDS[v]),
        TLS_VERSIONS.length,
      ),
    },
  ];
}

export function describeCertificate(c: CertificateSummary): string {
  const names = c.subjectAltNames.length > 0 ? ` (${visibleText(c.subjectAltNames.join(', '), 120)})` : '';
  return `${visibleText(c.subject, 120)}${names}, issued by ${c.selfSigned ? 'itself (self-signed)' : visibleText(c.issuer, 120)}, valid ${day(c.notBefore)} to ${day(c.notAfter)}, thumbprint ${c.sha1}`;
}

type SelectedOutcome = Extract<HandshakeOutcome, { kind: 'selected' }>;
type OtherOutcome = Exclude<HandshakeOutcome, SelectedOutcome>;
type EstablishedTls = Extract<TlsOutcome, { kind: 'established' }>;

/** A reading with no certificate and no NLA answer: every outcome before TLS. */
function plain(side: HandshakeReading['side'], summary: string): HandshakeReading {
  return { side, summary, requiresNla: false, certificateExpired: false };
}

/** The remote computer never chose a protocol: nothing answered, something else answered, or it refused. */
function readNoProtocol(outcome: OtherOutcome, where: string, seconds: string): HandshakeReading {
  switch (outcome.kind) {
    case 'unresolved':
      return plain(
        'network',
        `The name ${where} does not resolve from this PC: check its spelling, or connect the VPN or network whose DNS knows it.`,
      );
    case 'refused':
      return plain(
        'remote-pc',
        `${where} refused the connection: nothing accepts Remote Desktop there. Remote Desktop is turned off on that computer, or it listens on another port.`,
      );
    case 'filtered':
      return plain(
        'network',
        `${where} did not answer within ${seconds}: a firewall on the way (or on that computer) drops the connection, or the computer is off or asleep.`,
      );
    case 'closed-after-accept':
      return plain(
        'network',
        `${where} accepted the connection and closed it before Remote Desktop answered. That is what a VPN tunnel, a port forwarder or an inbound security shield does, and it is the 0x904 error exactly.`,
      );
    case 'silent-after-accept':
      return plain(
        'network',
        `${where} accepted the connection but nothing answered within ${seconds}: a tunnel or port forwarder passes the connection on to nothing.`,
      );
    case 'not-rdp':
      return plain(
        'network',
        `Something other than Remote Desktop answers on ${where} (${visibleText(outcome.looksLike, 80)}): the port is forwarded to the wrong program, or the wrong port was given.`,
      );
    case 'negotiation-failure': {
      const why = FAILURE_WORDS[outcome.name] ?? `it answered ${visibleText(outcome.name, 64)}`;
      return plain(
        'remote-pc',
        `The remote computer ${where} refused the Remote Desktop negotiation: ${why}. That is decided on the remote computer.`,
      );
    }
  }
}

/** The remote computer chose a protocol, then TLS did not complete. */
function readTlsFailure(protocol: string, tls: Exclude<TlsOutcome, EstablishedTls>): HandshakeReading {
  const how =
    tls.kind === 'closed'
      ? 'it closed the connection'
      : tls.kind === 'timeout'
        ? 'it stopped answering'
        : `it sent ${visibleText(tls.detail, 80)}`;
  return plain(
    'remote-pc',
    `The remote computer chose ${protocol}, then TLS could not complete (${how}). That happens when its Remote Desktop certificate or the certificate's private key cannot be used: it has to be fixed on that computer, not here.`,
  );
}

/** TLS completed: the certificate's dates, judged at the probe's own time. */
function readCertificate(
  protocol: string,
  tls: EstablishedTls,
  requiresNla: boolean,
  now: Date,
): HandshakeReading {
  const certificate = tls.certificate;
  const notAfter = Date.parse(certificate.notAfter);
  const notBefore = Date.parse(certificate.notBefore);
  if (Number.isFinite(notAfter) && notAfter < now.getTime()) {
    return {
      side: 'remote-pc',
      summary: `The remote computer's Remote Desktop certificate expired on ${day(certificate.notAfter)}: it has to be renewed on that computer, not here.`,
      certificate,
      requiresNla,
      certificateExpired: true,
    };
  }
  if (Number.isFinite(notBefore) && notBefore > now.getTime()) {
    return {
      side: 'remote-pc',
      summary: `The remote computer's Remote Desktop certificate is valid only from ${day(certificate.notBefore)}: one of the two computers has the wrong date.`,
      certificate,
      requiresNla,
      certificateExpired: true,
    };
  }
  return {
    side: undefined,
    summary: `The remote computer answered Remote Desktop normally: it chose ${protocol} over ${visibleText(tls.version, 16)}, with a valid certificate until ${day(certificate.notAfter)}.`,
    certificate,
    requiresNla,
    certificateExpired: false,
  };
}

/** The remote computer chose a protocol: what TLS and the question without CredSSP added. */
function readSelected(outcome: SelectedOutcome, now: Date): HandshakeReading {
  const protocol = protocolWords(outcome.protocol);
  const tls = outcome.tls;
  if (tls && tls.kind !== 'established') return readTlsFailure(protocol, tls);
  const requiresNla =
    outcome.withoutCredSsp?.kind === 'negotiation-failure' &&
    outcome.withoutCredSsp.detail === 'HYBRID_REQUIRED_BY_SERVER';
  if (tls?.kind === 'established') return readCertificate(protocol, tls, requiresNla, now);
  return {
    ...plain(undefined, `The remote computer answered Remote Desktop: it chose ${protocol}.`),
    requiresNla,
  };
}

/** What the handshake showed, for the user, and which side it blames (dates judged when it ran). */
export function readHandshake(probe: HandshakeProbe): HandshakeReading {
  const outcome = probe.outcome;
  if (outcome.kind === 'selected') return readSelected(outcome, new Date(probe.probedAt));
  const where = `${visibleText(probe.host, 120)} (port ${probe.port})`;
  const seconds = `${Math.round(probe.deadlineMs / 1000)} s`;
  return readNoProtocol(outcome, where, seconds);
}
