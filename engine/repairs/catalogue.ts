import type { Repair } from '../repair.js';
import { udpTransportRepair } from './udp-transport.js';

/** Every repair the engine runs, in REPAIR_IDS order. Adding a repair is one line here. */
export const REPAIRS: readonly Repair[] = [udpTransportRepair];
