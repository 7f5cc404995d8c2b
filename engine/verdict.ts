import type { Finding } from '../shared/findings.js';
import type { HandshakeProbe } from '../shared/handshake.js';
import type { Verdict } from '../shared/verdict.js';
import { visibleText } from '../shared/visible-text.js';
import { readHandshake } from './repairs/handshake-reading.js';
import { LOCAL_RELAY_ROW } from './repairs/rdp-handshake-local-relay.js';
import { tlsMismatchOf } from './repairs/rdp-handshake-tls-mismatch.js';
import { clientFromEvidence } from './windows/tls-client-evidence.js';

/*
 * Which side failed, from everything a scan found. Pure. The handshake is the strongest evidence: when it shows
 * a fault on the remote computer or in the path, nothing changed on this PC can fix the connection, so that is
 * the verdict even if this PC has problems too. Otherwise a problem with evidence on this PC; otherwise none.
 * Before all of that: when the two sides have no security in common (no TLS version, or Standard RDP Security
 * only where this PC requires TLS; repairs/rdp-handshake-tls-mismatch.ts), the side out of the ordinary is the
 * verdict, in words that name the versions. A TLS failure of the handshake is then that mismatch, never "the
 * remote computer closed the connection" or a certificate fault.
 */

/** No security in common between this PC (its rows in the handshake finding) and the remote computer's map. */
function fromMismatch(probe: HandshakeProbe, findings: readonly Finding[]): Verdict | undefined {
  const handshakeFinding = findings.find((f) => f.repairId === 'rdp-handshake');
  const mismatch = tlsMismatchOf(probe, handshakeFinding && clientFromEvidence(handshakeFinding.evidence));
  if (!mismatch) return undefined;
  return {
    side: mismatch.side,
    summary: mismatch.summary,
    ...(mismatch.remoteFix ? { remoteFix: mismatch.remoteFix } : {}),
  };
}

/** Findings that say a VPN or tunnel carries the connection. */
function throughTunnel(findings: readonly Finding[]): boolean {
  return findings.some(
    (f) =>
      f.repairId === 'vpn' && (f.status === 'manual' || f.status === 'problem' || f.status === 'warning'),
  );
}

export function remoteFixFor(
  probe: HandshakeProbe,
  expiredThumbprint?: string,
): NonNullable<Verdict['remoteFix']> {
  const thumbprint =
    expiredThumbprint && /^[0-9A-F]{40}$/.test(expiredThumbprint) ? expiredThumbprint : '<THUMBPRINT>';
  return {
    steps: [
      `On ${visibleText(probe.host, 120)}, as an administrator, open PowerShell.`,
      'See which certificate the Remote Desktop listener uses, and when each certificate in the Remote Desktop store expires.',
      'Renew the self-signed Remote Desktop certificate: remove the expired one and restart the Remote Desktop Configuration service (SessionEnv), which makes a new one.',
      "If TLS still fails, check that the certificate's private key is readable (the MachineKeys folder permissions) and the listener's security layer and NLA settings.",
      'Or run RDP Repair on that computer: it checks it as the remote computer too.',
    ],
    powershell: [
      '# On the remote computer, as administrator',
      'Get-CimInstance -Namespace root/cimv2/TerminalServices -ClassName Win32_TSGeneralSetting -Filter "TerminalName=\'RDP-Tcp\'" | Select-Object SSLCertificateSHA1Hash',
      "Get-ChildItem -Path 'Cert:\\LocalMachine\\Remote Desktop' | Format-List Subject, Thumbprint, NotAfter",
      `Remove-Item -Path 'Cert:\\LocalMachine\\Remote Desktop\\${thumbprint}'`,
      'Restart-Service -Name SessionEnv -Force',
      'icacls "$env:ProgramData\\Microsoft\\Crypto\\RSA\\MachineKeys"',
      "Get-ItemProperty -Path 'HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp' | Select-Object SecurityLayer, UserAuthentication, MinEncryptionLevel",
    ].join('\n'),
  };
}

function fromHandshake(probe: HandshakeProbe, findings: readonly Finding[]): Verdict | undefined {
  const reading = readHandshake(probe);
  if (reading.side === undefined) return undefined;
  // The target is this PC and a program here takes the connection: what the handshake saw is that relay's doing.
  const relay = findings.find(
    (f) => f.repairId === 'rdp-handshake' && f.evidence.some((e) => e.label === LOCAL_RELAY_ROW),
  );
  if (relay) return { side: 'network', summary: relay.summary };
  const outcome = probe.outcome.kind;
  const cutAfterAccept = outcome === 'closed-after-accept' || outcome === 'silent-after-accept';
  // A security product here was flagged for exactly this pattern: this PC is where the user can act first.
  if (
    cutAfterAccept &&
    !throughTunnel(findings) &&
    findings.some((f) => f.repairId === 'security-software' && f.status === 'manual')
  ) {
    return {
      side: 'this-pc',
      summary: `${reading.summary} A security product on this PC (see "Allow Remote Desktop in your antivirus or firewall") or an inbound shield on the remote computer is the likely cause.`,
    };
  }
  // Accepted then closed with no tunnel in the path: an inbound shield or a broken listener over there.
  const side =
    reading.side === 'network' &&
    (outcome === 'closed-after-accept' || outcome === 'silent-after-accept') &&
    !throughTunnel(findings)
      ? 'remote-pc'
      : reading.side;
  const summary =
    side === 'remote-pc' && reading.side === 'network'
      ? `${reading.summary} No VPN is in the way on this PC, so it is most likely a security product or firewall on the remote computer.`
      : reading.summary;
  return {
    side,
    summary,
    ...(side === 'remote-pc'
      ? { remoteFix: remoteFixFor(probe, reading.certificateExpired ? reading.certificate?.sha1 : undefined) }
      : {}),
  };
}

export function verdictOf(findings: readonly Finding[], handshake: HandshakeProbe | undefined): Verdict {
  if (handshake) {
    const remote = fromMismatch(handshake, findings) ?? fromHandshake(handshake, findings);
    if (remote) return remote;
  }
  const problems = findings.filter((f) => f.status === 'problem');
  const connectivity = problems.find((f) => f.repairId === 'connectivity');
  if (connectivity && !handshake) return { side: 'network', summary: connectivity.summary };
  // This PC's own listener cannot explain a connection from here to another computer (issue 27, point 2).
  const here = problems.filter((f) => f.repairId !== 'connectivity' && f.incoming !== true);
  if (here.length > 0) {
    const first = here[0] as Finding;
    const more =
      here.length > 1 ? ` (and ${here.length - 1} more problem${here.length > 2 ? 's' : ''} on this PC)` : '';
    return { side: 'this-pc', summary: `${first.summary}${more}` };
  }
  const judged = findings.filter((f) => f.status !== 'unknown' && f.status !== 'not-applicable');
  if (judged.length === 0)
    return {
      side: 'unknown',
      summary: 'RDP Repair could not check enough of this PC to say which side failed.',
    };
  const handshakeOk = handshake ? ' and the remote computer answered Remote Desktop normally' : '';
  if (problems.some((f) => f.incoming === true))
    return {
      side: 'none',
      summary: `Nothing on this PC stands in the way of this connection${handshakeOk}. Separately, people who connect to this PC would fail: see the card about this PC's own certificate.`,
    };
  return { side: 'none', summary: `No problems found on this PC${handshakeOk}.` };
}
