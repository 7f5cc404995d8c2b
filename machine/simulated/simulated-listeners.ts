import type { MachineDescription } from '../../shared/machine-description.js';
import type { OpOf } from '../../shared/ops.js';

/*
 * net.listeners on the simulated machine: the described sockets listening on the port asked, and this PC's
 * addresses (loopback always, as Get-NetIPAddress lists it, then those described).
 */

export function listenersOn(network: MachineDescription['network'], op: OpOf<'net.listeners'>) {
  return {
    listeners: (network.listeners ?? []).filter((l) => l.port === op.port),
    localAddresses: ['127.0.0.1', '::1', ...(network.localAddresses ?? [])],
  };
}
