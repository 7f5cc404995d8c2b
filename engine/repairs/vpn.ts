import type { z } from 'zod';
import type { Finding } from '../../shared/findings.js';
import { AdaptersResultSchema, type NetworkAdapterSchema, type OpResult } from '../../shared/ops.js';
import type { Repair, RepairContext } from '../repair.js';
import { UDP_POLICY_READ, udpTurnedOff } from '../windows/udp-policy.js';

type NetworkAdapter = z.infer<typeof NetworkAdapterSchema>;

/**
 * Virtual adapters installed by VPN clients, matched against the adapter's description or name. The one
 * place to add a VPN product. Windows' own VPN connections are not found here: their WAN Miniport adapters are
 * hidden from Get-NetAdapter, so they come as profiles (Get-VpnConnection, the user's and all users').
 */
export const VPN_ADAPTER_PATTERNS: readonly { product: string; pattern: RegExp }[] = [
  { product: 'OpenVPN (TAP-Windows)', pattern: /\bTAP-Win(dows|32)\b/i },
  { product: 'Wintun', pattern: /\bWintun\b/i },
  { product: 'WireGuard', pattern: /\bWireGuard\b/i },
  { product: 'NordVPN (NordLynx)', pattern: /\bNordLynx\b/i },
  { product: 'Cisco AnyConnect / Secure Client', pattern: /\bAnyConnect\b|Cisco Secure Client/i },
  { product: 'OpenVPN', pattern: /\bOpenVPN\b/i },
  { product: 'FortiClient', pattern: /\bForti(net|Client)\b/i },
  { product: 'GlobalProtect', pattern: /\bPANGP\b|GlobalProtect/i },
  { product: 'Pulse Secure / Ivanti', pattern: /\b(Juniper|Pulse Secure|Ivanti)\b/i },
  { product: 'Check Point', pattern: /Check Point Virtual Network/i },
  { product: 'SonicWall', pattern: /\bSonicWall\b/i },
  { product: 'Zscaler', pattern: /\bZscaler\b/i },
  { product: 'Tailscale', pattern: /\bTailscale\b/i },
  { product: 'ZeroTier', pattern: /\bZeroTier\b/i },
  { product: 'Hamachi', pattern: /\bHamachi\b/i },
  { product: 'ProtonVPN', pattern: /\bProton ?VPN\b/i },
  { product: 'ExpressVPN', pattern: /\bExpressVPN\b/i },
  { product: 'Surfshark', pattern: /\bSurfshark\b/i },
  { product: 'Windscribe', pattern: /\bWindscribe\b/i },
];

export interface ActiveVpn {
  adapter: NetworkAdapter;
  product: string;
}

/** VPN connections that are up: Windows' own VPN profiles, and adapters of a known VPN driver. */
export function activeVpns(adapters: readonly NetworkAdapter[]): ActiveVpn[] {
  const found: ActiveVpn[] = [];
  for (const adapter of adapters) {
    if (adapter.status !== 'Up') continue;
    if (adapter.kind === 'vpn-profile') {
      found.push({ adapter, product: 'Windows VPN connection' });
      continue;
    }
    const match = VPN_ADAPTER_PATTERNS.find(
      ({ pattern }) => pattern.test(adapter.description) || pattern.test(adapter.name),
    );
    if (match) found.push({ adapter, product: match.product });
  }
  return found;
}

const EXPLANATION =
  'Error 0x904 means the connection was closed during the handshake. A VPN tunnel that is slow, half-connected ' +
  'or that drops UDP packets is a common cause: Remote Desktop sends its data inside the tunnel, and when the ' +
  'tunnel hiccups the socket is closed. Reconnecting the VPN gives Remote Desktop a fresh tunnel.';

function readFailed(message: string): Finding {
  return {
    repairId: 'vpn',
    status: 'unknown',
    summary: 'Could not list the network adapters, so an active VPN could not be checked.',
    explanation: EXPLANATION,
    evidence: [{ label: 'Error', value: message }],
    instructions: [],
  };
}

function adaptersFrom(result: OpResult | undefined): NetworkAdapter[] | string {
  if (!result) return 'no result for the adapter list';
  if (!result.ok) return result.error.message;
  const parsed = AdaptersResultSchema.safeParse(result.value);
  return parsed.success ? parsed.data : 'the adapter list was not in the expected shape';
}

/**
 * Rule: `manual` ("reconnect your VPN") only when a VPN is up and the handshake with the remote computer shows
 * the path failing (accepted then closed, silent, or no answer): then the tunnel is the likely cut. A VPN that
 * carries a working handshake, or one seen without any handshake, is information.
 */
function pathFails(ctx: RepairContext): boolean {
  const outcome = ctx.handshake?.outcome.kind;
  return outcome === 'closed-after-accept' || outcome === 'silent-after-accept' || outcome === 'filtered';
}

/** What to try when reconnecting did not help: the UDP fix, unless this PC already has it. */
function udpStep(udpPolicy: OpResult | undefined): string {
  return udpTurnedOff(udpPolicy) === true
    ? 'If it still fails with 0x904, the VPN is not dropping UDP: Remote Desktop on this PC already uses TCP only. Ask whoever runs the VPN whether it lets Remote Desktop (TCP port 3389) through to that computer.'
    : 'If it still fails with 0x904, the VPN may drop UDP: the "Turn off UDP" fix makes Remote Desktop use TCP only.';
}

export const vpnRepair: Repair = {
  id: 'vpn',
  title: 'Reconnect your VPN',
  // The UDP policy too: the last step points at the UDP fix only while it is not made.
  reads: () => [{ op: 'net.adapters' }, UDP_POLICY_READ],
  diagnose(ctx, results) {
    const adapters = adaptersFrom(results[0]);
    if (typeof adapters === 'string') return readFailed(adapters);
    const vpns = activeVpns(adapters);
    if (vpns.length === 0) {
      return {
        repairId: 'vpn',
        status: 'ok',
        summary: 'No VPN connection is active.',
        explanation: EXPLANATION,
        evidence: [
          {
            label: 'Adapters up',
            value:
              adapters
                .filter((a) => a.status === 'Up')
                .map((a) => a.name)
                .join(', ') || 'none',
          },
        ],
        instructions: [],
      };
    }
    const names = vpns.map((v) => v.adapter.name).join(', ');
    const vpnEvidence = vpns.map((v) => ({
      label: v.adapter.name,
      value: `${v.product}: ${v.adapter.description} (${v.adapter.status})`,
    }));
    if (!pathFails(ctx)) {
      return {
        repairId: 'vpn',
        status: 'ok',
        summary: ctx.handshake
          ? `A VPN connection is active (${names}), and the remote computer answered through the current path.`
          : `A VPN connection is active (${names}). Nothing shows the connection failing on the way.`,
        explanation: EXPLANATION,
        evidence: vpnEvidence,
        instructions: [],
      };
    }
    return {
      repairId: 'vpn',
      status: 'manual',
      summary: `A VPN connection is active (${names}): disconnect and reconnect it, then try again.`,
      explanation: EXPLANATION,
      evidence: vpnEvidence,
      instructions: [
        `Disconnect the VPN (${names}) in its own app, or in Settings > Network & internet > VPN.`,
        'Wait about ten seconds, then connect the VPN again.',
        'Try Remote Desktop again.',
        'If the remote computer is on the same local network as you, also try once with the VPN turned off.',
        udpStep(results[1]),
      ],
    };
  },
  plan: () => [],
};
