import {
  type Op,
  type OpResult,
  ReadValueResultSchema,
  ServiceStatusResultSchema,
} from '../../shared/ops.js';

/*
 * Host mode: does this PC accept Remote Desktop connections? Then it is checked as the remote computer too (its
 * own listener certificate, the server-role event logs). Read in the scan batch, beside the system facts.
 * Accepting means:
 * - fDenyTSConnections is 0. The Group Policy "Allow users to connect remotely by using Remote Desktop Services"
 *   (TerminalServer.admx, TS_DISABLE_CONNECTIONS: enabled writes 0, disabled writes 1 under the policy key)
 *   overrides the local value that Settings > Remote Desktop writes, so when the policy holds a value it decides;
 * - the RDP-Tcp listener is not turned off (fEnableWinStation 0 disables it; absent, it is on);
 * - the Remote Desktop Services service (TermService) is running.
 */

export const TERMINAL_SERVER_KEY = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server';
export const RDP_TCP_LISTENER_KEY = `${TERMINAL_SERVER_KEY}\\WinStations\\RDP-Tcp`;
export const TERMINAL_SERVICES_POLICY_KEY =
  'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';

export const HOST_MODE_READS: Op[] = [
  { op: 'registry.readValue', path: TERMINAL_SERVER_KEY, name: 'fDenyTSConnections' },
  { op: 'registry.readValue', path: TERMINAL_SERVICES_POLICY_KEY, name: 'fDenyTSConnections' },
  { op: 'service.status', name: 'TermService' },
  { op: 'registry.readValue', path: RDP_TCP_LISTENER_KEY, name: 'fEnableWinStation' },
];

export interface HostMode {
  acceptsConnections: boolean;
  /**
   * Remote Desktop is turned on here (the setting or the policy, and the RDP-Tcp listener), whether or not its
   * service runs: then the services it needs are checked (engine/repairs/host-services.ts), which is how a
   * stopped or disabled TermService is found. Optional: a mode made before it existed leaves it out.
   */
  turnedOn?: boolean;
  /** One sentence: why this mode, for the scan's header and the evidence. */
  sentence: string;
}

/** A DWORD value as read: its number, `absent`, or `unreadable` (an op error or a value of another type). */
function dwordOf(result: OpResult | undefined): number | 'absent' | 'unreadable' {
  const read = result?.ok ? ReadValueResultSchema.safeParse(result.value) : undefined;
  if (!read?.success) return 'unreadable';
  if (!read.data.exists) return 'absent';
  return read.data.value.type === 'REG_DWORD' ? read.data.value.data : 'unreadable';
}

/** Whether fDenyTSConnections allows connections, and which setting decided it, in words. */
function connectionsSetting(local: OpResult | undefined, policy: OpResult | undefined) {
  const fromPolicy = dwordOf(policy);
  if (typeof fromPolicy === 'number') {
    return fromPolicy === 0
      ? { allowed: true, why: 'Remote Desktop is turned on by Group Policy' }
      : { allowed: false, why: 'Remote Desktop is turned off by Group Policy' };
  }
  // Windows ships with fDenyTSConnections 1: only an explicit 0 turns Remote Desktop on.
  const allowed = dwordOf(local) === 0;
  const caveat = fromPolicy === 'unreadable' ? '; the Group Policy setting could not be read' : '';
  return {
    allowed,
    why: `${allowed ? 'Remote Desktop is turned on in its settings' : 'Remote Desktop is turned off in its settings'}${caveat}`,
  };
}

/** Results of HOST_MODE_READS, in order. */
export function hostModeOf(results: readonly (OpResult | undefined)[]): HostMode {
  const setting = connectionsSetting(results[0], results[1]);
  const service = results[2]?.ok ? ServiceStatusResultSchema.safeParse(results[2].value) : undefined;
  const running = service?.success === true && service.data.exists && service.data.status === 'Running';
  const listenerOff = dwordOf(results[3]) === 0;
  const turnedOn = setting.allowed && !listenerOff;
  if (turnedOn && running) {
    return {
      acceptsConnections: true,
      turnedOn,
      sentence: `This computer accepts Remote Desktop connections (${setting.why}): it is checked as the remote computer too.`,
    };
  }
  const why = !setting.allowed
    ? setting.why
    : listenerOff
      ? 'its Remote Desktop listener (RDP-Tcp) is turned off: fEnableWinStation is 0'
      : 'the Remote Desktop Services service is not running';
  return {
    acceptsConnections: false,
    turnedOn,
    sentence: `This computer does not accept Remote Desktop connections (${why}): it is checked as the computer that connects.`,
  };
}
