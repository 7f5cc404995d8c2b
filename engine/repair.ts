import type { Finding, PlannedChange, RepairId } from '../shared/findings.js';
import type { HandshakeProbe } from '../shared/handshake.js';
import type { HostTarget } from '../shared/host-name.js';
import type { Op, OpResult } from '../shared/ops.js';
import type { HostMode } from './windows/host-mode.js';

export interface RepairContext {
  /** The computer the user cannot reach. Host-specific repairs act on this host only. */
  target: HostTarget;
  /** The scan's clock, so diagnosis (certificate expiry, event age) is a pure function. */
  now: Date;
  /**
   * The handshake with the remote computer, run beside the scan batch; given to `diagnose` and `plan` only
   * (reads are named before it runs). Absent when there was nothing to probe.
   */
  handshake?: HandshakeProbe;
  /** Whether this PC accepts connections (host mode), read in the scan batch; given to `diagnose` and `plan`. */
  hostMode?: HostMode;
}

/**
 * One fix from the article. Pure decisions over read results: `reads` names the ops (merged into the single
 * scan batch), `diagnose` and `plan` get the results of exactly those ops, in the same order.
 */
export interface Repair {
  readonly id: RepairId;
  /** Short imperative title, e.g. "Turn off UDP on this computer". */
  readonly title: string;
  reads(ctx: RepairContext): Op[];
  diagnose(ctx: RepairContext, results: readonly OpResult[]): Finding;
  /** The changes that fix what `diagnose` found; empty when nothing is to change. */
  plan(ctx: RepairContext, results: readonly OpResult[]): PlannedChange[];
}
