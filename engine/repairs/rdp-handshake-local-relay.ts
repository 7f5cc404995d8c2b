import type { Finding } from '../../shared/findings.js';
import type { HandshakeProbe } from '../../shared/handshake.js';
import { ListenersResultSchema, type OpResult } from '../../shared/ops.js';
import { visibleText } from '../../shared/visible-text.js';
import type { Repair, RepairContext } from '../repair.js';
import { isLoopback } from '../windows/this-pc-target.js';

/*
 * A target that resolves to this PC (loopback, or one of its own addresses) is not the remote computer: the
 * connection goes to something on this PC, a tunnel, a port forward or a relay, which passes it on. When
 * Windows shows the program listening on that port, the handshake check names it, and a fault the handshake
 * saw is put on that relay (the path), never on the remote computer. When Windows shows no listener, the
 * address is only noted: what answered cannot be named.
 */

export const LOCAL_RELAY_ROW = 'Program on this PC that takes the connection';
const LOCAL_ROW = 'Address';

const DEFAULT_PORT = 3389;

/** The probe reached only this PC's own addresses (none elsewhere). */
export function resolvesToThisPc(probe: HandshakeProbe, localAddresses: readonly string[]): boolean {
  const own = new Set(localAddresses.map((a) => a.toLowerCase()));
  const reached = probe.address ? [probe.address] : probe.addresses;
  return reached.length > 0 && reached.every((a) => isLoopback(a) || own.has(a.toLowerCase()));
}

function listenersOf(result: OpResult | undefined) {
  if (!result?.ok) return undefined;
  const parsed = ListenersResultSchema.safeParse(result.value);
  return parsed.success ? parsed.data : undefined;
}

function programWords(l: {
  processName: string | null;
  processPath: string | null;
  processId: number | null;
}) {
  const name = l.processName === null ? 'a program Windows does not name' : visibleText(l.processName, 80);
  const path = l.processPath === null ? '' : ` (${visibleText(l.processPath, 260)})`;
  const id = l.processId === null ? '' : `, process ${l.processId}`;
  return `${name}${path}${id}`;
}

function relayFinding(base: Finding, probe: HandshakeProbe, program: string): Finding {
  const where = `${visibleText(probe.host, 120)} (port ${probe.port})`;
  return {
    ...base,
    status: 'manual',
    summary: `${where} is this PC itself: the connection goes to ${program}, a tunnel, port forward or relay on this PC, not straight to the remote computer. What the handshake saw is what that relay did: check that it is running, connected, and forwards to the right computer and port.`,
    instructions: [
      "Check the tunnel, port forward or relay program named here: is it connected to the remote side, and does it forward to the remote computer's Remote Desktop port (usually 3389)?",
    ],
  };
}

/** The handshake check, knowing when the target is this PC and who listens there. */
export function withLocalRelay(base: Repair): Repair {
  const split = (ctx: RepairContext, results: readonly OpResult[]) => {
    const count = base.reads(ctx).length;
    return { own: results.slice(0, count), listeners: listenersOf(results[count]) };
  };
  return {
    id: base.id,
    title: base.title,
    reads: (ctx) => [...base.reads(ctx), { op: 'net.listeners', port: ctx.target.port ?? DEFAULT_PORT }],
    diagnose(ctx, results) {
      const { own, listeners } = split(ctx, results);
      const finding = base.diagnose(ctx, own);
      const probe = ctx.handshake;
      if (!probe || !listeners || !resolvesToThisPc(probe, listeners.localAddresses)) return finding;
      const first = listeners.listeners[0];
      if (!first) {
        const note = {
          label: LOCAL_ROW,
          value: 'this PC itself; Windows shows no program listening on that port',
        };
        return { ...finding, evidence: [...finding.evidence, note] };
      }
      const program = programWords(first);
      const evidence = [...finding.evidence, { label: LOCAL_RELAY_ROW, value: program }];
      // A fault the handshake saw (the check says to act by hand) belongs to the relay; a working one stays.
      if (finding.status !== 'manual') return { ...finding, evidence };
      return { ...relayFinding(finding, probe, program), evidence };
    },
    plan: (ctx, results) => base.plan(ctx, split(ctx, results).own),
  };
}
