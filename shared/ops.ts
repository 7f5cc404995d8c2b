import { z } from 'zod';
import { RegistryKeyTreeSchema, RegistryValueSchema } from './registry.js';

/*
 * The machine port's whole vocabulary. Every contact with Windows is one of these ops; both interpreters
 * (PowerShell module, simulated machine) implement exactly this list. Write ops are idempotent
 * (deleting something absent succeeds), so replaying inverses after a crash is always safe.
 */

const RegistryPath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)(\\[^\\\0\r\n]+)+$/i, 'not a registry key path');
const ValueName = z
  .string()
  .max(16_383)
  .regex(/^[^\0\r\n]*$/, 'registry value names have no NUL or newline');
// File ops address a file by a known folder plus a plain file name, so no op can name a path elsewhere.
const KnownFolder = z.enum(['documents']);
const FileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\\/:*?"<>|\0\r\n]+$/, 'a plain file name, no folders')
  .refine((n) => n !== '.' && n !== '..', 'a plain file name, no folders');
export const FileAttributeSchema = z.enum(['Hidden', 'ReadOnly', 'System', 'Archive']);
export type FileAttribute = z.infer<typeof FileAttributeSchema>;
const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');
export const CertificateStoreSchema = z.enum(['LocalMachine\\Remote Desktop', 'LocalMachine\\My']);
export const ServiceNameSchema = z.enum(['TermService', 'SessionEnv', 'UmRdpService']);
export const CredentialTypeSchema = z.enum(['DomainPassword', 'Generic']);
// Host names reach this schema already validated by shared/host-name.ts; this is the interpreter's re-check.
const HostData = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\p{L}\p{M}\p{N}.\-_:[\]%]+$/u, 'not a host name');

/**
 * The Windows event log refuses an XPath query with too many terms ("the specified query is invalid" past
 * about 20), so a query stays under that. The interpreter counts the same way: the time, each id, each
 * provider, each level (Information is two: Level 0 and 4).
 */
export const MAX_EVENT_QUERY_TERMS = 19;
export function eventQueryTerms(op: {
  ids?: readonly number[];
  providers?: readonly string[];
  levels?: readonly string[];
}): number {
  const levels = (op.levels ?? []).reduce((n, level) => n + (level === 'Information' ? 2 : 1), 0);
  return 1 + (op.ids?.length ?? 0) + (op.providers?.length ?? 0) + levels;
}

export const OpSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('registry.readValue'), path: RegistryPath, name: ValueName }),
  z.object({ op: z.literal('registry.readKey'), path: RegistryPath }),
  z.object({
    op: z.literal('registry.setValue'),
    path: RegistryPath,
    name: ValueName,
    value: RegistryValueSchema,
  }),
  z.object({ op: z.literal('registry.deleteValue'), path: RegistryPath, name: ValueName }),
  z.object({ op: z.literal('registry.deleteKey'), path: RegistryPath }),
  // Deletes the key only when it has no values and no subkeys (absent or not empty: nothing happens), so an
  // undo removes the keys its fix created without taking anything another program put there since.
  z.object({ op: z.literal('registry.deleteEmptyKey'), path: RegistryPath }),
  // Replaces the key (and everything under it) with exactly this tree: the inverse of deleteKey.
  z.object({ op: z.literal('registry.writeKey'), path: RegistryPath, tree: RegistryKeyTreeSchema }),
  z.object({ op: z.literal('file.read'), folder: KnownFolder, name: FileName }),
  z.object({
    op: z.literal('file.write'),
    folder: KnownFolder,
    name: FileName,
    contentBase64: Base64,
    attributes: z.array(FileAttributeSchema),
  }),
  z.object({ op: z.literal('file.delete'), folder: KnownFolder, name: FileName }),
  z.object({
    op: z.literal('file.setAttributes'),
    folder: KnownFolder,
    name: FileName,
    attributes: z.array(FileAttributeSchema),
  }),
  z.object({ op: z.literal('credential.list'), targetPrefix: z.literal('TERMSRV/') }),
  // A generic saved password, for its backup: the secret comes back protected with DPAPI for this user on this
  // computer (CryptProtectData), never in clear, and only as the inverse's data. Domain passwords cannot be read.
  z.object({
    op: z.literal('credential.read'),
    target: z.string().min(9).max(300),
    type: z.literal('Generic'),
  }),
  z.object({
    op: z.literal('credential.write'),
    target: z.string().min(9).max(300),
    type: z.literal('Generic'),
    user: z.string().max(512),
    /** CRED_PERSIST_SESSION 1, LOCAL_MACHINE 2, ENTERPRISE 3: as it was saved. */
    persist: z.number().int().min(1).max(3),
    protectedSecretBase64: Base64.max(20_000),
  }),
  z.object({
    op: z.literal('credential.delete'),
    target: z.string().min(9).max(300),
    type: CredentialTypeSchema,
  }),
  z.object({ op: z.literal('certificate.list'), store: CertificateStoreSchema }),
  z.object({
    op: z.literal('certificate.remove'),
    store: CertificateStoreSchema,
    thumbprint: z.string().regex(/^[0-9A-F]{40}$/, 'a SHA-1 thumbprint: 40 uppercase hex digits'),
  }),
  z.object({ op: z.literal('service.status'), name: ServiceNameSchema }),
  z.object({ op: z.literal('service.restart'), name: ServiceNameSchema }),
  z.object({ op: z.literal('policy.refresh') }),
  z.object({
    op: z.literal('net.probeTcp'),
    host: HostData,
    port: z.number().int().min(1).max(65535),
    timeoutMs: z.number().int().min(100).max(30_000),
  }),
  z.object({ op: z.literal('net.resolve'), host: HostData }),
  z.object({ op: z.literal('net.adapters') }),
  /** Who listens on this TCP port on this PC (a tunnel, a port forward, a relay), and this PC's own addresses. */
  z.object({ op: z.literal('net.listeners'), port: z.number().int().min(1).max(65535) }),
  z.object({ op: z.literal('security.products') }),
  z
    .object({
      op: z.literal('events.query'),
      channel: z.enum([
        'Microsoft-Windows-TerminalServices-RDPClient/Operational',
        'System',
        'Application',
        'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin',
        'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational',
        'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
        'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational',
      ]),
      ids: z.array(z.number().int().min(0).max(65535)).max(50).optional(),
      providers: z.array(z.string().max(200)).max(20).optional(),
      levels: z.array(z.enum(['Critical', 'Error', 'Warning', 'Information'])).optional(),
      since: z.iso.datetime(),
      max: z.number().int().min(1).max(1000),
    })
    .refine((op) => eventQueryTerms(op) <= MAX_EVENT_QUERY_TERMS, {
      message: `an event query has at most ${MAX_EVENT_QUERY_TERMS} XPath terms (the event log refuses more)`,
    }),
  z.object({ op: z.literal('app.launchMstsc'), host: HostData }),
  z.object({ op: z.literal('system.restorePoint'), description: z.string().min(1).max(200) }),
  z.object({ op: z.literal('system.facts') }),
]);
export type Op = z.infer<typeof OpSchema>;
export type OpName = Op['op'];
export type OpOf<N extends OpName> = Extract<Op, { op: N }>;

export const READ_OPS = [
  'registry.readValue',
  'registry.readKey',
  'file.read',
  'credential.list',
  'credential.read',
  'certificate.list',
  'service.status',
  'net.probeTcp',
  'net.resolve',
  'net.adapters',
  'net.listeners',
  'security.products',
  'events.query',
  'system.facts',
] as const satisfies readonly OpName[];

export function isReadOp(op: Op): boolean {
  return (READ_OPS as readonly string[]).includes(op.op);
}

/** Machine scope needs elevation: HKLM, the LocalMachine certificate stores, services, restore points, policy. */
export function opNeedsElevation(op: Op): boolean {
  switch (op.op) {
    case 'registry.setValue':
    case 'registry.deleteValue':
    case 'registry.deleteKey':
    case 'registry.deleteEmptyKey':
    case 'registry.writeKey':
      return /^(HKLM|HKEY_LOCAL_MACHINE)\\/i.test(op.path);
    case 'certificate.remove':
    case 'service.restart':
    case 'policy.refresh':
    case 'system.restorePoint':
      return true;
    default:
      return false;
  }
}

// ---- results ----

export const OpErrorCodeSchema = z.enum([
  'not-found',
  'access-denied',
  'invalid-argument',
  'failed',
  'permission-not-granted',
  'cancelled',
  'skipped',
  'unsupported',
]);
export type OpErrorCode = z.infer<typeof OpErrorCodeSchema>;

export const OpErrorSchema = z.object({ code: OpErrorCodeSchema, message: z.string().max(4000) });
export type OpError = z.infer<typeof OpErrorSchema>;

export const OpResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: OpErrorSchema }),
]);
export type OpResult = z.infer<typeof OpResultSchema>;

// Value shapes of the read ops, used to validate what an interpreter sends back.
export const ReadValueResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({ exists: z.literal(true), value: RegistryValueSchema }),
]);
export const ReadKeyResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({ exists: z.literal(true), tree: RegistryKeyTreeSchema }),
]);
export const FileReadResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({ exists: z.literal(true), contentBase64: Base64, attributes: z.array(FileAttributeSchema) }),
]);
export const CredentialSchema = z.object({
  target: z.string(),
  type: CredentialTypeSchema,
  user: z.string(),
});
export const CredentialListResultSchema = z.array(CredentialSchema);
export const CredentialReadResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({
    exists: z.literal(true),
    user: z.string(),
    persist: z.number().int().min(1).max(3),
    protectedSecretBase64: Base64,
  }),
]);
/**
 * A certificate's private key as the listing process could tell: `readable`; `none` (no key at all);
 * `unreadable` (an administrator could not open it: its file is gone or damaged); `unknown` (only an
 * administrator may open machine keys, and Windows answers "keyset does not exist" for a denied key too).
 */
export const PrivateKeyStateSchema = z.enum(['readable', 'none', 'unreadable', 'unknown']);
export const CertificateSchema = z.object({
  thumbprint: z.string(),
  subject: z.string(),
  notAfter: z.iso.datetime({ offset: true }),
  privateKey: PrivateKeyStateSchema,
  /** Whether the key's file under %ProgramData%\Microsoft\Crypto lets NETWORK SERVICE read it; null: not seen. */
  serviceCanReadKey: z.boolean().nullable(),
  /**
   * With `unknown`: why an administrator could not check the key, in Windows' words (a provider not available, a
   * transient error, a key Windows answers "keyset does not exist" for). Absent for a standard user's listing.
   */
  privateKeyError: z.string().max(500).optional(),
});
export const CertificateListResultSchema = z.array(CertificateSchema);
export const ServiceStatusResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({
    exists: z.literal(true),
    status: z.enum(['Running', 'Stopped', 'Paused', 'StartPending', 'StopPending']),
  }),
]);
export const ProbeTcpResultSchema = z.object({
  open: z.boolean(),
  address: z.string().optional(),
  error: z.enum(['refused', 'timeout', 'unresolved', 'unreachable']).optional(),
});
export const ResolveResultSchema = z.object({ addresses: z.array(z.string()) });
export const NetworkAdapterSchema = z.object({
  name: z.string(),
  description: z.string(),
  status: z.enum(['Up', 'Down', 'Disconnected', 'Disabled', 'NotPresent', 'Unknown']),
  // Windows' built-in VPN profiles (Get-VpnConnection) are reported as adapters with kind 'vpn-profile'.
  kind: z.enum(['adapter', 'vpn-profile']).default('adapter'),
});
export const AdaptersResultSchema = z.array(NetworkAdapterSchema);
/** A socket listening on this PC, and the process that owns it where Windows can tell (null: it cannot). */
export const ListenerSchema = z.object({
  address: z.string().max(64),
  port: z.number().int().min(1).max(65535),
  processId: z.number().int().min(0).nullable(),
  processName: z.string().max(260).nullable(),
  processPath: z.string().max(1024).nullable(),
});
export const ListenersResultSchema = z.object({
  listeners: z.array(ListenerSchema).max(64),
  /** Every address of this PC's own interfaces, loopback included. */
  localAddresses: z.array(z.string().max(64)).max(256),
});
export const SecurityProductSchema = z.object({
  name: z.string(),
  kind: z.enum(['antivirus', 'firewall', 'antispyware']),
  state: z.enum(['on', 'off', 'snoozed', 'expired', 'unknown']),
});
export const SecurityProductsResultSchema = z.array(SecurityProductSchema);
export const EventSchema = z.object({
  channel: z.string(),
  id: z.number().int(),
  time: z.iso.datetime({ offset: true }),
  level: z.enum(['Critical', 'Error', 'Warning', 'Information', 'Verbose']).optional(),
  provider: z.string().optional(),
  message: z.string().optional(),
  /** System/Correlation ActivityID: shared by the events of one Remote Desktop connection attempt. */
  activityId: z.string().max(64).optional(),
  data: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type MachineEvent = z.infer<typeof EventSchema>;
export const EventsResultSchema = z.array(EventSchema);
// Windows refusing a restore point (System Protection off, one made in the last 24 h) is an op error
// (`unsupported` / `failed` with the reason), so a write batch stops before any change follows it.
export const RestorePointResultSchema = z.object({ created: z.literal(true) });
export const SystemFactsSchema = z.object({
  build: z.string(),
  edition: z.string(),
  elevated: z.boolean(),
  user: z.string(),
  documentsFolder: z.string(),
  powershellVersion: z.string(),
});
export type SystemFacts = z.infer<typeof SystemFactsSchema>;

/** The schema each op's success value must match; writes return null. */
export const OP_RESULT_SCHEMAS: Record<OpName, z.ZodType> = {
  'registry.readValue': ReadValueResultSchema,
  'registry.readKey': ReadKeyResultSchema,
  'registry.setValue': z.null(),
  'registry.deleteValue': z.null(),
  'registry.deleteKey': z.null(),
  'registry.deleteEmptyKey': z.null(),
  'registry.writeKey': z.null(),
  'file.read': FileReadResultSchema,
  'file.write': z.null(),
  'file.delete': z.null(),
  'file.setAttributes': z.null(),
  'credential.list': CredentialListResultSchema,
  'credential.delete': z.null(),
  'credential.read': CredentialReadResultSchema,
  'credential.write': z.null(),
  'certificate.list': CertificateListResultSchema,
  'certificate.remove': z.null(),
  'service.status': ServiceStatusResultSchema,
  'service.restart': z.null(),
  'policy.refresh': z.null(),
  'net.probeTcp': ProbeTcpResultSchema,
  'net.resolve': ResolveResultSchema,
  'net.adapters': AdaptersResultSchema,
  'net.listeners': ListenersResultSchema,
  'security.products': SecurityProductsResultSchema,
  'events.query': EventsResultSchema,
  'app.launchMstsc': z.null(),
  'system.restorePoint': RestorePointResultSchema,
  'system.facts': SystemFactsSchema,
};

export const BatchSchema = z.object({ ops: z.array(OpSchema).max(2000) });
export type Batch = z.infer<typeof BatchSchema>;
