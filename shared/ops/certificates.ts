import { z } from 'zod';
import { WriteResultSchema } from './common.js';

/* The certificates family (machine/powershell/interpreter/Certificates.ps1). */

export const CertificateStoreSchema = z.enum(['LocalMachine\\Remote Desktop', 'LocalMachine\\My']);

export const CERTIFICATES_OP_SCHEMAS = [
  z.object({ op: z.literal('certificate.list'), store: CertificateStoreSchema }),
  z.object({
    op: z.literal('certificate.remove'),
    store: CertificateStoreSchema,
    thumbprint: z.string().regex(/^[0-9A-F]{40}$/, 'a SHA-1 thumbprint: 40 uppercase hex digits'),
  }),
] as const;

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

export const CERTIFICATES_RESULT_SCHEMAS = {
  'certificate.list': CertificateListResultSchema,
  'certificate.remove': WriteResultSchema,
} as const;
