import type { Finding, PlannedChange } from '../../shared/findings.js';
import {
  AdaptersResultSchema,
  EventsResultSchema,
  type Op,
  type OpResult,
  ReadKeyResultSchema,
} from '../../shared/ops.js';
import type { RegistryKeyTree, RegistryValue } from '../../shared/registry.js';
import type { Repair, RepairContext } from '../repair.js';
import {
  connectionsTo,
  groupConnections,
  RDP_CLIENT_CHANNEL,
  SOCKET_CLOSED_REASON,
} from '../windows/rdp-client-connections.js';
import {
  isDisabled,
  type Read,
  readPolicyValue,
  TERMINAL_SERVICES_KEY,
  UDP_POLICY_KEY,
  UDP_POLICY_READ,
  UDP_POLICY_VALUE,
} from '../windows/udp-policy.js';
import { EVENT_WINDOW_DAYS, MAX_EVENTS_PER_LOG } from './event-logs.js';
import { activeVpns } from './vpn.js';

/*
 * The "Turn off UDP on client" policy (Computer Configuration > Administrative Templates > Windows Components >
 * Remote Desktop Services > Remote Desktop Connection Client). Setting the registry value directly works on
 * Windows Home too, where the Group Policy editor does not exist.
 * Rule for `problem`: UDP is on and there is evidence UDP is what fails here: an attempt to the target started
 * the UDP side channel (1102/1103) and ended with 2308 (socket closed), or a VPN or tunnel is up. Without
 * evidence, turning UDP off is a `suggestion`: a stock Windows PC has UDP on and connects fine.
 */

export { TERMINAL_SERVICES_KEY, UDP_POLICY_KEY, UDP_POLICY_VALUE };

const DISABLED: RegistryValue = { type: 'REG_DWORD', data: 1 };

const EXPLANATION =
  'Remote Desktop first tries to carry the session over UDP, then falls back to TCP. A router, VPN or firewall ' +
  'that drops UDP packets during the handshake makes Windows close the socket: that is error 0x904 ' +
  '(extended 0x7). Turning UDP off makes Remote Desktop use TCP only, which is slightly slower on poor links ' +
  'but connects. This is a setting in the registry, so it works on Windows Home as well, where the Group ' +
  'Policy editor (gpedit) does not exist.';

const RESTART_NOTE =
  'Close every Remote Desktop Connection (mstsc) window and open it again: it reads this setting only when it starts.';

function readTerminalServicesTree(result: OpResult | undefined): Read<RegistryKeyTree | undefined> {
  if (!result) return { ok: false, message: 'no result was returned' };
  if (!result.ok) return { ok: false, message: result.error.message };
  const parsed = ReadKeyResultSchema.safeParse(result.value);
  if (!parsed.success) return { ok: false, message: 'the result was not in the expected shape' };
  return { ok: true, value: parsed.data.exists ? parsed.data.tree : undefined };
}

function subkey(tree: RegistryKeyTree | undefined, name: string): RegistryKeyTree | undefined {
  if (!tree) return undefined;
  const found = Object.keys(tree.subkeys).find((n) => n.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : tree.subkeys[found];
}

function describeValue(value: RegistryValue | undefined): string {
  if (!value) return 'not set';
  return `${value.type} ${JSON.stringify(value.data)}`;
}

/**
 * The ops that put back exactly what was there. Setting the value creates every missing key on the way, so
 * when the value was absent the inverse deletes it, then each key the fix created, bottom-up, and each only if
 * it is still empty (another policy may have been set there since). Everything stays under Terminal Services,
 * the allow-listed root: the Windows NT policy key above it, which other policies share, is never touched. If
 * the fix had to create that one too, an empty Windows NT key is left behind (harmless; gpedit does the same).
 */
export function udpInverse(
  before: RegistryValue | undefined,
  terminalServices: RegistryKeyTree | undefined,
): Op[] {
  if (before)
    return [{ op: 'registry.setValue', path: UDP_POLICY_KEY, name: UDP_POLICY_VALUE, value: before }];
  const ops: Op[] = [{ op: 'registry.deleteValue', path: UDP_POLICY_KEY, name: UDP_POLICY_VALUE }];
  if (!subkey(terminalServices, 'Client')) ops.push({ op: 'registry.deleteEmptyKey', path: UDP_POLICY_KEY });
  if (!terminalServices) ops.push({ op: 'registry.deleteEmptyKey', path: TERMINAL_SERVICES_KEY });
  return ops;
}

function unknownFinding(message: string): Finding {
  return {
    repairId: 'udp-transport',
    status: 'unknown',
    summary: 'Could not read whether Remote Desktop uses UDP on this computer.',
    explanation: EXPLANATION,
    evidence: [{ label: 'Error', value: message }],
    instructions: [],
  };
}

/** What says UDP is the trouble here, in words; empty when nothing does. */
function udpEvidence(
  ctx: RepairContext,
  events: OpResult | undefined,
  adapters: OpResult | undefined,
): string[] {
  const found: string[] = [];
  const parsedEvents = events?.ok ? EventsResultSchema.safeParse(events.value) : undefined;
  if (parsedEvents?.success) {
    const failed = connectionsTo(ctx.target, groupConnections(parsedEvents.data)).filter(
      (c) => c.usedUdp && c.disconnectReason === SOCKET_CLOSED_REASON,
    );
    const last = failed.at(-1);
    if (last) {
      found.push(
        `${failed.length === 1 ? 'A connection' : `${failed.length} connections`} to this computer started the UDP side channel and then closed with 0x904, the last on ${last.started.slice(0, 16).replace('T', ' ')} UTC`,
      );
    }
  }
  const parsedAdapters = adapters?.ok ? AdaptersResultSchema.safeParse(adapters.value) : undefined;
  for (const vpn of parsedAdapters?.success ? activeVpns(parsedAdapters.data) : []) {
    found.push(
      `The connection goes through a VPN or tunnel (${vpn.product}, "${vpn.adapter.name}"), which often drops UDP`,
    );
  }
  return found;
}

function since(now: Date): string {
  return new Date(now.getTime() - EVENT_WINDOW_DAYS * 24 * 3600 * 1000).toISOString();
}

export const udpTransportRepair: Repair = {
  id: 'udp-transport',
  title: 'Turn off UDP on this computer',
  reads: (ctx) => [
    UDP_POLICY_READ,
    // The tree above the value tells which keys the fix would create, so the undo can remove exactly those.
    { op: 'registry.readKey', path: TERMINAL_SERVICES_KEY },
    // The evidence: the client's own record of UDP then 0x904, and whether a VPN or tunnel is up.
    {
      op: 'events.query',
      channel: RDP_CLIENT_CHANNEL,
      ids: [1024, 1026, 1102, 1103],
      since: since(ctx.now),
      max: MAX_EVENTS_PER_LOG,
    },
    { op: 'net.adapters' },
  ],
  diagnose(ctx, results) {
    const value = readPolicyValue(results[0]);
    if (!value.ok) return unknownFinding(value.message);
    const evidence = [
      { label: 'Registry value', value: `${UDP_POLICY_KEY}\\${UDP_POLICY_VALUE}` },
      { label: 'Current setting', value: describeValue(value.value) },
    ];
    if (isDisabled(value.value)) {
      return {
        repairId: 'udp-transport',
        status: 'ok',
        summary: 'UDP is turned off: Remote Desktop connects over TCP only.',
        explanation: EXPLANATION,
        evidence,
        instructions: [],
      };
    }
    const why =
      value.value === undefined
        ? 'the "Turn off UDP on client" setting is not set'
        : value.value.type === 'REG_DWORD'
          ? `the "Turn off UDP on client" setting is ${value.value.data}, not 1`
          : `the "Turn off UDP on client" setting has the wrong type (${value.value.type}), so Windows ignores it`;
    const seen = udpEvidence(ctx, results[2], results[3]);
    for (const line of seen) evidence.push({ label: 'Evidence', value: line });
    if (seen.length === 0) {
      return {
        repairId: 'udp-transport',
        status: 'suggestion',
        summary: `Remote Desktop tries UDP first (${why}). Nothing here shows UDP failing; turning it off helps when a VPN or router drops UDP.`,
        explanation: EXPLANATION,
        evidence,
        instructions: [],
      };
    }
    return {
      repairId: 'udp-transport',
      status: 'problem',
      summary: `Remote Desktop tries UDP first (${why}), and ${seen[0]?.charAt(0).toLowerCase()}${seen[0]?.slice(1)}. Fix: turn UDP off, then restart Remote Desktop Connection.`,
      explanation: EXPLANATION,
      evidence,
      instructions: [],
    };
  },
  plan(_ctx, results): PlannedChange[] {
    const value = readPolicyValue(results[0]);
    const terminalServices = readTerminalServicesTree(results[1]);
    // Without knowing what is there, no exact undo can be planned, so nothing is changed.
    if (!value.ok || !terminalServices.ok || isDisabled(value.value)) return [];
    return [
      {
        id: 'udp-transport:disable-udp',
        repairId: 'udp-transport',
        description: `Turn off UDP for Remote Desktop: set ${UDP_POLICY_VALUE} to 1 (REG_DWORD) under ${UDP_POLICY_KEY}.`,
        undoDescription: `Turn UDP back on for Remote Desktop: put ${UDP_POLICY_VALUE} under ${UDP_POLICY_KEY} back as it was.`,
        scope: 'machine',
        ops: [{ op: 'registry.setValue', path: UDP_POLICY_KEY, name: UDP_POLICY_VALUE, value: DISABLED }],
        inverse: udpInverse(value.value, terminalServices.value),
        warning: RESTART_NOTE,
      },
    ];
  },
};
