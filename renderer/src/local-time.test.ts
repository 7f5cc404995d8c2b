import { describe, expect, it } from 'vitest';
import { localTime } from './local-time.js';

describe('localTime', () => {
  it("writes a date in the user's locale with medium date and short time", () => {
    const iso = '2026-11-24T09:02:00.000Z';
    const expected = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(
      new Date(iso),
    );
    expect(localTime(iso)).toBe(expected);
  });

  it('shows a value that is not a date as it came', () => {
    expect(localTime('not a date')).toBe('not a date');
  });
});
