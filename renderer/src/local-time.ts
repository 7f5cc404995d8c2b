/*
 * The one way the app writes a date and time: the user's own locale and format (medium date, short time),
 * the same in the start screen, the history and the recovery prompt. A value that is not a date is shown as
 * it came, never as "Invalid Date".
 */

const FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function localTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : FORMAT.format(date);
}
