import type { Finding } from '../../shared/findings.js';
import type { HandshakeProbe } from '../../shared/handshake.js';
import { formatHostTarget } from '../../shared/host-name.js';
import { FileReadResultSchema, type OpResult } from '../../shared/ops.js';
import { visibleText } from '../../shared/visible-text.js';
import type { Repair, RepairContext } from '../repair.js';
import { rdpFileText, rdpSetting } from '../windows/rdp-file.js';
import {
  parseKeyTree,
  parseResult,
  serverKeysForTarget,
  TSC_SERVERS_KEY,
} from '../windows/terminal-server-client.js';
import { describeCertificate, protocolWords, readHandshake, serverMapEvidence } from './handshake-reading.js';
import { networkSteps } from './handshake-steps.js';

/*
 * One Remote Desktop handshake with the remote computer (network/handshake-probe.ts, run beside the scan
 * batch), compared with what this PC remembers and asks for. Rule for `problem`: only a setting on this PC that
 * the handshake proves wrong (Default.rdp turns CredSSP off while the remote computer requires it). A fault the
 * handshake shows on the remote computer or in the path is `manual`: it is fixed there, not here.
 */

const EXPLANATION =
  'Error 0x904 with extended code 0x7 means the remote computer, or something on the way to it, closed the ' +
  'connection. This check talks to the remote computer the way Remote Desktop Connection starts to, and stops ' +
  'before any password is sent: it shows whether a Remote Desktop listener answers, what security it asks ' +
  'for, and the certificate it presents.';

const DEFAULT_RDP = 'Default.rdp';

function savedThumbprints(ctx: RepairContext, result: OpResult | undefined): string[] {
  const servers = parseKeyTree(result);
  if (!servers.ok) return [];
  return serverKeysForTarget(servers.value, ctx.target).flatMap((key) => {
    const entry = Object.entries(key.tree.values).find(([name]) => name.toLowerCase() === 'certhash');
    const value = entry?.[1];
    return value?.type === 'REG_BINARY' && value.data.length === 40 ? [value.data.toUpperCase()] : [];
  });
}

/** The security settings of Default.rdp that decide what this PC offers and accepts. */
const SECURITY_SETTINGS = [
  'enablecredsspsupport',
  'authentication level',
  'negotiate security layer',
] as const;

function securitySettings(
  result: OpResult | undefined,
): Partial<Record<(typeof SECURITY_SETTINGS)[number], string>> {
  const file = parseResult(result, FileReadResultSchema);
  if (!file.ok || !file.value.exists) return {};
  const text = rdpFileText(file.value.contentBase64);
  const settings: Partial<Record<(typeof SECURITY_SETTINGS)[number], string>> = {};
  for (const name of SECURITY_SETTINGS) {
    const value = rdpSetting(text, name);
    if (value !== undefined) settings[name] = value;
  }
  return settings;
}

function evidenceOf(probe: HandshakeProbe, saved: string[], settings: ReturnType<typeof securitySettings>) {
  const evidence = [
    { label: 'Remote computer', value: `${visibleText(probe.host, 120)}, port ${probe.port}` },
    {
      label: 'Addresses',
      value: probe.addresses.length > 0 ? probe.addresses.map((a) => visibleText(a, 64)).join(', ') : 'none',
    },
    {
      label: 'Time taken',
      value: `${probe.elapsedMs} ms (at most ${Math.round(probe.deadlineMs / 1000)} s)`,
    },
  ];
  const outcome = probe.outcome;
  if (outcome.kind === 'selected') {
    evidence.push({ label: 'Security chosen', value: protocolWords(outcome.protocol) });
    if (outcome.tls?.kind === 'established') {
      evidence.push({ label: 'TLS', value: visibleText(outcome.tls.version, 16) });
      evidence.push({ label: 'Certificate', value: describeCertificate(outcome.tls.certificate) });
    } else if (outcome.tls) {
      evidence.push({ label: 'TLS', value: `failed (${outcome.tls.kind})` });
    }
    if (outcome.withoutCredSsp) {
      evidence.push({
        label: 'Without CredSSP',
        value:
          outcome.withoutCredSsp.kind === 'negotiation-failure'
            ? `refused (${visibleText(outcome.withoutCredSsp.detail, 64)})`
            : 'accepted',
      });
    }
  } else if (outcome.kind === 'negotiation-failure') {
    evidence.push({ label: 'Refusal', value: `${visibleText(outcome.name, 64)} (code ${outcome.code})` });
  } else if (outcome.kind === 'not-rdp') {
    evidence.push({ label: 'First bytes', value: outcome.firstBytesHex || 'none' });
  }
  evidence.push(...serverMapEvidence(probe));
  if (saved.length > 0) evidence.push({ label: 'Thumbprint this PC accepted', value: saved.join(', ') });
  for (const [name, value] of Object.entries(settings)) {
    evidence.push({ label: `Default.rdp ${name}`, value: visibleText(value, 16) });
  }
  if (probe.simulated)
    evidence.push({ label: 'Simulated', value: 'answered from the machine file, not by the network' });
  return evidence;
}

function finding(
  status: Finding['status'],
  summary: string,
  evidence: Finding['evidence'],
  instructions: string[] = [],
): Finding {
  return { repairId: 'rdp-handshake', status, summary, explanation: EXPLANATION, evidence, instructions };
}

export const rdpHandshakeRepair: Repair = {
  id: 'rdp-handshake',
  title: 'Talk to the remote computer',
  reads: () => [
    { op: 'registry.readKey', path: TSC_SERVERS_KEY },
    { op: 'file.read', folder: 'documents', name: DEFAULT_RDP },
  ],
  diagnose(ctx, results) {
    const probe = ctx.handshake;
    if (!probe) {
      return finding(
        'not-applicable',
        'The remote computer was not contacted: this simulated machine does not describe its Remote Desktop listener.',
        [{ label: 'Remote computer', value: formatHostTarget(ctx.target) }],
      );
    }
    const saved = savedThumbprints(ctx, results[0]);
    const settings = securitySettings(results[1]);
    const credSsp = settings.enablecredsspsupport;
    const evidence = evidenceOf(probe, saved, settings);
    const reading = readHandshake(probe);
    if (reading.side !== undefined) {
      return finding(
        'manual',
        reading.summary,
        evidence,
        reading.side === 'network'
          ? networkSteps(probe)
          : [
              'Ask the remote computer\'s administrator to follow "Fix it on the remote computer", or run RDP Repair on that computer.',
            ],
      );
    }
    if (reading.requiresNla && credSsp === '0') {
      return finding(
        'problem',
        'The remote computer requires Network Level Authentication (CredSSP), and this PC\'s Default.rdp turns CredSSP off ("enablecredsspsupport:i:0"), so every connection made from it is refused.',
        evidence,
        [
          'Open Documents\\Default.rdp in Notepad, delete the line "enablecredsspsupport:i:0", save, and connect again.',
        ],
      );
    }
    const sha1 = reading.certificate?.sha1;
    if (sha1 && saved.length > 0 && !saved.includes(sha1)) {
      return finding(
        'warning',
        `${reading.summary} Its certificate changed since you last accepted it on this PC (${saved.join(', ')} then, ${sha1} now): Remote Desktop Connection will ask you to accept the new one. If you did not expect a change, check with its administrator first.`,
        evidence,
      );
    }
    return finding('ok', reading.summary, evidence);
  },
  plan: () => [],
};
