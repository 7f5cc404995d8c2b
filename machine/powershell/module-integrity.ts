import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type VerifiedFile = { ok: true; bytes: Buffer } | { ok: false; message: string };

/**
 * Reads a shipped PowerShell file and checks it against the hash fixed at build time. The resources folder of a
 * per-user install is writable by the user, so another process could have swapped the file.
 */
export async function readVerifiedFile(path: string, expectedSha256: string): Promise<VerifiedFile> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return { ok: false, message: `${path} could not be read: ${(error as Error).message}` };
  }
  const actual = sha256Hex(bytes);
  if (actual !== expectedSha256.toLowerCase()) {
    return {
      ok: false,
      message: `${path} does not match the file shipped with RDP Repair (SHA-256 ${actual}, expected ${expectedSha256}); nothing was run.`,
    };
  }
  return { ok: true, bytes };
}
