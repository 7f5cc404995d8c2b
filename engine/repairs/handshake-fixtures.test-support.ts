import type { HandshakeOutcome } from '../../shared/handshake.js';
import type { RepairContext } from '../repair.js';

/** A simulated handshake with server01.contoso.com that ended this way: for the repairs that read it. */
export function probed(outcome: HandshakeOutcome): NonNullable<RepairContext['handshake']> {
  return {
    host: 'server01.contoso.com',
    port: 3389,
    deadlineMs: 5000,
    elapsedMs: 20,
    probedAt: '2026-11-21T09:00:00.000Z',
    addresses: ['10.1.2.3'],
    outcome,
    simulated: true,
  };
}

/** Accepted then closed: the pattern of a tunnel, a forwarder or a shield. */
export const CLOSED = probed({ kind: 'closed-after-accept' });
