import type { z } from 'zod';
import type { Finding, PlannedChange } from '../../shared/findings.js';
import { MACHINE_ALLOW_LIST } from '../../shared/machine-allow-list.js';
import {
  CertificateListResultSchema,
  type CertificateSchema,
  type Op,
  type OpResult,
  ReadValueResultSchema,
} from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import { type Parsed, parseResult } from '../windows/terminal-server-client.js';
import type { RenewalGate } from './certificates-host-renewal.js';

/*
 * The host half of the certificates repair: which certificate this PC's Remote Desktop listener really uses
 * and whether it can use it. Only the computer that accepts a connection uses its certificate, so outside host
 * mode this says one line at most. A certificate is unusable when it has expired (or expires within
 * EXPIRY_WINDOW_DAYS), has no private key, has a key an administrator cannot open for a certain reason (the
 * key is gone), or has a key file that Remote Desktop Services (NETWORK SERVICE) may not read. What could not
 * be checked (a store that did not open, a key an administrator could not check) is `unknown` with why, never
 * a state that leads to a removal. A certificate the listener can use is never removed, and an unusable one
 * only when Windows can be seen to make its replacement (certificates-host-renewal.ts).
 */

export const RDP_CERTIFICATE_STORE = 'LocalMachine\\Remote Desktop';
export const MY_STORE = 'LocalMachine\\My';
/**
 * A certificate expiring within this many days is renewed now rather than failing next week. The one number
 * is in the allow-list, since the interpreter checks it again when it removes a certificate.
 */
export const EXPIRY_WINDOW_DAYS = MACHINE_ALLOW_LIST.elevatedWrites.certificateRemovalWindowDays;
const DAY_MS = 24 * 60 * 60 * 1000;

export type Certificate = z.infer<typeof CertificateSchema>;

/** What is wrong with a certificate's private key, for the listener; undefined: nothing this process saw. */
type KeyProblem = 'no-key' | 'unreadable' | 'service-denied';

export type ListenerState =
  | { kind: 'not-host'; ownExpired: Certificate[] }
  | { kind: 'valid'; certificate: Certificate; store: string }
  | { kind: 'expiring'; certificates: Certificate[]; store: string }
  | { kind: 'key-unusable'; certificates: Certificate[]; store: string }
  /** Valid by date, but an administrator could not check its key: whether the listener can use it is unknown. */
  | { kind: 'key-unchecked'; certificate: Certificate; store: string }
  | { kind: 'missing' }
  | { kind: 'configured-missing'; thumbprint: string };

export function keyProblem(c: Certificate): KeyProblem | undefined {
  if (c.privateKey === 'none') return 'no-key';
  if (c.privateKey === 'unreadable') return 'unreadable';
  // The service's access means something only for a key that opened.
  if (c.privateKey === 'readable' && c.serviceCanReadKey === false) return 'service-denied';
  return undefined;
}

/** An administrator tried to open the key and Windows' answer does not say whether it works. */
const keyUnchecked = (c: Certificate) => c.privateKey === 'unknown' && c.privateKeyError !== undefined;

function certificatesIn(result: OpResult | undefined): Parsed<Certificate[]> {
  return parseResult(result, CertificateListResultSchema);
}

/** SSLCertificateSHA1Hash of the RDP-Tcp listener: a certificate chosen for it, instead of the store's own. */
function configuredThumbprint(result: OpResult | undefined): Parsed<string | undefined> {
  const read = parseResult(result, ReadValueResultSchema);
  if (!read.ok) return read;
  if (!read.value.exists) return { ok: true, value: undefined };
  const value = read.value.value;
  return {
    ok: true,
    value: value.type === 'REG_BINARY' && value.data.length === 40 ? value.data.toUpperCase() : undefined,
  };
}

const sameThumbprint = (c: Certificate, thumbprint: string) =>
  c.thumbprint.replace(/\s/g, '').toUpperCase() === thumbprint;

/** The state of one certificate the listener would use: usable, expiring, or with a key it cannot use. */
function stateOf(c: Certificate, store: string, limit: number): ListenerState {
  if (Date.parse(c.notAfter) <= limit) return { kind: 'expiring', certificates: [c], store };
  if (keyProblem(c)) return { kind: 'key-unusable', certificates: [c], store };
  if (keyUnchecked(c)) return { kind: 'key-unchecked', certificate: c, store };
  return { kind: 'valid', certificate: c, store };
}

/** The certificate SSLCertificateSHA1Hash names, in the Remote Desktop store or else in My. */
function configuredState(
  thumbprint: string,
  own: readonly Certificate[],
  my: Parsed<Certificate[]>,
  limit: number,
): Parsed<ListenerState> {
  const inStore = own.find((c) => sameThumbprint(c, thumbprint));
  if (inStore) return { ok: true, value: stateOf(inStore, RDP_CERTIFICATE_STORE, limit) };
  // A My store that did not open is not a My store without the certificate.
  if (!my.ok) return my;
  const inMy = my.value.find((c) => sameThumbprint(c, thumbprint));
  if (!inMy) return { ok: true, value: { kind: 'configured-missing', thumbprint } };
  return { ok: true, value: stateOf(inMy, MY_STORE, limit) };
}

/**
 * Results as the certificates repair reads them: [1] the Remote Desktop store, [2] the My store, [3] the
 * listener's SSLCertificateSHA1Hash.
 */
export function analyseListener(ctx: RepairContext, results: readonly OpResult[]): Parsed<ListenerState> {
  const remoteDesktop = certificatesIn(results[1]);
  if (!ctx.hostMode?.acceptsConnections) {
    const own = remoteDesktop.ok ? remoteDesktop.value : [];
    const ownExpired = own.filter((c) => Date.parse(c.notAfter) <= ctx.now.getTime());
    return { ok: true, value: { kind: 'not-host', ownExpired } };
  }
  if (!remoteDesktop.ok) return remoteDesktop;
  const configured = configuredThumbprint(results[3]);
  if (!configured.ok) return configured;
  const limit = ctx.now.getTime() + EXPIRY_WINDOW_DAYS * DAY_MS;
  const own = remoteDesktop.value;
  if (configured.value !== undefined)
    return configuredState(configured.value, own, certificatesIn(results[2]), limit);
  if (own.length === 0) return { ok: true, value: { kind: 'missing' } };
  // Windows uses a usable self-signed certificate when there is one: the unusable ones beside it do no harm.
  const states = own.map((c) => stateOf(c, RDP_CERTIFICATE_STORE, limit));
  const usable = states.find((s) => s.kind === 'valid') ?? states.find((s) => s.kind === 'key-unchecked');
  if (usable) return { ok: true, value: usable };
  // All unusable: renewing removes every one of them. Say "key" when a still-valid one is among them.
  const kind = own.some((c) => Date.parse(c.notAfter) > limit) ? 'key-unusable' : 'expiring';
  return { ok: true, value: { kind, certificates: own, store: RDP_CERTIFICATE_STORE } };
}

/** The thumbprint as certificate.remove wants it, or undefined when it is not a SHA-1 thumbprint. */
export function removableThumbprint(certificate: Certificate): string | undefined {
  const thumbprint = certificate.thumbprint.replace(/\s/g, '').toUpperCase();
  return /^[0-9A-F]{40}$/.test(thumbprint) ? thumbprint : undefined;
}

const RESTART_WARNING =
  'Restarting the Remote Desktop Configuration service disconnects anyone who is connected to this computer by Remote Desktop right now.';

/** Remove the unusable self-signed certificates and restart SessionEnv, which makes a new one. */
function renewChange(state: { kind: 'expiring' | 'key-unusable'; certificates: Certificate[] }) {
  const removals = state.certificates.flatMap((c): Op[] => {
    const thumbprint = removableThumbprint(c);
    return thumbprint ? [{ op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint }] : [];
  });
  if (removals.length === 0) return undefined;
  const what = state.kind === 'expiring' ? 'expired' : 'unusable';
  const change: PlannedChange = {
    id: 'certificates:host-certificate',
    repairId: 'certificates',
    description: `Remove ${removals.length === 1 ? `the ${what} Remote Desktop certificate` : `${removals.length} ${what} Remote Desktop certificates`} of this computer and restart the Remote Desktop Configuration service, which creates a new one.`,
    scope: 'machine',
    ops: [...removals, { op: 'service.restart', name: 'SessionEnv' }],
    inverse: null,
    irreversibleReason:
      'A removed certificate cannot be put back: its private key cannot be exported, so no backup can be made. ' +
      'Windows creates a new certificate in its place.',
    warning: RESTART_WARNING,
    ifInterrupted:
      'If the Remote Desktop Configuration service was not restarted, restart it in services.msc (or restart this computer) so Windows creates a new certificate.',
  };
  return change;
}

/** No certificate at all: restarting SessionEnv makes Windows create one. */
function createChange(): PlannedChange {
  return {
    id: 'certificates:host-certificate',
    repairId: 'certificates',
    description:
      'Restart the Remote Desktop Configuration service, which creates the missing Remote Desktop certificate of this computer.',
    scope: 'machine',
    ops: [{ op: 'service.restart', name: 'SessionEnv' }],
    inverse: null,
    irreversibleReason:
      'A service restart cannot be taken back; the certificate it creates is what Windows needs.',
    warning: RESTART_WARNING,
    ifInterrupted:
      'Restart the Remote Desktop Configuration service in services.msc, or restart this computer.',
  };
}

/**
 * The change that makes Windows renew the listener's certificate: a restart of SessionEnv for a missing one
 * (when SessionEnv is there to restart), a removal and a restart for unusable ones only when `gate` shows
 * Windows can make the replacement.
 */
export function listenerChange(
  state: ListenerState,
  gate: RenewalGate,
  sessionEnvExists: boolean,
): PlannedChange | undefined {
  if (state.kind === 'missing') return sessionEnvExists ? createChange() : undefined;
  // Only self-signed certificates in the Remote Desktop store are renewed by Windows; a chosen one is not.
  if ((state.kind === 'expiring' || state.kind === 'key-unusable') && state.store === RDP_CERTIFICATE_STORE)
    return gate.allowed ? renewChange(state) : undefined;
  return undefined;
}

function expiryText(certificate: Certificate, now: Date): string {
  const expired = Date.parse(certificate.notAfter) <= now.getTime();
  return `${certificate.subject}, ${expired ? 'expired' : 'expires'} ${certificate.notAfter.slice(0, 10)} (thumbprint ${certificate.thumbprint})`;
}

const KEY_TEXT: Record<KeyProblem, string> = {
  'no-key': 'it has no private key',
  unreadable: 'its private key cannot be opened: the key file is missing or damaged',
  'service-denied':
    'Remote Desktop Services (NETWORK SERVICE) is not allowed to read its private key file in MachineKeys',
};

/** One line on the key: what is wrong, or why it could not be checked. */
function keyText(c: Certificate): string {
  const problem = keyProblem(c);
  if (problem) return KEY_TEXT[problem];
  if (c.privateKey === 'unknown' && c.privateKeyError !== undefined)
    return `private key could not be checked: ${c.privateKeyError}`;
  if (c.privateKey === 'unknown')
    return 'private key not checked: only an administrator can open machine keys (run RDP Repair as administrator to check it)';
  return c.serviceCanReadKey
    ? 'private key readable, also by Remote Desktop Services'
    : 'private key readable (its permissions could not be seen)';
}

export function listenerEvidence(state: ListenerState, now: Date): Finding['evidence'] {
  switch (state.kind) {
    case 'not-host': {
      const [expired] = state.ownExpired;
      return expired
        ? [
            {
              label: "This computer's own certificate",
              value: `${expiryText(expired, now)}: it matters only when other computers connect to this one, and this one does not accept connections`,
            },
          ]
        : [];
    }
    case 'valid':
    case 'key-unchecked':
      return [
        {
          label: 'Certificate the listener uses',
          value: `${expiryText(state.certificate, now)}, in ${state.store}; ${keyText(state.certificate)}`,
        },
      ];
    case 'expiring':
    case 'key-unusable':
      return state.certificates.map((c) => {
        const expiring = Date.parse(c.notAfter) <= now.getTime() + EXPIRY_WINDOW_DAYS * DAY_MS;
        return expiring
          ? { label: 'Expiring certificate', value: `${expiryText(c, now)}, in ${state.store}` }
          : {
              label: 'Unusable certificate',
              value: `${expiryText(c, now)}, in ${state.store}; ${keyText(c)}`,
            };
      });
    case 'missing':
      return [
        {
          label: 'Certificate the listener uses',
          value: `none: the ${RDP_CERTIFICATE_STORE} store is empty`,
        },
      ];
    case 'configured-missing':
      return [
        {
          label: 'Certificate the listener uses',
          value: `${state.thumbprint} (SSLCertificateSHA1Hash), found in neither ${RDP_CERTIFICATE_STORE} nor ${MY_STORE}`,
        },
      ];
  }
}
