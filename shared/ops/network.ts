import { z } from 'zod';
import { HostData } from './common.js';

/*
 * The network family: TCP probe, name resolution, adapters, listeners and the security products
 * (machine/powershell/interpreter/Network.ps1).
 */

export const NETWORK_OP_SCHEMAS = [
  z.object({
    op: z.literal('net.probeTcp'),
    host: HostData,
    port: z.number().int().min(1).max(65535),
    timeoutMs: z.number().int().min(100).max(30_000),
  }),
  z.object({ op: z.literal('net.resolve'), host: HostData }),
  z.object({ op: z.literal('net.adapters') }),
  /** Who listens on this TCP port on this PC (a tunnel, a port forward, a relay), and this PC's own addresses. */
  z.object({ op: z.literal('net.listeners'), port: z.number().int().min(1).max(65535) }),
  z.object({ op: z.literal('security.products') }),
] as const;

export const ProbeTcpResultSchema = z.object({
  open: z.boolean(),
  address: z.string().optional(),
  error: z.enum(['refused', 'timeout', 'unresolved', 'unreachable']).optional(),
});
export const ResolveResultSchema = z.object({ addresses: z.array(z.string()) });
export const NetworkAdapterSchema = z.object({
  name: z.string(),
  description: z.string(),
  status: z.enum(['Up', 'Down', 'Disconnected', 'Disabled', 'NotPresent', 'Unknown']),
  // Windows' built-in VPN profiles (Get-VpnConnection) are reported as adapters with kind 'vpn-profile'.
  kind: z.enum(['adapter', 'vpn-profile']).default('adapter'),
});
export const AdaptersResultSchema = z.array(NetworkAdapterSchema);
/** A socket listening on this PC, and the process that owns it where Windows can tell (null: it cannot). */
export const ListenerSchema = z.object({
  address: z.string().max(64),
  port: z.number().int().min(1).max(65535),
  processId: z.number().int().min(0).nullable(),
  processName: z.string().max(260).nullable(),
  processPath: z.string().max(1024).nullable(),
});
export const ListenersResultSchema = z.object({
  listeners: z.array(ListenerSchema).max(64),
  /** Every address of this PC's own interfaces, loopback included. */
  localAddresses: z.array(z.string().max(64)).max(256),
});
export const SecurityProductSchema = z.object({
  name: z.string(),
  kind: z.enum(['antivirus', 'firewall', 'antispyware']),
  state: z.enum(['on', 'off', 'snoozed', 'expired', 'unknown']),
});
export const SecurityProductsResultSchema = z.array(SecurityProductSchema);

export const NETWORK_RESULT_SCHEMAS = {
  'net.probeTcp': ProbeTcpResultSchema,
  'net.resolve': ResolveResultSchema,
  'net.adapters': AdaptersResultSchema,
  'net.listeners': ListenersResultSchema,
  'security.products': SecurityProductsResultSchema,
} as const;
