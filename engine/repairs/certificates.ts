import type { z } from 'zod';
import type { Finding, PlannedChange } from '../../shared/findings.js';
import { formatHostTarget } from '../../shared/host-name.js';
import {
  CertificateListResultSchema,
  type CertificateSchema,
  type Op,
  type OpResult,
  ServiceStatusResultSchema,
} from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
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
 * - as a host (only where the Remote Desktop service exists): expired or soon-expiring certificates in the
 *   "Remote Desktop" store. They are removed and SessionEnv restarted so Windows issues a new self-signed one.
 */

export const RDP_CERTIFICATE_STORE = 'LocalMachine\\Remote Desktop';
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

interface HostSide {
  /** false when this computer does not run the Remote Desktop service. */
  isHost: boolean;
  expiring: Certificate[];
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

function analyseHost(
  ctx: RepairContext,
  serviceResult: OpResult | undefined,
  listResult: OpResult | undefined,
): Analysis['host'] {
  const service = parseResult(serviceResult, ServiceStatusResultSchema);
  if (!service.ok) return service;
  if (!service.value.exists) return { ok: true, value: { isHost: false, expiring: [] } };
  const certificates = parseResult(listResult, CertificateListResultSchema);
  if (!certificates.ok) return certificates;
  const limit = ctx.now.getTime() + EXPIRY_WINDOW_DAYS * DAY_MS;
  const expiring = certificates.value.filter((c) => Date.parse(c.notAfter) <= limit);
  return { ok: true, value: { isHost: true, expiring } };
}

function analyse(ctx: RepairContext, results: readonly OpResult[]): Analysis {
  return { trust: analyseTrust(ctx, results[0]), host: analyseHost(ctx, results[1], results[2]) };
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

function hostChange(expiring: readonly Certificate[]): PlannedChange | undefined {
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
    warning:
      'Restarting the Remote Desktop Configuration service disconnects anyone who is connected to this computer by Remote Desktop right now.',
    ifInterrupted:
      'If the Remote Desktop Configuration service was not restarted, restart it in services.msc (or restart this computer) so Windows creates a new certificate.',
  };
}

function planFrom(a: Analysis): PlannedChange[] {
  const changes: PlannedChange[] = [];
  const host = a.host.ok ? hostChange(a.host.value.expiring) : undefined;
  if (host) changes.push(host);
  const used = new Set<string>();
  if (a.trust.ok) for (const trust of a.trust.value) changes.push(trustChange(trust, used));
  return changes;
}

function evidenceFrom(a: Analysis, now: Date): Finding['evidence'] {
  const evidence: Finding['evidence'] = [];
  if (!a.host.ok) {
    evidence.push({ label: "This computer's certificates", value: `could not be read: ${a.host.message}` });
  } else if (!a.host.value.isHost) {
    evidence.push({ label: "This computer's certificates", value: 'Remote Desktop service not installed' });
  } else {
    for (const c of a.host.value.expiring)
      evidence.push({ label: 'Expiring certificate', value: expiryText(c, now) });
    if (a.host.value.expiring.length === 0) {
      evidence.push({ label: "This computer's certificates", value: 'none expired or expiring soon' });
    }
  }
  if (!a.trust.ok)
    evidence.push({ label: 'Saved certificate trust', value: `could not be read: ${a.trust.message}` });
  for (const t of a.trust.ok ? a.trust.value : []) {
    evidence.push({ label: 'Saved certificate trust', value: `Servers\\${t.keyName} value ${t.valueName}` });
  }
  return evidence;
}

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
    { op: 'service.status', name: 'TermService' },
    { op: 'certificate.list', store: RDP_CERTIFICATE_STORE },
  ],
  diagnose(ctx, results): Finding {
    const host = formatHostTarget(ctx.target);
    const a = analyse(ctx, results);
    const evidence = evidenceFrom(a, ctx.now);
    if (a.host.ok && a.host.value.expiring.length > 0) {
      const change = hostChange(a.host.value.expiring);
      const removable = change ? change.ops.length - 1 : 0;
      return {
        repairId: 'certificates',
        status: 'problem',
        summary:
          "This computer's Remote Desktop certificate has expired or expires soon and should be renewed.",
        explanation:
          a.trust.ok && a.trust.value.length > 0
            ? `${HOST_EXPLANATION} ${CLIENT_EXPLANATION}`
            : HOST_EXPLANATION,
        evidence,
        // A thumbprint Windows would not accept in certificate.remove leaves that certificate to the user.
        instructions: removable < a.host.value.expiring.length ? MANUAL_REMOVAL : [],
      };
    }
    if (a.trust.ok && a.trust.value.length > 0) {
      return {
        repairId: 'certificates',
        status: 'warning',
        summary: `Remote Desktop remembers a certificate for ${host} that may be out of date; clearing it makes Windows check again.`,
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
  plan: (ctx, results) => planFrom(analyse(ctx, results)),
};
