import { isIP } from 'node:net';
import type { HostTarget } from '../../shared/host-name.js';

/*
 * Whether the computer asked about is this PC itself: "localhost" or a loopback address (the CLI's --this-pc
 * checks this PC under the name localhost). Then this PC's own listener is the question; otherwise it is about
 * people who connect to this PC, and cannot explain a connection from here to another computer.
 */
export function targetsThisPc(target: HostTarget): boolean {
  const host = target.host
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  return host === 'localhost' || isLoopback(host);
}

/** A loopback address: 127.0.0.0/8 (also IPv4-mapped) or ::1. */
export function isLoopback(address: string): boolean {
  const bare = address.replace(/^::ffff:/i, '');
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1';
}
