import type { OpNameOf } from '../../../shared/ops.js';
import { failure, ok, type SimulatedOpHandlers } from './common.js';

/* The credentials family (saved passwords), as Credentials.ps1 answers it. */

// DPAPI stands in as a marked encoding: the simulated machine has no user key to protect with.
// A file that names no secret keeps naming none after a restore.
export const SIMULATED_DPAPI = 'rdp-repair-simulated-dpapi:';
function simulatedProtect(secret: string | undefined): string {
  return Buffer.from(`${SIMULATED_DPAPI}${JSON.stringify({ secret: secret ?? null })}`, 'utf8').toString(
    'base64',
  );
}
function simulatedUnprotect(blob: string): { secret: string | null } | undefined {
  const text = Buffer.from(blob, 'base64').toString('utf8');
  if (!text.startsWith(SIMULATED_DPAPI)) return undefined;
  try {
    const parsed = JSON.parse(text.slice(SIMULATED_DPAPI.length)) as { secret: unknown };
    return typeof parsed.secret === 'string' || parsed.secret === null
      ? { secret: parsed.secret }
      : undefined;
  } catch {
    return undefined;
  }
}

const sameTarget = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export const CREDENTIALS_HANDLERS: SimulatedOpHandlers<OpNameOf<'credentials'>> = {
  'credential.list': (op, { state }) =>
    // Target, type and user only: a secret never leaves the list.
    ok(
      state.credentials
        .filter((c) => c.target.toLowerCase().startsWith(op.targetPrefix.toLowerCase()))
        .map(({ target, type, user }) => ({ target, type, user })),
    ),
  'credential.read': (op, { state }) => {
    const found = state.credentials.find((c) => sameTarget(c.target, op.target) && c.type === 'Generic');
    if (!found) return ok({ exists: false });
    return ok({
      exists: true,
      user: found.user,
      persist: 2,
      protectedSecretBase64: simulatedProtect(found.secret),
    });
  },
  'credential.write': (op, { state }) => {
    const unprotected = simulatedUnprotect(op.protectedSecretBase64);
    if (unprotected === undefined) {
      return failure('failed', 'The saved password was not protected for this user on this computer.');
    }
    const restored = { target: op.target, type: 'Generic' as const, user: op.user };
    state.credentials = [
      ...state.credentials.filter((c) => !(sameTarget(c.target, op.target) && c.type === 'Generic')),
      unprotected.secret === null ? restored : { ...restored, secret: unprotected.secret },
    ];
    return ok(null);
  },
  'credential.delete': (op, { state }) => {
    state.credentials = state.credentials.filter(
      (c) => !(sameTarget(c.target, op.target) && c.type === op.type),
    );
    return ok(null);
  },
};
