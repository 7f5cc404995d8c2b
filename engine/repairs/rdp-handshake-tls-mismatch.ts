import { type HandshakeProbe, serverAnswer, TLS_VERSIONS, type TlsVersion } from '../../shared/handshake.js';
import type { Verdict } from '../../shared/verdict.js';
import { visibleText } from '../../shared/visible-text.js';
import { type ClientSecurity, clientVersionsOn } from '../windows/tls-client.js';

/*
 * The security both sides speak, compared: this PC's settings (windows/tls-client.ts) against the remote
 * computer's map (handshake.serverAccepts). When nothing is in common, the side that is out of the ordinary must
 * change: a server that speaks only TLS 1.0/1.1 (or only 1.3 to a Windows without it), or this PC with TLS 1.2
 * and 1.3 turned off. Each rule is pure and answers only on what the map answered: an unknown question never
 * makes a mismatch. What cannot be seen before sign-in is never blamed: CredSSP's "Force updated clients"
 * (AllowEncryptionOracle 0) fails only against a server missing the 2018 CredSSP update, which the handshake
 * cannot show, so it is shown as a setting, not a verdict.
 */

export type MismatchRule =
  | 'old-tls-only-server'
  | 'this-pc-tls-off'
  | 'tls-unsupported-here'
  | 'standard-rdp-only';

export interface Mismatch {
  rule: MismatchRule;
  side: 'this-pc' | 'remote-pc';
  summary: string;
  remoteFix?: NonNullable<Verdict['remoteFix']>;
  /** Said beside the fix: enabling TLS 1.0/1.1 here is only ever a temporary workaround, with its risk. */
  workaround?: string;
}

const WORDS: Record<TlsVersion, string> = {
  TLSv1: '1.0',
  'TLSv1.1': '1.1',
  'TLSv1.2': '1.2',
  'TLSv1.3': '1.3',
};
const OLD: readonly TlsVersion[] = ['TLSv1', 'TLSv1.1'];

/** "TLS 1.0", "TLS 1.2 and 1.3", "TLS 1.0, 1.1 and 1.2". */
export function versionWords(versions: readonly TlsVersion[]): string {
  const words = versions.map((v) => WORDS[v]);
  if (words.length <= 1) return `TLS ${words[0] ?? 'none'}`;
  return `TLS ${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

export const TLS10_WORKAROUND =
  'Turning TLS 1.0 or 1.1 on for this PC is not a fix: they have known weaknesses, and every program on this PC ' +
  'that uses Windows TLS could then be pushed down to them. Only as a temporary workaround, until the remote ' +
  'computer has TLS 1.2, and turned off again right after.';

function tlsOnRemoteFix(host: string): NonNullable<Verdict['remoteFix']> {
  const key =
    'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.2\\Server';
  return {
    steps: [
      `On ${visibleText(host, 120)}, as an administrator, open PowerShell.`,
      'Look in the System log for Schannel events 36871 (a TLS credential could not be made), 36874 (no TLS version in common with a client) and 36888 (a fatal alert was sent).',
      'Turn TLS 1.2 on for the server side: under SCHANNEL\\Protocols\\TLS 1.2\\Server set Enabled to 1 and DisabledByDefault to 0 (on Windows Server 2008 R2 / 2012 install the TLS 1.2 updates first), then restart the computer.',
      'Or run RDP Repair on that computer: it checks it as the remote computer too.',
    ],
    powershell: [
      '# On the remote computer, as administrator',
      "Get-WinEvent -FilterHashtable @{ LogName = 'System'; ProviderName = 'Schannel'; Id = 36871, 36874, 36888 } -MaxEvents 20",
      `New-Item -Path '${key}' -Force | Out-Null`,
      `Set-ItemProperty -Path '${key}' -Name Enabled -Type DWord -Value 1`,
      `Set-ItemProperty -Path '${key}' -Name DisabledByDefault -Type DWord -Value 0`,
      'Restart-Computer',
    ].join('\n'),
  };
}

function securityLayerRemoteFix(host: string): NonNullable<Verdict['remoteFix']> {
  const key = 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp';
  return {
    steps: [
      `On ${visibleText(host, 120)}, as an administrator, open PowerShell.`,
      'Set the Remote Desktop security layer to Negotiate (or SSL) instead of RDP, in the policy "Require use of specific security layer for remote (RDP) connections" or on the listener, so it can prove who it is with TLS.',
      'Then restart Remote Desktop Services (this ends the sessions on it).',
    ],
    powershell: [
      '# On the remote computer, as administrator',
      `Get-ItemProperty -Path '${key}' | Select-Object SecurityLayer, UserAuthentication`,
      `Set-ItemProperty -Path '${key}' -Name SecurityLayer -Type DWord -Value 1`,
      'Restart-Service -Name TermService -Force',
    ].join('\n'),
  };
}

/** The versions the map says the server completes, and those it was not asked or did not answer. */
function serverVersions(probe: HandshakeProbe): { yes: TlsVersion[]; unknown: TlsVersion[] } {
  const yes = TLS_VERSIONS.filter((v) => serverAnswer(probe, 'tlsVersions', v) === 'yes');
  const unknown = TLS_VERSIONS.filter((v) => serverAnswer(probe, 'tlsVersions', v) === 'unknown');
  return { yes, unknown };
}

/** No TLS version in common: which side is out of the ordinary, in words that name the versions. */
export function noCommonTlsVersion(probe: HandshakeProbe, client: ClientSecurity): Mismatch | undefined {
  if (!probe.serverAccepts) return undefined;
  const { yes, unknown } = serverVersions(probe);
  const mine = clientVersionsOn(client);
  if (yes.length === 0 || mine.some((v) => yes.includes(v) || unknown.includes(v))) return undefined;
  const theirs = versionWords(yes);
  const off = yes.filter((v) => !mine.includes(v));
  if (yes.every((v) => OLD.includes(v))) {
    const here = off.every((v) => !client.versions.find((c) => c.version === v)?.windowsDefault)
      ? 'which Windows on this PC no longer uses'
      : 'which this PC has turned off';
    return {
      rule: 'old-tls-only-server',
      side: 'remote-pc',
      summary: `The remote computer speaks only ${theirs}, ${here}. TLS 1.2 has to be turned on there.`,
      remoteFix: tlsOnRemoteFix(probe.host),
      workaround: TLS10_WORKAROUND,
    };
  }
  const modernOff = client.versions.filter((c) => !OLD.includes(c.version) && c.windowsDefault && !c.on);
  if (modernOff.length > 0) {
    const offWords = versionWords(modernOff.map((c) => c.version));
    return {
      rule: 'this-pc-tls-off',
      side: 'this-pc',
      summary: `This PC has ${offWords} turned off, and the remote computer speaks only ${theirs}. Fix: put Windows' default for ${offWords} back on this PC.`,
    };
  }
  return {
    rule: 'tls-unsupported-here',
    side: 'remote-pc',
    summary: `The remote computer speaks only ${theirs}, which Windows on this PC (build ${client.build}) does not support. TLS 1.2 has to be turned on there.`,
    remoteFix: tlsOnRemoteFix(probe.host),
  };
}

/** The server accepts only Standard RDP Security, which cannot prove who it is, and this PC requires that it does. */
export function standardRdpOnly(probe: HandshakeProbe, client: ClientSecurity): Mismatch | undefined {
  if (!client.requiresServerAuthentication) return undefined;
  const answer = (p: 'rdp' | 'tls' | 'credssp' | 'credssp-early-auth') => serverAnswer(probe, 'protocols', p);
  if (answer('rdp') !== 'yes') return undefined;
  if (answer('tls') !== 'no' || answer('credssp') !== 'no' || answer('credssp-early-auth') !== 'no')
    return undefined;
  return {
    rule: 'standard-rdp-only',
    side: 'remote-pc',
    summary:
      'The remote computer accepts only Standard RDP Security (no TLS), which cannot prove who it is, and this PC\'s policy "Configure server authentication for client" says not to connect then. Its security layer has to be set to Negotiate or SSL there.',
    remoteFix: securityLayerRemoteFix(probe.host),
  };
}

/** The first rule that finds a mismatch, or undefined when the two sides have something in common. */
export function tlsMismatchOf(
  probe: HandshakeProbe,
  client: ClientSecurity | undefined,
): Mismatch | undefined {
  if (!client) return undefined;
  return standardRdpOnly(probe, client) ?? noCommonTlsVersion(probe, client);
}
