import type { OpNameOf } from '../../../shared/ops.js';
import { queryEvents } from '../simulated-events.js';
import { ok, type SimulatedOpHandlers } from './common.js';

/* The events family, as Events.ps1 answers it, from the machine file's events. */

export const EVENTS_HANDLERS: SimulatedOpHandlers<OpNameOf<'events'>> = {
  'events.query': (op, { state }) => ok(queryEvents(state.events, op)),
};
