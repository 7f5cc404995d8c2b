import { z } from 'zod';
import { CERTIFICATES_OP_SCHEMAS, CERTIFICATES_RESULT_SCHEMAS } from './ops/certificates.js';
import { CREDENTIALS_OP_SCHEMAS, CREDENTIALS_RESULT_SCHEMAS } from './ops/credentials.js';
import { EVENTS_OP_SCHEMAS, EVENTS_RESULT_SCHEMAS } from './ops/events.js';
import { FILES_OP_SCHEMAS, FILES_RESULT_SCHEMAS } from './ops/files.js';
import { NETWORK_OP_SCHEMAS, NETWORK_RESULT_SCHEMAS } from './ops/network.js';
import { REGISTRY_OP_SCHEMAS, REGISTRY_RESULT_SCHEMAS } from './ops/registry.js';
import { SERVICES_OP_SCHEMAS, SERVICES_RESULT_SCHEMAS } from './ops/services.js';
import { SYSTEM_OP_SCHEMAS, SYSTEM_RESULT_SCHEMAS } from './ops/system.js';

export * from './ops/certificates.js';
export * from './ops/credentials.js';
export * from './ops/events.js';
export * from './ops/files.js';
export * from './ops/network.js';
export * from './ops/registry.js';
export * from './ops/services.js';
export * from './ops/system.js';

/*
 * The machine port's whole vocabulary. Every contact with Windows is one of these ops; both interpreters
 * (PowerShell module, simulated machine) implement exactly this list. Write ops are idempotent
 * (deleting something absent succeeds), so replaying inverses after a crash is always safe.
 *
 * Each family's schemas live in shared/ops/<family>.ts, the same families as the PowerShell interpreter's
 * files (machine/powershell/interpreter/<Family>.ps1), the simulated handlers (machine/simulated/ops/), the
 * preview (machine/powershell/preview/) and the contract cases (machine/contract/<family>.cases.ts);
 * test/architecture/op-families.test.ts keeps them the same. This file composes them and is the one entry
 * point importers use.
 */

/** Each family's op schemas, in the order of the union (and of Dispatch.ps1). */
const OP_SCHEMAS_BY_FAMILY = {
  registry: REGISTRY_OP_SCHEMAS,
  files: FILES_OP_SCHEMAS,
  credentials: CREDENTIALS_OP_SCHEMAS,
  certificates: CERTIFICATES_OP_SCHEMAS,
  services: SERVICES_OP_SCHEMAS,
  network: NETWORK_OP_SCHEMAS,
  events: EVENTS_OP_SCHEMAS,
  system: SYSTEM_OP_SCHEMAS,
} as const;
export type OpFamily = keyof typeof OP_SCHEMAS_BY_FAMILY;

export const OpSchema = z.discriminatedUnion('op', [
  ...REGISTRY_OP_SCHEMAS,
  ...FILES_OP_SCHEMAS,
  ...CREDENTIALS_OP_SCHEMAS,
  ...CERTIFICATES_OP_SCHEMAS,
  ...SERVICES_OP_SCHEMAS,
  ...NETWORK_OP_SCHEMAS,
  ...EVENTS_OP_SCHEMAS,
  ...SYSTEM_OP_SCHEMAS,
]);
export type Op = z.infer<typeof OpSchema>;
export type OpName = Op['op'];
export type OpOf<N extends OpName> = Extract<Op, { op: N }>;
/** The op names of one family. */
export type OpNameOf<F extends OpFamily> = z.infer<(typeof OP_SCHEMAS_BY_FAMILY)[F][number]>['op'];

export const OP_FAMILIES = Object.keys(OP_SCHEMAS_BY_FAMILY) as OpFamily[];

/** Every family's op names, as its schemas spell them. */
export const OPS_BY_FAMILY: Readonly<Record<OpFamily, readonly OpName[]>> = (() => {
  const names = {} as Record<OpFamily, readonly OpName[]>;
  for (const family of OP_FAMILIES) {
    const schemas: readonly { shape: { op: { value: OpName } } }[] = OP_SCHEMAS_BY_FAMILY[family];
    names[family] = schemas.map((schema) => schema.shape.op.value);
  }
  return names;
})();

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
    case 'service.setState':
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

/** The schema each op's success value must match, to validate what an interpreter sends back; writes return null. */
export const OP_RESULT_SCHEMAS: Record<OpName, z.ZodType> = {
  ...REGISTRY_RESULT_SCHEMAS,
  ...FILES_RESULT_SCHEMAS,
  ...CREDENTIALS_RESULT_SCHEMAS,
  ...CERTIFICATES_RESULT_SCHEMAS,
  ...SERVICES_RESULT_SCHEMAS,
  ...NETWORK_RESULT_SCHEMAS,
  ...EVENTS_RESULT_SCHEMAS,
  ...SYSTEM_RESULT_SCHEMAS,
};

export const BatchSchema = z.object({ ops: z.array(OpSchema).max(2000) });
export type Batch = z.infer<typeof BatchSchema>;
