import { z } from 'zod';
import { CertificateSummarySchema, RdpProtocolSchema, ServerAcceptsSchema } from './handshake.js';
import {
  CertificateSchema,
  CredentialSchema,
  EventSchema,
  FileAttributeSchema,
  ListenerSchema,
  NetworkAdapterSchema,
  SecurityProductSchema,
} from './ops.js';
import { nameRecord, RegistryValueSchema } from './registry.js';

/*
 * A whole Windows machine as far as this app sees it: the simulated machine loads one of these.
 * Documented in docs/machine-description.md; samples in sample-machines/.
 */

export const SimulatedFileSchema = z.object({
  content: z.string(),
  // Remote Desktop Connection saves .rdp files as UTF-16 LE with a BOM; UTF-8 is accepted too.
  // 'base64' keeps bytes that are neither (a file written by an op) exactly.
  encoding: z.enum(['utf-16le', 'utf-8', 'base64']).default('utf-16le'),
  attributes: z.array(FileAttributeSchema).default([]),
});
export type SimulatedFile = z.infer<typeof SimulatedFileSchema>;

/**
 * The Remote Desktop listener behind a host's open ports, as the handshake probe sees it. Absent: the file does
 * not describe it, and the simulated probe says so instead of inventing an answer.
 */
export const SimulatedRdpListenerSchema = z.object({
  /** `answers`: a Remote Desktop server; the others are what tunnels, forwarders and shields do. */
  behaviour: z.enum(['answers', 'closes-after-accept', 'silent-after-accept', 'not-rdp']).default('answers'),
  selectedProtocol: RdpProtocolSchema.default('credssp'),
  /** An RDP_NEG_FAILURE code (MS-RDPBCGR 2.2.1.2.2) instead of a choice. */
  failureCode: z.number().int().min(1).max(0xffffffff).optional(),
  /** Asked without CredSSP, the server refuses with HYBRID_REQUIRED_BY_SERVER (NLA is required). */
  requiresCredSsp: z.boolean().default(true),
  tls: z.enum(['established', 'closed', 'alert', 'timeout']).default('established'),
  tlsVersion: z.string().default('TLSv1.2'),
  certificate: CertificateSummarySchema.partial({
    issuer: true,
    subjectAltNames: true,
    notBefore: true,
    selfSigned: true,
  }).optional(),
  /** The server's map; absent: derived from the fields above (network/simulated-server-map.ts). */
  serverAccepts: ServerAcceptsSchema.optional(),
  /** Questions of the map left unanswered; they win over `serverAccepts`. */
  serverAcceptsUnknown: ServerAcceptsSchema.optional(),
});
export type SimulatedRdpListener = z.infer<typeof SimulatedRdpListenerSchema>;

export const SimulatedHostSchema = z.object({
  addresses: z.array(z.string()).default([]),
  openTcpPorts: z.array(z.number().int().min(1).max(65535)).default([]),
  // A port that neither answers nor refuses: the probe times out.
  filteredTcpPorts: z.array(z.number().int().min(1).max(65535)).default([]),
  rdp: SimulatedRdpListenerSchema.optional(),
});

/**
 * A certificate as it is, not as a process sees it: whether its private key works and whether NETWORK
 * SERVICE may read the key's file. certificate.list tells an unelevated process only what it could see.
 * `unavailable`: the key cannot be checked even by an administrator (its provider cannot be reached, or
 * Windows answers with an error that does not show the key is gone).
 */
export const SimulatedCertificateSchema = CertificateSchema.omit({
  privateKey: true,
  serviceCanReadKey: true,
  privateKeyError: true,
}).extend({
  privateKey: z.enum(['readable', 'none', 'unreadable', 'unavailable']).default('readable'),
  serviceCanReadKey: z.boolean().default(true),
});

/** Why a certificate store cannot be opened: access denied, or another failure (not "empty"). */
export const CertificateStoreErrorSchema = z.enum(['access-denied', 'failed']);

export const MachineDescriptionSchema = z.object({
  schemaVersion: z.literal(1),
  os: z.object({
    build: z.string().regex(/^\d+\.\d+\.\d+$/, 'an OS build such as 10.0.22631'),
    edition: z.string().min(1),
    elevated: z.boolean().default(false),
    user: z.string().min(1),
    // NetBIOS name: subject of the certificate Windows makes for Remote Desktop.
    computerName: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,15}$/, 'a computer name such as PC01')
      .default('PC01'),
    documentsFolder: z.string().min(3),
    powershellVersion: z.string().default('5.1.22621.4391'),
  }),
  // Value names in maps without a prototype: a value named __proto__ is an ordinary value (nameRecord).
  registry: z.record(z.string(), nameRecord(RegistryValueSchema)).default({}),
  files: z.record(z.string(), SimulatedFileSchema).default({}),
  // `secret`: a generic password's text, so its backup and restore can be simulated (never listed).
  credentials: z.array(CredentialSchema.extend({ secret: z.string().optional() })).default([]),
  certificates: z.record(z.string(), z.array(SimulatedCertificateSchema)).default({}),
  /** Stores that exist but cannot be opened: certificate.list and certificate.remove answer this op error. */
  certificateStoreErrors: z.record(z.string(), CertificateStoreErrorSchema).optional(),
  services: z
    .record(
      z.string(),
      z.object({
        status: z.enum(['Running', 'Stopped', 'Paused', 'StartPending', 'StopPending']),
        /** Absent: the start type Windows ships with; `unreadable`: Windows would not say (left out of the answer). */
        startType: z.enum(['Automatic', 'Manual', 'Disabled', 'unreadable']).optional(),
      }),
    )
    .default({}),
  network: z
    .object({
      hosts: z.record(z.string(), SimulatedHostSchema).default({}),
      adapters: z.array(NetworkAdapterSchema).default([]),
      /** Sockets listening on this PC (net.listeners answers those on the port asked). */
      listeners: z.array(ListenerSchema).max(64).optional(),
      /** This PC's own addresses besides loopback (net.listeners adds 127.0.0.1 and ::1). */
      localAddresses: z.array(z.string().max(64)).max(254).optional(),
    })
    .default({ hosts: {}, adapters: [] }),
  securityProducts: z.array(SecurityProductSchema).default([]),
  events: z.array(EventSchema).default([]),
  // Simulation knobs, not part of a real machine: how the simulated UAC prompt and restore point answer.
  simulation: z
    .object({
      uacAnswer: z.enum(['yes', 'no']).default('yes'),
      restorePoint: z.enum(['created', 'protection-off', 'too-recent']).default('created'),
      /** Restarting SessionEnv makes a new Remote Desktop certificate when none is valid, as Windows does; false:
       * it cannot (a broken MachineKeys folder), so the store stays empty. */
      sessionEnvIssuesCertificate: z.boolean().default(true),
      now: z.iso.datetime().optional(),
      /** How long the simulated remote computer takes to answer the handshake (a real one: milliseconds up to
       * the whole deadline); never longer than the probe's deadline. */
      handshakeDelayMs: z.number().int().min(0).max(30_000).default(0),
    })
    .default({
      uacAnswer: 'yes',
      restorePoint: 'created',
      sessionEnvIssuesCertificate: true,
      handshakeDelayMs: 0,
    }),
});
export type MachineDescription = z.infer<typeof MachineDescriptionSchema>;
export type MachineDescriptionInput = z.input<typeof MachineDescriptionSchema>;
