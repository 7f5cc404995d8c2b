import type { Finding } from '../../shared/findings.js';
import { EventsResultSchema, type MachineEvent, type Op, type OpResult } from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import { eventWindowStart, formatEventTime, MAX_EVENTS_PER_LOG } from '../windows/event-window.js';
import {
  RCM_ADMIN_CHANNEL,
  RCM_OPERATIONAL_CHANNEL,
  RCM_PROVIDER,
  shortChannel,
} from '../windows/server-connections.js';

/*
 * What Windows wrote about this computer's own Remote Desktop certificate, for the certificates card (host
 * mode). RemoteConnectionManager: 1057 (it could not make a new self-signed certificate), 1058 (it could not
 * replace the expired one), 1059 (the certificate setting was invalid and it reset it); newer Windows writes
 * them to its Admin or Operational channel, older Windows to System. Schannel in System: 36870 (the TLS
 * server credential's private key could not be used), 36871 (a TLS credential could not be made), 36874 (no
 * cipher suite in common with a client), 36888 (a fatal TLS alert was sent). Evidence only, except that a
 * recent 1057 or 1058 shows Windows cannot make a replacement, so nothing is removed (certificates-host-renewal.ts).
 */

const CERTIFICATE_IDS = [1057, 1058, 1059];
const SCHANNEL_IDS = [36870, 36871, 36874, 36888];
/** Windows tried to make or replace its self-signed certificate and could not. */
export const CREATION_FAILED_IDS = [1057, 1058];
const EVIDENCE_LINES = 6;

export function certificateEventReads(ctx: RepairContext): Op[] {
  const since = eventWindowStart(ctx.now);
  const query = (channel: Extract<Op, { op: 'events.query' }>['channel']): Op => ({
    op: 'events.query',
    channel,
    ids: CERTIFICATE_IDS,
    since,
    max: MAX_EVENTS_PER_LOG,
  });
  return [
    query(RCM_ADMIN_CHANNEL),
    query(RCM_OPERATIONAL_CHANNEL),
    {
      op: 'events.query',
      channel: 'System',
      ids: [...CERTIFICATE_IDS, ...SCHANNEL_IDS],
      providers: [RCM_PROVIDER, 'TermService', 'Schannel'],
      since,
      max: MAX_EVENTS_PER_LOG,
    },
  ];
}

export interface CertificateEvents {
  events: MachineEvent[];
  /** Channels that could not be read, with why. */
  failures: { channel: string; message: string }[];
}

/** The results of certificateEventReads, newest first. */
export function certificateEvents(ctx: RepairContext, results: readonly (OpResult | undefined)[]) {
  const found: CertificateEvents = { events: [], failures: [] };
  for (const [index, op] of certificateEventReads(ctx).entries()) {
    const result = results[index];
    const parsed = result?.ok ? EventsResultSchema.safeParse(result.value) : undefined;
    if (parsed?.success) found.events.push(...parsed.data);
    else if (op.op === 'events.query') {
      const message = result && !result.ok ? result.error.message : 'no events in the expected shape';
      found.failures.push({ channel: op.channel, message });
    }
  }
  found.events.sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
  return found;
}

// Schannel numbers its own events; a 1057-1059 from Schannel would be something else.
const isCertificateEvent = (e: MachineEvent) =>
  CERTIFICATE_IDS.includes(e.id) && (e.provider ?? '').toLowerCase() !== 'schannel';

/** Shown on the certificates card in host mode, so the event-logs card leaves them out there. */
export const shownOnCertificateCard = (e: MachineEvent) =>
  isCertificateEvent(e) || (SCHANNEL_IDS.includes(e.id) && (e.provider ?? '').toLowerCase() === 'schannel');

/** The events that show Windows failed to make a self-signed certificate, newest first. */
export function creationFailures(events: readonly MachineEvent[]): MachineEvent[] {
  return events.filter((e) => CREATION_FAILED_IDS.includes(e.id) && isCertificateEvent(e));
}

function firstLine(text: string | undefined): string {
  const line = (text ?? '').split(/\r?\n/).find((l) => l.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 199)}…` : line.trim();
}

const WORDS: Record<number, string> = {
  1057: 'Windows could not make a new self-signed certificate for Remote Desktop',
  1058: 'Windows could not replace the expired self-signed certificate of Remote Desktop',
  1059: "Windows found the listener's certificate setting invalid and reset it",
  36870: 'the TLS layer (Schannel) could not use the private key of its TLS certificate',
  36871: 'the TLS layer (Schannel) could not make a TLS credential',
  36874: 'a client offered no cipher suite this computer accepts',
  36888: 'this computer ended a TLS handshake with a fatal alert',
};

export function describeCertificateEvent(event: MachineEvent): string {
  const words = WORDS[event.id] ?? `event ${event.id}`;
  const text = firstLine(event.message);
  return text ? `${words} — ${text}` : words;
}

export function certificateEventEvidence(found: CertificateEvents): Finding['evidence'] {
  const evidence = found.events.slice(0, EVIDENCE_LINES).map((e) => ({
    label: `${formatEventTime(e.time)} · ${shortChannel(e.channel)} ${e.id}`,
    value: describeCertificateEvent(e),
  }));
  for (const failure of found.failures) {
    evidence.push({ label: `Could not read ${shortChannel(failure.channel)}`, value: failure.message });
  }
  return evidence;
}
