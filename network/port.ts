import type { HandshakeProbe } from '../shared/handshake.js';

export interface ProbeTarget {
  host: string;
  port: number;
}

export interface ProbeOptions {
  /** The one deadline for the whole probe: resolution, every address, negotiation and TLS. */
  deadlineMs: number;
  signal?: AbortSignal;
  /** Ask the server's map beside the handshake (default true); false: the handshake alone, as the bench needs. */
  serverMap?: boolean;
}

/**
 * The network port, beside the machine port: one Remote Desktop handshake with the remote computer. Real (Node's
 * dns, net, tls; no PowerShell) or simulated from the machine file. Never throws: every failure is an outcome.
 * Undefined when there is nothing to probe (a simulated machine that does not describe the remote listener).
 */
export interface NetworkPort {
  readonly kind: 'real' | 'simulated';
  probeHandshake(target: ProbeTarget, options: ProbeOptions): Promise<HandshakeProbe | undefined>;
}

export const DEFAULT_PROBE_DEADLINE_MS = 5000;
