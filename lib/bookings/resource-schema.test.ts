import { describe, expect, it } from 'vitest';
import { ClosureSchema, CreateResourceSchema, HoursFormSchema, HoursSchema, parseClock, parseLocalDateTime, UpdateResourceSchema } from './resource-schema.ts';

const ID = '7d0f1a56-2a7e-4c1e-9a53-0f2d1c3b4a5e';
const issue = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? null : { field: String(r.error!.issues[0]!.path[0]), message: r.error!.issues[0]!.message };

describe('parseClock', () => {
  it('reads times of day up to the midnight that ends the day', () => {
    expect(parseClock('9:00')).toBe(540);
    expect(parseClock('09:30')).toBe(570);
    expect(parseClock('24:00')).toBe(1440);
    for (const bad of ['24:01', '9:60', '9', 'nine', '', '-1:00']) expect(parseClock(bad)).toBeNull();
  });
});

describe('HoursSchema', () => {
  const blank = Object.fromEntries(
    [1, 2, 3, 4, 5, 6, 7].flatMap((d) => [
      [`opens.${d}`, ''],
      [`closes.${d}`, ''],
    ]),
  );

  it('keeps the days with both times; an empty day is closed', () => {
    const r = HoursSchema.parse({ ...blank, resourceId: ID, 'opens.1': '9:00', 'closes.1': '16:00', 'opens.6': '10:00', 'closes.6': '14:30' });
    expect(r.hours).toEqual([
      { weekday: 1, opensMin: 540, closesMin: 960 },
      { weekday: 6, opensMin: 600, closesMin: 870 },
    ]);
  });

  it('refuses one time without the other, a bad time and closing before opening, beside the field', () => {
    expect(issue(HoursSchema.safeParse({ ...blank, resourceId: ID, 'opens.2': '9:00' }))).toEqual({
      field: 'closes.2',
      message: 'Enter a time like 9:00, or leave both empty for closed.',
    });
    expect(issue(HoursSchema.safeParse({ ...blank, resourceId: ID, 'opens.3': '25:00', 'closes.3': '16:00' }))).toMatchObject({ field: 'opens.3' });
    expect(issue(HoursSchema.safeParse({ ...blank, resourceId: ID, 'opens.4': '16:00', 'closes.4': '9:00' }))).toEqual({
      field: 'closes.4',
      message: 'Closing time must be after opening time.',
    });
  });

  it('at the action’s edge refuses the same, beside the same box, and hands the form on as typed for the data layer', () => {
    expect(issue(HoursFormSchema.safeParse({ ...blank, resourceId: ID, 'opens.4': '16:00', 'closes.4': '9:00' }))).toEqual({
      field: 'closes.4',
      message: 'Closing time must be after opening time.',
    });
    expect(issue(HoursFormSchema.safeParse({ ...blank, resourceId: 'x' }))).toEqual({
      field: 'resourceId',
      message: 'That shower or laundry was not found. Reload the page.',
    });
    const typed = HoursFormSchema.parse({ resourceId: ID, 'opens.1': ' 9:00', 'closes.1': '16:00' });
    expect(typed).toMatchObject({ resourceId: ID, 'opens.1': ' 9:00', 'opens.2': '' });
    expect(HoursSchema.parse(typed).hours).toEqual([{ weekday: 1, opensMin: 540, closesMin: 960 }]);
  });
});

describe('CreateResourceSchema', () => {
  const good = { name: 'Shower 3', kind: 'shower', capacity: '1', slotMinutes: '30' };
  it.each([
    [{ capacity: '0' }, 'capacity', /from 1 to 20/],
    [{ capacity: '1.5' }, 'capacity', /whole number/],
    [{ slotMinutes: '32' }, 'slotMinutes', /steps of 5/],
    [{ slotMinutes: '5' }, 'slotMinutes', /from 10 to 240/],
    [{ kind: 'sauna' }, 'kind', /shower or laundry/],
    [{ name: '<b>Shower</b>' }, 'name', /< and >/],
  ])('refuses %o beside the field', (patch, field, message) => {
    const r = issue(CreateResourceSchema.safeParse({ ...good, ...patch }));
    expect(r?.field).toBe(field);
    expect(r?.message).toMatch(message);
  });
});

describe('closures', () => {
  it('reads datetime-local values as Kamloops time', () => {
    expect(parseLocalDateTime('2026-12-25T09:00')?.toISOString()).toBe('2026-12-25T16:00:00.000Z');
    expect(parseLocalDateTime('2026-07-01T09:00')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
    for (const bad of ['2026-02-30T09:00', '2026-12-25 09:00', '2026-12-25T24:00', 7]) expect(parseLocalDateTime(bad)).toBeNull();
  });

  it('refuses an end before the start', () => {
    const r = ClosureSchema.safeParse({ resourceId: 'all', startsAt: '2026-12-25T09:00', endsAt: '2026-12-25T08:00', reason: 'Holiday' });
    expect(issue(r)).toEqual({ field: 'endsAt', message: 'The end must be after the start.' });
  });

  it('takes its own output again (the instants it read), so the data layer judges what the action handed on', () => {
    const read = ClosureSchema.parse({ resourceId: 'all', startsAt: '2026-12-25T09:00', endsAt: '2026-12-25T17:00', reason: 'Holiday' });
    expect(ClosureSchema.parse(read)).toEqual(read);
    expect(issue(ClosureSchema.safeParse({ ...read, startsAt: new Date(NaN) }))).toMatchObject({ field: 'startsAt' });
  });
});

describe('UpdateResourceSchema', () => {
  it('reads an unticked "In use" box (sent as nothing) as out of use, and refuses a bad id on `id`', () => {
    expect(UpdateResourceSchema.parse({ id: ID, name: 'Shower 1', capacity: '1', slotMinutes: '30' }).active).toBe(false);
    expect(issue(UpdateResourceSchema.safeParse({ id: 'x', name: 'Shower 1', capacity: '1', slotMinutes: '30', active: 'on' }))).toMatchObject({ field: 'id' });
  });
});
