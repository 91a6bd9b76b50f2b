import { describe, expect, it } from 'vitest';
import { calendarDay } from './validation.ts';

describe('calendarDay: every date field reads dates one way', () => {
  const field = calendarDay('Enter a real date.', 'Enter a date.');
  const messages = (v: unknown) => field.safeParse(v).error?.issues.map((i) => i.message);

  it('takes a real calendar date, trimmed, including 29 February of a leap year', () => {
    expect(field.parse(' 2026-11-21 ')).toBe('2026-11-21');
    expect(field.parse('2028-02-29')).toBe('2028-02-29');
  });

  it('refuses an impossible date rather than rolling it over to the next month', () => {
    for (const bad of ['2026-02-30', '2026-11-31', '2026-02-29', '2026-04-31', '2026-13-01', '2026-00-10', '2026-11-00']) {
      expect(messages(bad), bad).toEqual(['Enter a real date.']);
    }
  });

  it('refuses what is not a date at all, and says a missing date once', () => {
    for (const bad of ['21/11/2026', '2026-11-21T10:00', 'tomorrow']) expect(messages(bad), bad).toEqual(['Enter a real date.']);
    for (const none of ['', '   ', undefined, null, 20261121]) expect(messages(none)).toEqual(['Enter a date.']);
  });
});
