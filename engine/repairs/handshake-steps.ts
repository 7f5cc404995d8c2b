import type { HandshakeProbe } from '../../shared/handshake.js';

/*
 * What the user does about a handshake that failed on the way or at the remote computer: steps per outcome, in
 * the order a person would check them (as Windows' Get Help does: is it on, is the way there open, then ask the
 * people who run it). The verdict's sentence says what happened; these say what to do, and never contradict it
 * (an unreachable computer "may be off or asleep", so the first step is to make sure it is on and awake).
 */

const SEND_TO_IT =
  'If that does not help, send the result to whoever runs that computer or its network ("Send to the administrator" in the app).';

/** The steps for a network-side reading of `probe`. */
export function networkSteps(probe: HandshakeProbe): string[] {
  const outcome = probe.outcome;
  const port = probe.port;
  switch (outcome.kind) {
    case 'filtered':
      return [
        'Make sure the remote computer is switched on and awake (not asleep or hibernating): someone near it can press a key or its power button.',
        'If it is on another network (at the office, for example), connect the VPN to that network first, then check again.',
        `If it is on and the VPN is connected, a firewall on the way or on that computer drops Remote Desktop (TCP port ${port}). ${SEND_TO_IT}`,
      ];
    case 'unresolved':
      return [
        "Check the spelling of the name, or use the computer's IP address.",
        'If the computer is on another network (at the office, for example), connect the VPN to that network first: its name may be known only there.',
        SEND_TO_IT,
      ];
    default:
      return [
        'Check the VPN, the firewall or the port forwarding between this PC and the remote computer: disconnect and connect the VPN again, then check again.',
        SEND_TO_IT,
      ];
  }
}
