import type { OpNameOf } from '../../../shared/ops.js';
import { listenersOn } from '../simulated-listeners.js';
import { probeTcp, resolveHost } from '../simulated-network.js';
import { ok, type SimulatedOpHandlers } from './common.js';

/*
 * The network family, as Network.ps1 answers it, from the machine file's network (hosts, adapters, listeners)
 * and its security products.
 */

export const NETWORK_HANDLERS: SimulatedOpHandlers<OpNameOf<'network'>> = {
  'net.probeTcp': (op, { state }) => ok(probeTcp(state.network.hosts, op)),
  'net.resolve': (op, { state }) => ok(resolveHost(state.network.hosts, op.host)),
  'net.adapters': (_op, { state }) => ok(state.network.adapters),
  'net.listeners': (op, { state }) => ok(listenersOn(state.network, op)),
  'security.products': (_op, { state }) => ok(state.securityProducts),
};
