import { isIP } from 'node:net';
import type { MachineDescription } from '../../shared/machine-description.js';
import type { OpOf } from '../../shared/ops.js';

type Hosts = MachineDescription['network']['hosts'];
type Host = Hosts[string];

function ipLiteral(host: string): string | undefined {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return isIP(bare) ? bare : undefined;
}

function findHost(hosts: Hosts, name: string): Host | undefined {
  const wanted = name.toLowerCase().replace(/\.$/, '');
  for (const [hostName, host] of Object.entries(hosts)) {
    if (hostName.toLowerCase().replace(/\.$/, '') === wanted) return host;
  }
  return undefined;
}

/** Name resolution: described host names (case-insensitive); an IP literal resolves to itself. */
export function resolveHost(hosts: Hosts, name: string): { addresses: string[] } {
  const ip = ipLiteral(name);
  if (ip) return { addresses: [ip] };
  return { addresses: [...(findHost(hosts, name)?.addresses ?? [])] };
}

/**
 * A TCP connect attempt. A port is open, filtered (the probe times out) or refused; an IP literal that
 * belongs to no described host has nothing behind it, so the probe times out.
 */
export function probeTcp(
  hosts: Hosts,
  op: OpOf<'net.probeTcp'>,
): { open: boolean; address?: string; error?: 'refused' | 'timeout' | 'unresolved' } {
  const ip = ipLiteral(op.host);
  const host = ip ? Object.values(hosts).find((h) => h.addresses.includes(ip)) : findHost(hosts, op.host);
  const address = ip ?? host?.addresses[0];
  if (!address) return { open: false, error: 'unresolved' };
  if (host?.openTcpPorts.includes(op.port)) return { open: true, address };
  if (!host || host.filteredTcpPorts.includes(op.port)) return { open: false, address, error: 'timeout' };
  return { open: false, address, error: 'refused' };
}
