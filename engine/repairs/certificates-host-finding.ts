import type { Finding } from '../../shared/findings.js';
import { type ListenerState, listenerChange, RDP_CERTIFICATE_STORE } from './certificates-host.js';
import { RENEWAL_STEPS, type RenewalGate } from './certificates-host-renewal.js';

/*
 * The certificates card in host mode, when the listener's own certificate is the problem (or could not be
 * checked): the summary, and the steps for what RDP Repair leaves to the user. Pure.
 */

const CHOSEN_RENEWAL = [
  'Press Windows key + R, type certlm.msc and press Enter; find the certificate with the thumbprint listed above.',
  'Renew it with whoever issued it (or install it again), then restart the "Remote Desktop Services" service.',
  'Or, to use the self-signed certificate Windows makes by itself, remove the SSLCertificateSHA1Hash value from the RDP-Tcp listener settings.',
];

const MANUAL_REMOVAL = [
  'Press Windows key + R, type certlm.msc and press Enter.',
  'Open Remote Desktop > Certificates and delete the certificate listed above.',
  'Restart the "Remote Desktop Configuration" service in services.msc; Windows creates a new certificate.',
];

const KEY_PERMISSIONS = [
  'Press Windows key + R, type certlm.msc and press Enter; find the certificate with the thumbprint listed above.',
  'Right-click it, choose All Tasks > Manage Private Keys, add NETWORK SERVICE and allow Read.',
  'If it has no private key, import it again from its .pfx file (with the key), then restart the "Remote Desktop Services" service.',
];

const MISSING_WITHOUT_SESSIONENV = [
  'Press Windows key + R, type services.msc and press Enter. Open "Remote Desktop Configuration": if its Startup type is Disabled, set it to Manual, then press Start; Windows creates the certificate.',
  'If that service is not listed, turn Remote Desktop off and on again in Settings > System > Remote Desktop, or restart this computer.',
];

export interface ListenerContext {
  evidence: Finding['evidence'];
  explanation: string;
  gate: RenewalGate;
  sessionEnvExists: boolean;
}

function finding(status: Finding['status'], summary: string, c: ListenerContext, steps: string[]): Finding {
  return {
    repairId: 'certificates',
    status,
    summary,
    explanation: c.explanation,
    evidence: c.evidence,
    instructions: steps,
  };
}

/** An unusable self-signed certificate in the Remote Desktop store: renewed by Windows, when it can be. */
function ownUnusable(
  state: Extract<ListenerState, { kind: 'expiring' | 'key-unusable' }>,
  c: ListenerContext,
): Finding {
  const expired = state.kind === 'expiring';
  const summary = expired
    ? "This computer's Remote Desktop certificate has expired or expires soon: computers that connect to it fail during the security handshake."
    : "Remote Desktop cannot use the private key of this computer's Remote Desktop certificate: computers that connect to it fail during the security handshake.";
  if (!c.gate.allowed) {
    const evidence = [
      ...c.evidence,
      { label: 'Not removed', value: `No certificate is removed: ${c.gate.why}.` },
    ];
    return finding('problem', summary, { ...c, evidence }, RENEWAL_STEPS);
  }
  const change = listenerChange(state, c.gate, c.sessionEnvExists);
  const removable = change ? change.ops.length - 1 : 0;
  // A thumbprint Windows would not accept in certificate.remove leaves that certificate to the user.
  return finding('problem', summary, c, removable < state.certificates.length ? MANUAL_REMOVAL : []);
}

/** The host-mode finding, when the listener's certificate is a problem or could not be checked; else undefined. */
export function listenerFinding(state: ListenerState, c: ListenerContext): Finding | undefined {
  switch (state.kind) {
    case 'expiring':
    case 'key-unusable': {
      if (state.store === RDP_CERTIFICATE_STORE) return ownUnusable(state, c);
      return state.kind === 'expiring'
        ? finding(
            'problem',
            "The certificate this computer's Remote Desktop listener uses has expired or expires soon: it was chosen for it, so Windows will not replace it. Renew it with whoever issued it.",
            c,
            CHOSEN_RENEWAL,
          )
        : finding(
            'problem',
            "Remote Desktop cannot use the private key of the certificate chosen for this computer's listener, so no connection can complete its security handshake.",
            c,
            KEY_PERMISSIONS,
          );
    }
    case 'key-unchecked':
      return finding(
        'unknown',
        "The private key of this computer's Remote Desktop certificate could not be checked, so whether Remote Desktop can use it is not known. Nothing is changed on an unknown.",
        c,
        [],
      );
    case 'missing':
      return finding(
        'problem',
        'This computer accepts Remote Desktop connections but has no Remote Desktop certificate, so no connection can complete its security handshake.',
        c,
        c.sessionEnvExists ? [] : MISSING_WITHOUT_SESSIONENV,
      );
    case 'configured-missing':
      return finding(
        'problem',
        "This computer's Remote Desktop listener is set to use a certificate that is not installed, so no connection can complete its security handshake.",
        c,
        CHOSEN_RENEWAL,
      );
    default:
      return undefined;
  }
}
