import { z } from 'zod';
import { Base64, WriteResultSchema } from './common.js';

/* The credentials family: saved passwords (machine/powershell/interpreter/Credentials.ps1). */

export const CredentialTypeSchema = z.enum(['DomainPassword', 'Generic']);

export const CREDENTIALS_OP_SCHEMAS = [
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
] as const;

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

export const CREDENTIALS_RESULT_SCHEMAS = {
  'credential.list': CredentialListResultSchema,
  'credential.delete': WriteResultSchema,
  'credential.read': CredentialReadResultSchema,
  'credential.write': WriteResultSchema,
} as const;
