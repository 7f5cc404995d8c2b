import type { MachineEvent, OpOf } from '../../shared/ops.js';

/** Get-WinEvent with a filter: matching events, newest first, at most `max`. */
export function queryEvents(events: readonly MachineEvent[], op: OpOf<'events.query'>): MachineEvent[] {
  const since = Date.parse(op.since);
  const providers = op.providers?.map((p) => p.toLowerCase());
  return events
    .filter(
      (e) =>
        e.channel.toLowerCase() === op.channel.toLowerCase() &&
        Date.parse(e.time) >= since &&
        (!op.ids || op.ids.includes(e.id)) &&
        (!op.levels || (e.level !== undefined && (op.levels as readonly string[]).includes(e.level))) &&
        (!providers || (e.provider !== undefined && providers.includes(e.provider.toLowerCase()))),
    )
    .sort((a, b) => Date.parse(b.time) - Date.parse(a.time))
    .slice(0, op.max)
    .map((e) => structuredClone(e));
}
