import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { calendarDay, checkboxField, formList, pairField, uuidOf } from './validation.ts';

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

describe('form values the schema decodes', () => {
  it('formList: no box ticked, one or several are always a list, each item checked', () => {
    const kinds = formList(z.enum(['a', 'b'], { error: 'Choose from the list.' }));
    expect(kinds.parse(undefined)).toEqual([]);
    expect(kinds.parse('a')).toEqual(['a']);
    expect(kinds.parse(['a', 'b'])).toEqual(['a', 'b']);
    expect(kinds.safeParse(['a', 'z']).error?.issues[0]).toMatchObject({ message: 'Choose from the list.', path: [1] });
  });

  it('checkboxField: ticked or absent', () => {
    expect(checkboxField.parse('on')).toBe(true);
    expect(checkboxField.parse(undefined)).toBe(false);
  });

  it('pairField: one value carrying two is split and each part judged; anything else is refused with one message', () => {
    const target = z.object({
      target: pairField(
        '@',
        uuidOf('Choose where to move the booking.'),
        z.iso.datetime({ error: 'Choose where to move the booking.' }),
        'Choose where to move the booking.',
      ),
    });
    const id = '3f1c2a4e-8b6d-4f7a-9c2e-1d5b7a9e3c40';
    expect(target.parse({ target: `${id}@2026-12-09T18:00:00.000Z` })).toEqual({ target: [id, '2026-12-09T18:00:00.000Z'] });
    for (const bad of [undefined, '', id, `@2026-12-09T18:00:00.000Z`, `${id}@`, `nope@2026-12-09T18:00:00.000Z`, `${id}@tomorrow`]) {
      const issue = target.safeParse({ target: bad }).error?.issues[0];
      expect(issue?.message, String(bad)).toBe('Choose where to move the booking.');
      expect(issue?.path[0], String(bad)).toBe('target'); // the field the form shows the refusal beside
    }
  });
});
