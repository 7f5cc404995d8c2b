import { verdictOf } from '../../engine/verdict.js';
import { DEFAULT_PROBE_DEADLINE_MS, type NetworkPort } from '../../network/port.js';
import type { HandshakeProbe } from '../../shared/handshake.js';
import type { FleetTarget } from './hosts-file.js';

/*
 * One handshake per computer, through the network port alone (no password, nothing read on this PC), with at
 * most `concurrency` at once: the whole fleet takes about as long as its slowest computers, not the sum.
 */

export const DEFAULT_FLEET_CONCURRENCY = 32;

export interface FleetRow {
  host: string;
  port: number;
  verdict: { side: 'this-pc' | 'network' | 'remote-pc' | 'none' | 'unknown'; summary: string };
  handshake: HandshakeProbe | null;
}

function rowOf(target: FleetTarget, probe: HandshakeProbe | undefined): FleetRow {
  if (!probe) {
    return {
      ...target,
      verdict: { side: 'unknown', summary: 'The handshake could not be made.' },
      handshake: null,
    };
  }
  // No findings of this PC: only the handshake speaks. Nothing it shows wrong is "answered normally".
  const verdict = verdictOf([], probe);
  const side = verdict.side === 'unknown' && probe.outcome.kind === 'selected' ? 'none' : verdict.side;
  const summary =
    side === 'none' && verdict.side === 'unknown' ? 'Answered Remote Desktop normally.' : verdict.summary;
  return { host: target.host, port: target.port, verdict: { side, summary }, handshake: probe };
}

export interface FleetOptions {
  concurrency: number;
  /** After each computer, for a progress line. */
  onDone?: (done: number, total: number) => void;
}

export async function probeFleet(
  targets: readonly FleetTarget[],
  network: NetworkPort,
  options: FleetOptions,
): Promise<FleetRow[]> {
  const rows: FleetRow[] = new Array(targets.length);
  let next = 0;
  let done = 0;
  async function worker(): Promise<void> {
    // Each worker takes the next computer until none is left: at most `concurrency` handshakes at once.
    while (next < targets.length) {
      const index = next++;
      const target = targets[index] as FleetTarget;
      const probe = await network
        .probeHandshake(target, { deadlineMs: DEFAULT_PROBE_DEADLINE_MS })
        .catch(() => undefined);
      rows[index] = rowOf(target, probe);
      done += 1;
      options.onDone?.(done, targets.length);
    }
  }
  const workers = Math.max(1, Math.min(options.concurrency, targets.length));
  await Promise.all(Array.from({ length: workers }, () => worker()));
  return rows;
}
