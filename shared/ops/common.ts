import { z } from 'zod';

/*
 * Pieces more than one op family uses. Not a family itself: test/architecture/op-families.test.ts knows this
 * file by name.
 */

export const Base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

// Host names reach this schema already validated by shared/host-name.ts; this is the interpreter's re-check.
export const HostData = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\p{L}\p{M}\p{N}.\-_:[\]%]+$/u, 'not a host name');

/** The success value of a write op. */
export const WriteResultSchema = z.null();
