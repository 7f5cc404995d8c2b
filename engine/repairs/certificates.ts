import type { Finding, PlannedChange } from '../../shared/findings.js';
import { formatHostTarget } from '../../shared/host-name.js';
import type { OpResult } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import type { Repair, RepairContext } from '../repair.js';
import { changeIdPart } from '../windows/host-match.js';
import { RDP_TCP_LISTENER_KEY } from '../windows/host-mode.js';
import {
  type Parsed,
  parseKeyTree,
  serverKeysForTarget,
  TSC_SERVERS_KEY,
} from '../windows/terminal-server-client.js';
import { targetsThisPc } from '../windows/this-pc-target.js';
import {
  analyseListener,
  type ListenerState,
  listenerChange,
  listenerEvidence,
  MY_STORE,
  RDP_CERTIFICATE_STORE,
} from './certificates-host.js';
import {
  type CertificateEvents,
  certificateEventEvidence,
  certificateEventReads,
  certificateEvents,
  creationFailures,
} from './certificates-host-events.js';
import { listenerFinding } from './certificates-host-finding.js';
import { type RenewalGate, renewalGate, sessionEnvExists } from './certificates-host-renewal.js';

/*
 * The article's "clear and renew expired RDP certificates", on both ends this app can see:
 * - as a client: the certificate trust mstsc cached for the target host (Servers\<host> value CertHash);
 *   removing it is exactly reversible. `saved-host-entry` may remove the whole Servers\<host> key in the same
 *   run: deleting an absent value succeeds, and undo in reverse order restores the same bytes either way.
 * - as a host (host mode only: this PC accepts connections): the certificate its listener really uses
 *   (certificates-host.ts).
 * Rule for `problem`: only in host mode, the listener's own certificate expired, expiring within 14 days,
 * missing (a configured one not in any store, or an empty Remote Desktop store), or with a private key the
 * listener cannot use (none, gone, or NETWORK SERVICE may not read its file). Only the computer that
 * accepts a connection uses its certificate, so on a PC nobody connects to its own certificate is one line of
 * information. `unknown` ("could not check: why") for a store that did not open or a key an administrator
 * could not check; an unknown never plans a removal. A certificate the listener can use is never removed, and
 * an unusable one only when Windows can be seen to make its replacement (SessionEnv running, no recent event
 * 1057/1058). What Windows logged about its certificate (RemoteConnectionManager, Schannel) is evidence here.
 * The cached trust is a `warning` when the handshake shows the remote certificate changed, nothing when it is
 * the same one, and a `suggestion` without a handshake.
 */

// Results of `reads`, by position.
const SERVERS = 0;
const SESSION_ENV = 4;
const EVENTS_FROM = 5;

const CLIENT_EXPLANATION =
  'Remote Desktop remembers the certificate you accepted for each computer. When that computer gets a new ' +
  'certificate (for example after the old one expired), the saved trust no longer matches and the security ' +
  'handshake can be cut short, which shows as error 0x904. Removing the saved trust makes Remote Desktop check ' +
  'the certificate again and ask you once; Undo puts it back.';
const HOST_EXPLANATION =
  "This computer's own Remote Desktop certificate has expired, is about to, or has a private key Remote " +
  'Desktop cannot use. Computers that connect to it then fail during the security handshake, which they ' +
  'report as error 0x904. Windows creates a new certificate by itself when the old one is removed and the ' +
  'Remote Desktop Configuration service restarts.';

interface CachedTrust {
  keyName: string;
  path: string;
  valueName: string;
  value: RegistryValue;
}

interface Analysis {
  trust: Parsed<CachedTrust[]>;
  host: Parsed<ListenerState>;
  events: CertificateEvents;
  gate: RenewalGate;
  sessionEnvExists: boolean;
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

function analyse(ctx: RepairContext, results: readonly OpResult[]): Analysis {
  const events = certificateEvents(ctx, results.slice(EVENTS_FROM));
  return {
    trust: analyseTrust(ctx, results[SERVERS]),
    host: analyseListener(ctx, results),
    events,
    gate: renewalGate(results[SESSION_ENV], creationFailures(events.events)),
    sessionEnvExists: sessionEnvExists(results[SESSION_ENV]),
  };
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
  const host = a.host.ok ? listenerChange(a.host.value, a.gate, a.sessionEnvExists) : undefined;
  if (host) changes.push(host);
  const used = new Set<string>();
  if (a.trust.ok && trustState(ctx, a.trust.value) !== 'same') {
    for (const trust of a.trust.value) changes.push(trustChange(trust, used));
  }
  return changes;
}

function evidenceFrom(ctx: RepairContext, a: Analysis): Finding['evidence'] {
  const evidence: Finding['evidence'] = [];
  if (!a.host.ok)
    evidence.push({ label: "This computer's certificates", value: `could not check: ${a.host.message}` });
  else evidence.push(...listenerEvidence(a.host.value, ctx.now));
  // Only the computer that accepts connections uses its certificate: its logs about it matter only then.
  if (ctx.hostMode?.acceptsConnections) evidence.push(...certificateEventEvidence(a.events));
  if (!a.trust.ok)
    evidence.push({ label: 'Saved certificate trust', value: `could not be read: ${a.trust.message}` });
  for (const t of a.trust.ok ? a.trust.value : []) {
    evidence.push({ label: 'Saved certificate trust', value: `Servers\\${t.keyName} value ${t.valueName}` });
  }
  return evidence;
}

/** Nothing to do: ok, or unknown with what could not be checked. */
function finalFinding(ctx: RepairContext, a: Analysis, evidence: Finding['evidence']): Finding {
  const hostUnchecked = !a.host.ok && ctx.hostMode?.acceptsConnections === true;
  const summary = hostUnchecked
    ? `Could not check this computer's Remote Desktop certificate: ${a.host.ok ? '' : a.host.message}`
    : !a.trust.ok || !a.host.ok
      ? 'Some certificate information could not be read, so the certificates could not be fully checked.'
      : `No expired or unusable Remote Desktop certificate was found and no certificate is remembered for ${formatHostTarget(ctx.target)}.`;
  return {
    repairId: 'certificates',
    status: !a.trust.ok || !a.host.ok ? 'unknown' : 'ok',
    summary,
    explanation: `${CLIENT_EXPLANATION} ${HOST_EXPLANATION}`,
    evidence,
    instructions: [],
  };
}

export const certificatesRepair: Repair = {
  id: 'certificates',
  title: 'Clear and renew expired Remote Desktop certificates',
  reads: (ctx) => [
    { op: 'registry.readKey', path: TSC_SERVERS_KEY },
    { op: 'certificate.list', store: RDP_CERTIFICATE_STORE },
    { op: 'certificate.list', store: MY_STORE },
    { op: 'registry.readValue', path: RDP_TCP_LISTENER_KEY, name: 'SSLCertificateSHA1Hash' },
    { op: 'service.status', name: 'SessionEnv' },
    ...certificateEventReads(ctx),
  ],
  diagnose(ctx, results): Finding {
    const host = formatHostTarget(ctx.target);
    const a = analyse(ctx, results);
    const evidence = evidenceFrom(ctx, a);
    const state = a.host.ok ? a.host.value : undefined;
    const explanation =
      a.trust.ok && a.trust.value.length > 0 ? `${HOST_EXPLANATION} ${CLIENT_EXPLANATION}` : HOST_EXPLANATION;
    const context = { evidence, explanation, gate: a.gate, sessionEnvExists: a.sessionEnvExists };
    const listener = state ? listenerFinding(state, context) : undefined;
    // This PC's own listener, while the question is a connection to another computer: for people who connect here.
    const hostFinding =
      listener && !targetsThisPc(ctx.target) ? { ...listener, incoming: true as const } : listener;
    if (hostFinding?.status === 'problem') return hostFinding;
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
    if (hostFinding) return hostFinding;
    return finalFinding(ctx, a, evidence);
  },
  plan: (ctx, results) => planFrom(ctx, analyse(ctx, results)),
};
