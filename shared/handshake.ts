import { z } from 'zod';

/*
 * What one Remote Desktop handshake with the remote computer showed (network/handshake-probe.ts): name
 * resolution, the TCP connection, the X.224 negotiation (MS-RDPBCGR 2.2.1.1/2.2.1.2) and, when the server chose
 * TLS or CredSSP, the TLS handshake and its certificate. Every string in it came from the network or from a
 * certificate someone else made: it is data, capped here, and shown through shared/visible-text.ts.
 */

const ServerText = z.string().max(1024);

/** RDP_NEG_REQ/RSP protocol flags (MS-RDPBCGR 2.2.1.1.1). */
export const RDP_PROTOCOLS = {
  rdp: 0x0,
  tls: 0x1,
  credssp: 0x2,
  rdstls: 0x4,
  'credssp-early': 0x8,
  'rds-aad': 0x10,
} as const;
export type RdpProtocol = keyof typeof RDP_PROTOCOLS;
export const RdpProtocolSchema = z.enum(['rdp', 'tls', 'credssp', 'rdstls', 'credssp-early', 'rds-aad']);

/** RDP_NEG_FAILURE codes (MS-RDPBCGR 2.2.1.2.2). */
export const NEGOTIATION_FAILURES = {
  1: 'SSL_REQUIRED_BY_SERVER',
  2: 'SSL_NOT_ALLOWED_BY_SERVER',
  3: 'SSL_CERT_NOT_ON_SERVER',
  4: 'INCONSISTENT_FLAGS',
  5: 'HYBRID_REQUIRED_BY_SERVER',
  6: 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER',
} as const;

export const CertificateSummarySchema = z.object({
  subject: ServerText,
  issuer: ServerText,
  subjectAltNames: z.array(ServerText).max(64),
  notBefore: z.string().max(64),
  notAfter: z.string().max(64),
  /** SHA-1 of the DER certificate, 40 upper-case hex digits: what Windows calls the thumbprint. */
  sha1: z.string().regex(/^[0-9A-F]{40}$/),
  selfSigned: z.boolean(),
});
export type CertificateSummary = z.infer<typeof CertificateSummarySchema>;

export const TlsOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('established'),
    version: z.string().max(32),
    certificate: CertificateSummarySchema,
  }),
  /** The server closed the connection during the TLS handshake. */
  z.object({ kind: z.literal('closed') }),
  /** The server sent a TLS alert (or TLS failed another way): its name, as the TLS library gives it. */
  z.object({ kind: z.literal('alert'), detail: ServerText }),
  z.object({ kind: z.literal('timeout') }),
]);
export type TlsOutcome = z.infer<typeof TlsOutcomeSchema>;

export const HandshakeOutcomeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('unresolved') }),
  /** Every address refused the TCP connection: nothing listens on that port. */
  z.object({ kind: z.literal('refused') }),
  /** No answer at all within the deadline: a firewall drops the packets, or the computer is off. */
  z.object({ kind: z.literal('filtered') }),
  /** TCP was accepted, then closed before any Remote Desktop answer: a tunnel, port forwarder or shield. */
  z.object({ kind: z.literal('closed-after-accept') }),
  /** TCP was accepted and nothing came back before the deadline. */
  z.object({ kind: z.literal('silent-after-accept') }),
  /** Something answered that is not Remote Desktop (an HTTP server, SSH, garbage): its first bytes. */
  z.object({
    kind: z.literal('not-rdp'),
    firstBytesHex: z.string().regex(/^[0-9a-f]{0,64}$/),
    looksLike: z.string().max(32),
  }),
  z.object({
    kind: z.literal('negotiation-failure'),
    code: z.number().int().min(0).max(0xffffffff),
    name: z.string().max(64),
  }),
  z.object({
    kind: z.literal('selected'),
    protocol: RdpProtocolSchema,
    /** Standard RDP Security only: a Connection Confirm with no negotiation answer (old servers). */
    legacy: z.boolean(),
    tls: TlsOutcomeSchema.optional(),
    /** The same server asked again without CredSSP: what it answered (learns whether NLA is required). */
    withoutCredSsp: z
      .object({ kind: z.enum(['selected', 'negotiation-failure', 'other']), detail: z.string().max(64) })
      .optional(),
  }),
]);
export type HandshakeOutcome = z.infer<typeof HandshakeOutcomeSchema>;

/** The security protocols the map asks about, in this order: what `serverAccepts.protocols` may hold. */
export const SERVER_PROTOCOLS = ['rdp', 'tls', 'credssp', 'credssp-early-auth', 'rdstls'] as const;
export type ServerProtocol = (typeof SERVER_PROTOCOLS)[number];
/** The TLS versions the map asks about, in this order, spelled as Node's `getProtocol()` spells them. */
export const TLS_VERSIONS = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const;
export type TlsVersion = (typeof TLS_VERSIONS)[number];

/** A subset of `all`, in its order, each at most once: one spelling of each set, so maps compare with toEqual. */
function orderedSubset<T extends string>(all: readonly [T, ...T[]]) {
  return z
    .array(z.enum(all))
    .max(all.length)
    .refine((xs) => xs.every((x, i) => i === 0 || all.indexOf(x) > all.indexOf(xs[i - 1] as T)), {
      message: `in the order ${all.join(', ')}, each once`,
    });
}

/**
 * The server's map (network/server-map.ts): each protocol the server selected when asked for it alone (the
 * selection equal to the request), each TLS version that completed when the client allowed only that one.
 */
export const ServerAcceptsSchema = z.object({
  protocols: orderedSubset(SERVER_PROTOCOLS),
  tlsVersions: orderedSubset(TLS_VERSIONS),
});
export type ServerAccepts = z.infer<typeof ServerAcceptsSchema>;

export const HandshakeProbeSchema = z
  .object({
    host: z.string().max(255),
    port: z.number().int().min(1).max(65535),
    deadlineMs: z.number().int().min(1),
    elapsedMs: z.number().min(0),
    /** When it ran, by the clock of the side that ran it: certificate dates are judged at this time. */
    probedAt: z.iso.datetime(),
    /** Every address the name resolved to, in the order they were tried. */
    addresses: z.array(z.string().max(64)).max(32),
    /** The address the outcome was seen on. */
    address: z.string().max(64).optional(),
    outcome: HandshakeOutcomeSchema,
    /** Simulated: answered from the machine file. */
    simulated: z.boolean(),
    /**
     * The server's map, asked beside the handshake on the address that accepted TCP. Absent when no address did.
     * Complete for what was answered: a question missing from both lists was answered "no".
     */
    serverAccepts: ServerAcceptsSchema.optional(),
    /** The questions of the map that got no answer (closed, silent, not Remote Desktop, out of time). */
    serverAcceptsUnknown: ServerAcceptsSchema.optional(),
  })
  .refine((p) => (p.serverAccepts === undefined) === (p.serverAcceptsUnknown === undefined), {
    message: 'serverAccepts and serverAcceptsUnknown come together',
  })
  .refine(
    (p) =>
      !p.serverAccepts?.protocols.some((x) => p.serverAcceptsUnknown?.protocols.includes(x)) &&
      !p.serverAccepts?.tlsVersions.some((x) => p.serverAcceptsUnknown?.tlsVersions.includes(x)),
    { message: 'a question is either answered or unknown' },
  );
export type HandshakeProbe = z.infer<typeof HandshakeProbeSchema>;

/**
 * What the map says about one question: `yes` (accepted), `no` (answered, not accepted) or `unknown` (not
 * answered, or no map at all). Pure: the verdict rules compare it with this PC's own settings.
 */
export function serverAnswer<K extends keyof ServerAccepts>(
  probe: Pick<HandshakeProbe, 'serverAccepts' | 'serverAcceptsUnknown'>,
  kind: K,
  id: ServerAccepts[K][number],
): 'yes' | 'no' | 'unknown' {
  const accepted: readonly string[] | undefined = probe.serverAccepts?.[kind];
  const unknown: readonly string[] | undefined = probe.serverAcceptsUnknown?.[kind];
  if (!accepted || !unknown || unknown.includes(id)) return 'unknown';
  return accepted.includes(id) ? 'yes' : 'no';
}
