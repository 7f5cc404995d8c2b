import { type Op, type OpResult, ReadValueResultSchema, ServiceStatusResultSchema } from '../shared/ops.js';

/*
 * Host mode: does this PC accept Remote Desktop connections? Then it is checked as the remote computer too (its
 * own listener certificate, the server-role event logs). Read in the scan batch, beside the system facts.
 * Accepting means fDenyTSConnections is 0 under the Terminal Server key (Settings > Remote Desktop on) and
 * the Remote Desktop Services service (TermService) is running.
 */

export const TERMINAL_SERVER_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server';
export const RDP_TCP_LISTENER_KEY = `${TERMINAL_SERVER_KEY}\\WinStations\\RDP-Tcp`;

export const HOST_MODE_READS: Op[] = [
  { op: 'registry.readValue', path: TERMINAL_SERVER_KEY, name: 'fDenyTSConnections' },
  { op: 'service.status', name: 'TermService' },
];

export interface HostMode {
  acceptsConnections: boolean;
  /** One sentence: why this mode, for the scan's header and the evidence. */
  sentence: string;
}

export function hostModeOf(results: readonly (OpResult | undefined)[]): HostMode {
  const deny = results[0]?.ok ? ReadValueResultSchema.safeParse(results[0].value) : undefined;
  const service = results[1]?.ok ? ServiceStatusResultSchema.safeParse(results[1].value) : undefined;
  const allowed =
    deny?.success && deny.data.exists && deny.data.value.type === 'REG_DWORD' && deny.data.value.data === 0;
  const running = service?.success && service.data.exists && service.data.status === 'Running';
  if (allowed && running) {
    return {
      acceptsConnections: true,
      sentence: 'This computer accepts Remote Desktop connections: it is checked as the remote computer too.',
    };
  }
  const why = !allowed
    ? 'Remote Desktop is turned off in its settings'
    : 'the Remote Desktop Services service is not running';
  return {
    acceptsConnections: false,
    sentence: `This computer does not accept Remote Desktop connections (${why}): it is checked as the computer that connects.`,
  };
}
