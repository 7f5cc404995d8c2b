import type { z } from 'zod';
import type { Finding, PlannedChange } from '../../shared/findings.js';
import { formatHostTarget } from '../../shared/host-name.js';
import {
  CertificateListResultSchema,
  type CertificateSchema,
  type Op,
  type OpResult,
  ReadValueResultSchema,
} from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import { RDP_TCP_LISTENER_KEY } from '../host-mode.js';
import type { Repair, RepairContext } from '../repair.js';
import { changeIdPart } from './host-match.js';
import {
  type Parsed,
  parseKeyTree,
  parseResult,
  serverKeysForTarget,
  TSC_SERVERS_KEY,
} from './terminal-server-client.js';

/*
 * The article's "clear and renew expired RDP certificates", on both ends this app can see:
 * - as a client: the certificate trust mstsc cached for the target host (Servers\<host> value CertHash);
 *   removing it is exactly reversible. `saved-host-entry` may remove the whole Servers\<host> key in the same
 *   run: deleting an absent value succeeds, and undo in reverse order restores the same bytes either way.
 * - as a host (host mode only: this PC accepts connections): the certificate its listener really uses.
 * Rule for `problem`: only in host mode, the listener's own certificate expired, expiring within 14 days, or
 * missing (a configured one not in any store, or an empty Remote Desktop store). Only the computer that accepts
 * a connection uses its certificate, so on a PC nobody connects to its own certificate is one line of
 * information. A still-valid certificate is never removed. The cached trust is a `warning` when the handshake
 * shows the remote certificate changed, nothing when it is the same one, and a `suggestion` without a handshake.
 */

export const RDP_CERTIFICATE_STORE = 'LocalMachine\\Remote Desktop';
const MY_STORE = 'LocalMachine\\My';
/** A certificate expiring within this many days is renewed now rather than failing next week. */
export const EXPIRY_WINDOW_DAYS = 14;
const DAY_MS = 24 * 60 * 60 * 1000;

type Certificate = z.infer<typeof CertificateSchema>;

const CLIENT_EXPLANATION =
  'Remote Desktop remembers the certificate you accepted for each computer. When that computer gets a new ' +
  'certificate (for example after the old one expired), the saved trust no longer matches and the security ' +
  'handshake can be cut short, which shows as error 0x904. Removing the saved trust makes Remote Desktop check ' +
  'the certificate again and ask you once; Undo puts it back.';
const HOST_EXPLANATION =
  "This computer's own Remote Desktop certificate has expired or is about to. Computers that connect to it " +
  'then fail during the security handshake, which they report as error 0x904. Windows creates a new ' +
  'certificate by itself when the old one is removed and the Remote Desktop Configuration service restarts.';

interface CachedTrust {
  keyName: string;
  path: string;
  valueName: string;
  value: RegistryValue;
}

type ListenerState =
  | { kind: 'not-host'; ownExpired: Certificate[] }
  | { kind: 'valid'; certificate: Certificate; store: string }
  | { kind: 'expiring'; certificates: Certificate[]; store: string }
  | { kind: 'missing' }
  | { kind: 'configured-missing'; thumbprint: string };

interface HostSide {
  state: ListenerState;
}

interface Analysis {
  trust: Parsed<CachedTrust[]>;
  host: Parsed<HostSide>;
}

function analyseTrust(ctx: RepairContext, result: OpResult | undefined): Analysis['trust'] {
  const servers = parseKeyTree(result);
  if (!servers.ok) return servers;
  const trust: CachedTrust[] = [];
  for (const key of serverKeysForTarget(servers.value, ctx.target)) {
    for (const [valueName, value] of Object.entries(key.tree.values)) {
      if (valueName.toLowerCase() === 'certhash')
        trust.push({ keyName: key.name, path: key.path, valueName, value });
    }
  }
  return { ok: true, value: trust };
}

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

function analyseHost(ctx: RepairContext, results: readonly OpResult[]): Analysis['host'] {
  const remoteDesktop = certificatesIn(results[1]);
  if (!ctx.hostMode?.acceptsConnections) {
    const own = remoteDesktop.ok ? remoteDesktop.value : [];
    return {
      ok: true,
      value: {
        state: {
          kind: 'not-host',
          ownExpired: own.filter((c) => Date.parse(c.notAfter) <= ctx.now.getTime()),
        },
      },
    };
  }
  if (!remoteDesktop.ok) return remoteDesktop;
  const configured = configuredThumbprint(results[3]);
  if (!configured.ok) return configured;
  const limit = ctx.now.getTime() + EXPIRY_WINDOW_DAYS * DAY_MS;
  const expiring = (certificate: Certificate) => Date.parse(certificate.notAfter) <= limit;
  if (configured.value !== undefined) {
    const thumbprint = configured.value;
    const my = certificatesIn(results[2]);
    const inStore = remoteDesktop.value.find((c) => sameThumbprint(c, thumbprint));
    const inMy = my.ok ? my.value.find((c) => sameThumbprint(c, thumbprint)) : undefined;
    const found = inStore ?? inMy;
    const store = inStore ? RDP_CERTIFICATE_STORE : MY_STORE;
    if (!found) return { ok: true, value: { state: { kind: 'configured-missing', thumbprint } } };
    return {
      ok: true,
      value: {
        state: expiring(found)
          ? { kind: 'expiring', certificates: [found], store }
          : { kind: 'valid', certificate: found, store },
      },
    };
  }
  const own = remoteDesktop.value;
  if (own.length === 0) return { ok: true, value: { state: { kind: 'missing' } } };
  const valid = own.find((c) => !expiring(c));
  // Windows uses a valid self-signed certificate when there is one: the expired ones beside it do no harm.
  if (valid)
    return {
      ok: true,
      value: { state: { kind: 'valid', certificate: valid, store: RDP_CERTIFICATE_STORE } },
    };
  return {
    ok: true,
    value: { state: { kind: 'expiring', certificates: own, store: RDP_CERTIFICATE_STORE } },
  };
}

function analyse(ctx: RepairContext, results: readonly OpResult[]): Analysis {
  return { trust: analyseTrust(ctx, results[0]), host: analyseHost(ctx, results) };
}

/** The thumbprint as certificate.remove wants it, or undefined when it is not a SHA-1 thumbprint. */
function removableThumbprint(certificate: Certificate): string | undefined {
  const thumbprint = certificate.thumbprint.replace(/\s/g, '').toUpperCase();
  return /^[0-9A-F]{40}$/.test(thumbprint) ? thumbprint : undefined;
}

function expiryText(certificate: Certificate, now: Date): string {
  const expired = Date.parse(certificate.notAfter) <= now.getTime();
  return `${certificate.subject}, ${expired ? 'expired' : 'expires'} ${certificate.notAfter.slice(0, 10)} (thumbprint ${certificate.thumbprint})`;
}

function trustChange(trust: CachedTrust, used: Set<string>): PlannedChange {
  return {
    id: `certificates:trust-${changeIdPart(trust.keyName, used)}`,
    repairId: 'certificates',
    description: `Forget the certificate Remote Desktop accepted for ${trust.keyName}; it will ask again on the next connection.`,
    scope: 'user',
    ops: [{ op: 'registry.deleteValue', path: trust.path, name: trust.valueName }],
    inverse: [{ op: 'registry.setValue', path: trust.path, name: trust.valueName, value: trust.value }],
  };
}

const RESTART_WARNING =
  'Restarting the Remote Desktop Configuration service disconnects anyone who is connected to this computer by Remote Desktop right now.';

/** Remove the expired self-signed certificates and restart SessionEnv, which makes a new one. */
function renewChange(expiring: readonly Certificate[]): PlannedChange | undefined {
  const removals = expiring.flatMap((c): Op[] => {
    const thumbprint = removableThumbprint(c);
    return thumbprint ? [{ op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint }] : [];
  });
  if (removals.length === 0) return undefined;
  return {
    id: 'certificates:host-certificate',
    repairId: 'certificates',
    description: `Remove ${removals.length === 1 ? 'the expired Remote Desktop certificate' : `${removals.length} expired Remote Desktop certificates`} of this computer and restart the Remote Desktop Configuration service, which creates a new one.`,
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

function hostChange(state: ListenerState): PlannedChange | undefined {
  if (state.kind === 'missing') return createChange();
  // Only self-signed certificates in the Remote Desktop store are renewed by Windows; a chosen one is not.
  if (state.kind === 'expiring' && state.store === RDP_CERTIFICATE_STORE)
    return renewChange(state.certificates);
  return undefined;
}

/**
 * The saved trust against the certificate the handshake saw: `changed` (mstsc will balk: worth clearing),
 * `same` (it is the current certificate: nothing to clear), `unknown` (no handshake: clearing may help).
 */
function trustState(ctx: RepairContext, trust: readonly CachedTrust[]): 'changed' | 'same' | 'unknown' {
  const outcome = ctx.handshake?.outcome;
  const seen =
    outcome?.kind === 'selected' && outcome.tls?.kind === 'established'
      ? outcome.tls.certificate.sha1
      : undefined;
  if (!seen || trust.length === 0) return 'unknown';
  return trust.every((t) => t.value.type === 'REG_BINARY' && t.value.data.toUpperCase() === seen)
    ? 'same'
    : 'changed';
}

function planFrom(ctx: RepairContext, a: Analysis): PlannedChange[] {
  const changes: PlannedChange[] = [];
  const host = a.host.ok ? hostChange(a.host.value.state) : undefined;
  if (host) changes.push(host);
  const used = new Set<string>();
  if (a.trust.ok && trustState(ctx, a.trust.value) !== 'same') {
    for (const trust of a.trust.value) changes.push(trustChange(trust, used));
  }
  return changes;
}

function hostEvidence(state: ListenerState, now: Date): Finding['evidence'] {
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
      return [
        {
          label: 'Certificate the listener uses',
          value: `${expiryText(state.certificate, now)}, in ${state.store}`,
        },
      ];
    case 'expiring':
      return state.certificates.map((c) => ({
        label: 'Expiring certificate',
        value: `${expiryText(c, now)}, in ${state.store}`,
      }));
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

function evidenceFrom(a: Analysis, now: Date): Finding['evidence'] {
  const evidence: Finding['evidence'] = [];
  if (!a.host.ok)
    evidence.push({ label: "This computer's certificates", value: `could not be read: ${a.host.message}` });
  else evidence.push(...hostEvidence(a.host.value.state, now));
  if (!a.trust.ok)
    evidence.push({ label: 'Saved certificate trust', value: `could not be read: ${a.trust.message}` });
  for (const t of a.trust.ok ? a.trust.value : []) {
    evidence.push({ label: 'Saved certificate trust', value: `Servers\\${t.keyName} value ${t.valueName}` });
  }
  return evidence;
}

const CHOSEN_RENEWAL = [
  'Press Windows key + R, type certlm.msc and press Enter; find the certificate with the thumbprint listed above.',
  'Renew it with whoever issued it (or install it again), then restart the "Remote Desktop Services" service.',
  'Or, to use the self-signed certificate Windows makes by itself, remove the SSLCertificateSHA1Hash value from the RDP-Tcp listener settings.',
];

const MANUAL_REMOVAL = [
  'Press Windows key + R, type certlm.msc and press Enter.',
  'Open Remote Desktop > Certificates and delete the expired certificate listed above.',
  'Restart the "Remote Desktop Configuration" service in services.msc; Windows creates a new certificate.',
];

export const certificatesRepair: Repair = {
  id: 'certificates',
  title: 'Clear and renew expired Remote Desktop certificates',
  reads: () => [
    { op: 'registry.readKey', path: TSC_SERVERS_KEY },
    { op: 'certificate.list', store: RDP_CERTIFICATE_STORE },
    { op: 'certificate.list', store: MY_STORE },
    { op: 'registry.readValue', path: RDP_TCP_LISTENER_KEY, name: 'SSLCertificateSHA1Hash' },
  ],
  diagnose(ctx, results): Finding {
    const host = formatHostTarget(ctx.target);
    const a = analyse(ctx, results);
    const evidence = evidenceFrom(a, ctx.now);
    const state = a.host.ok ? a.host.value.state : undefined;
    const explanation =
      a.trust.ok && a.trust.value.length > 0 ? `${HOST_EXPLANATION} ${CLIENT_EXPLANATION}` : HOST_EXPLANATION;
    const hostProblem = (summary: string, instructions: string[] = []): Finding => ({
      repairId: 'certificates',
      status: 'problem',
      summary,
      explanation,
      evidence,
      instructions,
    });
    if (state?.kind === 'expiring') {
      const change = hostChange(state);
      if (state.store !== RDP_CERTIFICATE_STORE) {
        return hostProblem(
          "The certificate this computer's Remote Desktop listener uses has expired or expires soon: it was chosen for it, so Windows will not replace it. Renew it with whoever issued it.",
          CHOSEN_RENEWAL,
        );
      }
      const removable = change ? change.ops.length - 1 : 0;
      // A thumbprint Windows would not accept in certificate.remove leaves that certificate to the user.
      return hostProblem(
        "This computer's Remote Desktop certificate has expired or expires soon: computers that connect to it fail during the security handshake.",
        removable < state.certificates.length ? MANUAL_REMOVAL : [],
      );
    }
    if (state?.kind === 'missing') {
      return hostProblem(
        'This computer accepts Remote Desktop connections but has no Remote Desktop certificate, so no connection can complete its security handshake.',
      );
    }
    if (state?.kind === 'configured-missing') {
      return hostProblem(
        "This computer's Remote Desktop listener is set to use a certificate that is not installed, so no connection can complete its security handshake.",
        CHOSEN_RENEWAL,
      );
    }
    const trust = a.trust.ok ? trustState(ctx, a.trust.value) : 'unknown';
    if (a.trust.ok && a.trust.value.length > 0 && trust !== 'same') {
      return {
        repairId: 'certificates',
        status: trust === 'changed' ? 'warning' : 'suggestion',
        summary:
          trust === 'changed'
            ? `The remote computer's certificate changed since you accepted it for ${host}: clearing the saved one makes Remote Desktop check the new one and ask you once.`
            : `Remote Desktop remembers a certificate for ${host}. If that computer's certificate changed, clearing it makes Windows check again.`,
        explanation: CLIENT_EXPLANATION,
        evidence,
        instructions: [],
      };
    }
    const unreadable = !a.trust.ok || !a.host.ok;
    return {
      repairId: 'certificates',
      status: unreadable ? 'unknown' : 'ok',
      summary: unreadable
        ? 'Some certificate information could not be read, so the certificates could not be fully checked.'
        : `No expired Remote Desktop certificate was found and no certificate is remembered for ${host}.`,
      explanation: `${CLIENT_EXPLANATION} ${HOST_EXPLANATION}`,
      evidence,
      instructions: [],
    };
  },
  plan: (ctx, results) => planFrom(ctx, analyse(ctx, results)),
};
