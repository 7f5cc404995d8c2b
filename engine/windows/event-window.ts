/*
 * How far back the repairs look in the event logs, how many events a query returns at most, and how an event's
 * time is written in the evidence. Shared by every repair that reads a log.
 */

export const EVENT_WINDOW_DAYS = 7;
export const MAX_EVENTS_PER_LOG = 200;

/** The start of the window, as events.query takes it. */
export function eventWindowStart(now: Date): string {
  return new Date(now.getTime() - EVENT_WINDOW_DAYS * 24 * 3600 * 1000).toISOString();
}

export function formatEventTime(time: string): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
