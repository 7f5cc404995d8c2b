import type { Finding } from '../../shared/findings.js';
import type { Repair, RepairContext } from '../repair.js';
import {
  type HostSettings,
  hostSettingsOf,
  hostSettingsReads,
  type Setting,
} from '../windows/host-security-settings.js';
import { targetsThisPc } from '../windows/this-pc-target.js';
import { SCHANNEL_KEY_NAMES, SCHANNEL_PROTOCOLS_KEY } from '../windows/tls-client.js';

/*
 * The settings that can make this PC refuse Remote Desktop (issue 25, part 4, its reads; the Group Policy
 * fDenyTSConnections and fEnableWinStation are host mode's, engine/windows/host-mode.ts): each read, explained
 * in words with where it came from (Group Policy wins over RDP-Tcp). No fix is made here: the combinations known
 * to refuse are `manual` with exact steps: Network Level Authentication required over the RDP Security Layer
 * (which cannot carry it), TLS 1.2 and 1.3 both off for this PC as a server while TLS may be used, and (when
 * the target is this PC) a dialed port that is not PortNumber. A setting that could not be read is `unknown`,
 * never a refusal. Marked `incoming` when the check is of a connection to another computer.
 */

const DEFAULT_PORT = 3389;

const EXPLANATION =
  "These settings decide what this computer's Remote Desktop listener accepts: the security layer (the RDP " +
  'Security Layer, TLS, or either), the encryption level, whether Network Level Authentication is required, and ' +
  'which TLS versions it offers as a server. Some combinations refuse every modern client, which it reports as ' +
  'error 0x904 or 0x7. Group Policy overrides the local setting.';

const WORDS: Record<string, Record<number, string>> = {
  SecurityLayer: {
    0: 'RDP Security Layer (no TLS)',
    1: 'Negotiate (TLS when the client supports it)',
    2: 'TLS (SSL) required',
  },
  MinEncryptionLevel: { 1: 'Low', 2: 'Client compatible', 3: 'High', 4: 'FIPS compliant' },
  UserAuthentication: { 0: 'not required', 1: 'required' },
  fAllowSecProtocolNegotiation: { 0: 'off (the listener uses its security layer as set)', 1: 'on' },
};
const LABELS: Record<string, string> = {
  SecurityLayer: 'Security layer',
  MinEncryptionLevel: 'Encryption level',
  UserAuthentication: 'Network Level Authentication',
  fAllowSecProtocolNegotiation: 'Security protocol negotiation',
};

function settingWords(name: string, setting: Setting): string {
  if (setting.state === 'unreadable') return `could not check: ${setting.why}`;
  if (setting.state === 'not-set') return "not set (Windows' default)";
  const words = WORDS[name]?.[setting.value] ?? `value ${setting.value}`;
  return `${words} (${setting.from === 'policy' ? 'Group Policy' : 'RDP-Tcp'})`;
}

const numberOf = (s: Setting) => (s.state === 'set' ? s.value : undefined);

interface Refusal {
  summary: string;
  step: string;
}

function refusals(ctx: RepairContext, h: HostSettings): Refusal[] {
  const found: Refusal[] = [];
  const layer = numberOf(h.settings.SecurityLayer);
  if (layer === 0 && numberOf(h.settings.UserAuthentication) === 1) {
    found.push({
      summary:
        'Network Level Authentication is required, but the security layer is the RDP Security Layer, which cannot carry it',
      step: 'Set "Require use of specific security layer for remote (RDP) connections" to Negotiate or SSL (Group Policy: Computer Configuration > Administrative Templates > Windows Components > Remote Desktop Services > Remote Desktop Session Host > Security), or SecurityLayer to 1 or 2 under HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp; then restart Remote Desktop Services.',
    });
  }
  const tls = h.serverTls;
  const modern = tls?.filter((v) => (v.version === 'TLSv1.2' || v.version === 'TLSv1.3') && v.on) ?? [
    undefined,
  ];
  if (layer !== 0 && modern.length === 0) {
    found.push({
      summary:
        'TLS 1.2 and TLS 1.3 are turned off for this computer as a server, so Windows 10 and 11 cannot make a TLS connection to it',
      step: `Turn TLS 1.2 back on for this computer as a server: under ${SCHANNEL_PROTOCOLS_KEY}\\TLS 1.2\\Server set Enabled to 1 and DisabledByDefault to 0 (or delete both), then restart this computer.`,
    });
  }
  const port = numberOf(h.settings.PortNumber) ?? DEFAULT_PORT;
  const dialed = ctx.target.port ?? DEFAULT_PORT;
  if (targetsThisPc(ctx.target) && dialed !== port) {
    found.push({
      summary: `You connect to port ${dialed}, but this computer's Remote Desktop listens on port ${port} (PortNumber)`,
      step: `Connect to this computer as ${ctx.target.host}:${port}, or set PortNumber under RDP-Tcp back to ${dialed} and restart Remote Desktop Services (and open that port in the firewall).`,
    });
  }
  return found;
}

function evidenceOf(h: HostSettings): Finding['evidence'] {
  const rows = Object.keys(LABELS).map((name) => ({
    label: LABELS[name] ?? name,
    value: settingWords(name, h.settings[name as keyof HostSettings['settings']]),
  }));
  const port = h.settings.PortNumber;
  rows.push({
    label: 'Remote Desktop port',
    value:
      port.state === 'set'
        ? `${port.value} (PortNumber)`
        : port.state === 'not-set'
          ? `${DEFAULT_PORT} (not set)`
          : `could not check: ${port.why}`,
  });
  const tls = h.serverTls;
  rows.push({
    label: 'TLS as a server',
    value: tls
      ? tls
          .map((v) => `${SCHANNEL_KEY_NAMES[v.version]} ${v.on ? 'on' : 'off'}${v.set ? ' (set)' : ''}`)
          .join(', ')
      : 'could not check: the SCHANNEL protocols could not be read',
  });
  const fips = h.fips;
  rows.push({
    label: 'FIPS mode',
    value:
      fips.state === 'unreadable'
        ? `could not check: ${fips.why}`
        : numberOf(fips) === 1
          ? 'on (only FIPS-compliant algorithms)'
          : 'off',
  });
  return rows;
}

function unreadable(h: HostSettings): boolean {
  return (
    Object.values(h.settings).some((s) => s.state === 'unreadable') ||
    !h.serverTls ||
    h.fips.state === 'unreadable'
  );
}

export const hostSettingsRepair: Repair = {
  id: 'host-settings',
  title: 'Check the settings that make Remote Desktop refuse connections',
  reads: () => hostSettingsReads(),
  diagnose(ctx, results): Finding {
    if (ctx.hostMode?.turnedOn !== true) {
      return {
        repairId: 'host-settings',
        status: 'not-applicable',
        summary:
          'Remote Desktop is not turned on on this computer, so its listener settings do not matter here.',
        explanation: EXPLANATION,
        evidence: [],
        instructions: [],
      };
    }
    const h = hostSettingsOf(results);
    const found = refusals(ctx, h);
    const finding: Finding = {
      repairId: 'host-settings',
      status: found.length > 0 ? 'manual' : unreadable(h) ? 'unknown' : 'ok',
      summary:
        found.length > 0
          ? `This computer's Remote Desktop settings refuse connections: ${found.map((r) => r.summary).join('; ')}.`
          : unreadable(h)
            ? "Some of this computer's Remote Desktop listener settings could not be checked."
            : "This computer's Remote Desktop listener settings accept modern clients.",
      explanation: EXPLANATION,
      evidence: evidenceOf(h),
      instructions: found.map((r) => r.step),
    };
    return targetsThisPc(ctx.target) ? finding : { ...finding, incoming: true };
  },
  plan: () => [],
};
