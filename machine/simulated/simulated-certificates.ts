import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { certificateRemovalRefusal } from '../../shared/machine-allow-list.js';
import type { MachineDescription, SimulatedCertificateSchema } from '../../shared/machine-description.js';
import type { CertificateSchema, OpError, OpOf } from '../../shared/ops.js';

/*
 * The simulated machine's LocalMachine certificate stores, as Certificates.ps1 answers them: a store that
 * cannot be opened is an op error (never an empty list), a key is told apart only as far as the asking
 * process may, and a certificate is removed only when Windows can make its replacement.
 */

type Certificate = z.infer<typeof CertificateSchema>;
type SimulatedCertificate = z.infer<typeof SimulatedCertificateSchema>;
export type Outcome = { ok: true; value: unknown } | { ok: false; error: OpError };

export const REMOTE_DESKTOP_STORE = 'LocalMachine\\Remote Desktop';
const SELF_SIGNED_VALIDITY_MS = 182 * 24 * 60 * 60 * 1000;
// What Windows says when no provider answers for a key: the simulated stand-in for "could not check".
const UNAVAILABLE_KEY = 'The requested key storage provider is not available. (0x8009001E)';

function findByName<T>(record: Record<string, T>, name: string): [string, T] | undefined {
  return Object.entries(record).find(([key]) => key.toLowerCase() === name.toLowerCase());
}

function failure(code: OpError['code'], message: string): Outcome {
  return { ok: false, error: { code, message } };
}

/**
 * A certificate as certificate.list reports it to a process: only an administrator may open a machine key,
 * and Windows answers a denied key as a missing one, so an unelevated listing knows only whether there is one.
 * A key even an administrator could not check is `unknown`, with Windows' reason.
 */
function seenCertificate(c: SimulatedCertificate, elevated: boolean): Certificate {
  if (c.privateKey === 'none') return { ...c, privateKey: 'none', serviceCanReadKey: null };
  if (!elevated) return { ...c, privateKey: 'unknown', serviceCanReadKey: null };
  if (c.privateKey === 'unavailable')
    return { ...c, privateKey: 'unknown', serviceCanReadKey: null, privateKeyError: UNAVAILABLE_KEY };
  return {
    ...c,
    privateKey: c.privateKey,
    serviceCanReadKey: c.privateKey === 'readable' ? c.serviceCanReadKey : null,
  };
}

/** The op error of a store that exists but cannot be opened, or null. */
function storeError(state: MachineDescription, store: string): Outcome | null {
  const error = findByName(state.certificateStoreErrors ?? {}, store)?.[1];
  if (!error) return null;
  return error === 'access-denied'
    ? failure('access-denied', `The certificate store ${store} cannot be opened: Access is denied.`)
    : failure('failed', `The certificate store ${store} cannot be opened: An internal error occurred.`);
}

export function listCertificates(state: MachineDescription, store: string, elevated: boolean): Outcome {
  const error = storeError(state, store);
  if (error) return error;
  const certificates = findByName(state.certificates, store)?.[1] ?? [];
  return { ok: true, value: certificates.map((c) => seenCertificate(c, elevated)) };
}

/**
 * Windows makes the replacement (SessionEnv, Remote Desktop Configuration): without that service, or with it
 * disabled (`startType`), no certificate is removed, even an unusable one, as the interpreter refuses
 * (Assert-SessionEnvCanStart). A start type Windows would not tell (`unreadable`) is refused there too.
 */
export function removeCertificate(
  state: MachineDescription,
  op: OpOf<'certificate.remove'>,
  now: Date,
): Outcome {
  const sessionEnv = findByName(state.services, 'SessionEnv')?.[1];
  if (!sessionEnv || sessionEnv.startType === 'Disabled' || sessionEnv.startType === 'unreadable') {
    return failure(
      'failed',
      'No certificate is removed: the Remote Desktop Configuration service (SessionEnv), which makes the new one, is not installed or is disabled.',
    );
  }
  const error = storeError(state, op.store);
  if (error) return error;
  const store = findByName(state.certificates, op.store);
  const target = store?.[1].find((c) => c.thumbprint.toUpperCase() === op.thumbprint);
  const refusal = target ? certificateRemovalRefusal(target, now) : null;
  if (refusal) return failure(refusal.code, refusal.message);
  if (store) {
    state.certificates[store[0]] = store[1].filter((c) => c.thumbprint.toUpperCase() !== op.thumbprint);
  }
  return { ok: true, value: null };
}

/**
 * What Windows does when the Remote Desktop Configuration service starts and the Remote Desktop store holds
 * no certificate that is still valid: it makes a new self-signed one for the computer's name, valid six
 * months. The thumbprint is a digest of name and day, so a pinned clock gives the same one every run.
 */
export function issueRemoteDesktopCertificate(state: MachineDescription, now: Date): void {
  const found = findByName(state.certificates, REMOTE_DESKTOP_STORE);
  const certificates = found?.[1] ?? [];
  if (certificates.some((c) => Date.parse(c.notAfter) > now.getTime())) return;
  const { computerName } = state.os;
  // Dated by the day, so two machines on the same pinned clock make the same certificate.
  const issued = new Date(now.toISOString().slice(0, 10));
  const thumbprint = createHash('sha1')
    .update(`${computerName}|${issued.toISOString()}`)
    .digest('hex')
    .toUpperCase();
  const notAfter = new Date(issued.getTime() + SELF_SIGNED_VALIDITY_MS).toISOString();
  state.certificates[found?.[0] ?? REMOTE_DESKTOP_STORE] = [
    ...certificates,
    { thumbprint, subject: `CN=${computerName}`, notAfter, privateKey: 'readable', serviceCanReadKey: true },
  ];
}
