import { describe, expect, it } from 'vitest';
import { closureFor, daySlots, firstFree, slotIsPast, slotProblem, slotStates, type SlotResource } from './slots.ts';
import { addDays, atLocal, isoWeekday, localDay, localTime, parseDay } from '@/lib/calendar/index.ts';

const ALL_WEEK = [1, 2, 3, 4, 5, 6, 7];
const hours = (opensMin: number, closesMin: number, days = ALL_WEEK) => days.map((weekday) => ({ weekday, opensMin, closesMin }));

function resource(patch: Partial<SlotResource> = {}): SlotResource {
  return { id: 'r1', name: 'Shower 1', kind: 'shower', capacity: 1, slotMinutes: 30, active: true, hours: hours(540, 960), ...patch };
}

const iso = (d: Date) => d.toISOString();
const times = (slots: { start: Date }[]) => slots.map((s) => localTime(s.start));

describe('program days', () => {
  it('knows the weekday of a date, and walks days across month and year ends', () => {
    expect(isoWeekday('2026-11-21')).toBe(6); // a Saturday
    expect(isoWeekday('2026-11-22')).toBe(7);
    expect(isoWeekday('2026-11-23')).toBe(1);
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('reads only real calendar dates', () => {
    expect(parseDay('2026-11-21')).toBe('2026-11-21');
    for (const bad of ['2026-02-30', '2026-13-01', '21/11/2026', '2026-11-21T00:00', '', 20261121, null]) expect(parseDay(bad)).toBeNull();
  });

  it('takes the program’s date, not UTC’s: 23:30 in Kamloops is already tomorrow in UTC', () => {
    expect(localDay(new Date('2026-11-22T06:30:00Z'))).toBe('2026-11-21');
    expect(localDay(new Date('2026-11-22T07:00:00Z'))).toBe('2026-11-22');
  });
});

describe('daySlots', () => {
  it('gives slots from opening to closing time, none that would run past closing', () => {
    const slots = daySlots(resource({ slotMinutes: 90 }), '2026-11-23');
    expect(times(slots)).toEqual(['9:00', '10:30', '12:00', '13:30']); // 15:00–16:30 would run past 16:00
    expect(iso(slots[0]!.start)).toBe('2026-11-23T16:00:00.000Z'); // UTC−7, all year since 2026
  });

  it('has no slots on a day without opening hours', () => {
    expect(daySlots(resource({ hours: hours(540, 960, [1, 2, 3, 4, 5, 6]) }), '2026-11-22')).toEqual([]);
  });

  describe('across daylight-saving changes in America/Vancouver', () => {
    it('2026-03-08 (clocks go forward): 9:00 is 16:00 UTC that day, 17:00 UTC the day before', () => {
      expect(iso(daySlots(resource(), '2026-03-07')[0]!.start)).toBe('2026-03-07T17:00:00.000Z');
      expect(iso(daySlots(resource(), '2026-03-08')[0]!.start)).toBe('2026-03-08T16:00:00.000Z');
      expect(daySlots(resource(), '2026-03-08')).toHaveLength(14);
    });

    it('2025-11-02 (the last time clocks went back): 9:00 is 17:00 UTC that day, 16:00 UTC the day before', () => {
      expect(iso(daySlots(resource(), '2025-11-01')[0]!.start)).toBe('2025-11-01T16:00:00.000Z');
      expect(iso(daySlots(resource(), '2025-11-02')[0]!.start)).toBe('2025-11-02T17:00:00.000Z');
    });

    it('2026-11-01 and after (permanent UTC−7): 9:00 stays 16:00 UTC', () => {
      expect(iso(daySlots(resource(), '2026-10-31')[0]!.start)).toBe('2026-10-31T16:00:00.000Z');
      expect(iso(daySlots(resource(), '2026-11-01')[0]!.start)).toBe('2026-11-01T16:00:00.000Z');
      expect(iso(daySlots(resource(), '2027-03-14')[0]!.start)).toBe('2027-03-14T16:00:00.000Z');
    });

    it('a day open round the clock has 23 hourly slots in spring and 25 in autumn', () => {
      const allDay = resource({ slotMinutes: 60, hours: hours(0, 1440) });
      expect(daySlots(allDay, '2026-03-08')).toHaveLength(23);
      expect(daySlots(allDay, '2025-11-02')).toHaveLength(25);
      expect(daySlots(allDay, '2025-11-03')).toHaveLength(24);
      expect(daySlots(allDay, '2026-11-01')).toHaveLength(24);
      expect(daySlots(allDay, '2027-03-14')).toHaveLength(24);
      // Slots follow real time: in spring the wall clock skips 2:00; in autumn it shows 1:00 twice.
      expect(times(daySlots(allDay, '2026-03-08')).slice(0, 4)).toEqual(['0:00', '1:00', '3:00', '4:00']);
      expect(times(daySlots(allDay, '2025-11-02')).slice(0, 4)).toEqual(['0:00', '1:00', '1:00', '2:00']);
    });

    it('hours that span the change give the real length: 1:00–4:00 is two hours in spring, four in autumn', () => {
      const early = resource({ hours: hours(60, 240) });
      expect(times(daySlots(early, '2026-03-08'))).toEqual(['1:00', '1:30', '3:00', '3:30']);
      expect(daySlots(early, '2025-11-02')).toHaveLength(8);
      const all = daySlots(early, '2025-11-02');
      for (let i = 1; i < all.length; i++) expect(all[i]!.start.getTime() - all[i - 1]!.end.getTime()).toBe(0);
    });
  });
});

describe('slotStates and closures', () => {
  const day = '2026-11-23';
  const before = new Date('2026-11-23T07:00:00Z');

  it('marks seats taken by held places, closures and slots more than half gone', () => {
    const r = resource({ capacity: 2 });
    const [first, second] = daySlots(r, day);
    const held = [
      { resourceId: 'r1', slotStart: first!.start, seat: 1 },
      { resourceId: 'other', slotStart: second!.start, seat: 1 },
    ];
    const closures = [{ resourceId: null, startsAt: atLocal(day, 600), endsAt: atLocal(day, 660) }];
    const states = slotStates(r, day, closures, held, new Date(first!.start.getTime() + 16 * 60_000));
    expect(states[0]).toMatchObject({ freeSeats: [2], past: true, closed: false });
    expect(states[1]).toMatchObject({ freeSeats: [1, 2], past: false, closed: false });
    expect(states.filter((s) => s.closed).map((s) => localTime(s.start))).toEqual(['10:00', '10:30']);
    expect(slotStates(r, day, [], [], before).every((s) => !s.past)).toBe(true);
  });

  it('a closure touching a slot only at its edge leaves it open; one for another resource does not apply', () => {
    const slot = daySlots(resource(), day)[2]!; // 10:00–10:30
    expect(closureFor('r1', slot, [{ resourceId: null, startsAt: atLocal(day, 570), endsAt: atLocal(day, 600) }])).toBeUndefined();
    expect(closureFor('r1', slot, [{ resourceId: 'r2', startsAt: atLocal(day, 600), endsAt: atLocal(day, 630) }])).toBeUndefined();
    expect(closureFor('r1', slot, [{ resourceId: 'r1', startsAt: atLocal(day, 629), endsAt: atLocal(day, 700) }])).toBeDefined();
  });

  it('a slot can be booked until half of it is gone', () => {
    const slot = { start: new Date('2026-11-23T16:00:00Z'), end: new Date('2026-11-23T16:30:00Z') };
    expect(slotIsPast(slot, new Date('2026-11-23T16:14:59Z'))).toBe(false);
    expect(slotIsPast(slot, new Date('2026-11-23T16:15:00Z'))).toBe(true);
  });
});

describe('slotProblem', () => {
  const now = new Date('2026-11-23T15:00:00Z'); // Monday 8:00
  const at = (day: string, minutes: number) => atLocal(day, minutes);

  it('accepts an aligned slot within the hours, today or ahead', () => {
    expect(slotProblem(resource(), at('2026-11-23', 540), [], now)).toBeNull();
    expect(slotProblem(resource(), at('2026-11-23', 930), [], now)).toBeNull();
    expect(slotProblem(resource(), at('2026-12-07', 540), [], now)).toBeNull();
  });

  it.each([
    ['before opening', at('2026-11-23', 480), /outside Shower 1’s opening hours \(9:00–16:00\)/],
    ['running past closing', at('2026-11-23', 945), /outside Shower 1’s opening hours/],
    ['not on the slot length', at('2026-11-23', 555), /start every 30 minutes from 9:00/],
    ['on a closed weekday', at('2026-11-22', 600), /closed on Sundays/],
    ['in the past', at('2026-11-20', 600), /already gone/],
    ['beyond the booking horizon', at('2026-12-08', 600), /14 days ahead/],
    ['an invalid date', new Date(NaN), /Choose a slot/],
  ])('refuses a slot %s', (_what, start, message) => {
    const r = resource({ hours: hours(540, 960, [1, 2, 3, 4, 5, 6]) });
    expect(slotProblem(r, start, [], now)).toMatch(message);
  });

  it('refuses an inactive resource and a closure, naming the reason', () => {
    expect(slotProblem(resource({ active: false }), at('2026-11-23', 540), [], now)).toMatch(/not in use/);
    const closure = { resourceId: 'r1', startsAt: at('2026-11-23', 0), endsAt: at('2026-11-24', 0), reason: 'Plumbing repair' };
    expect(slotProblem(resource(), at('2026-11-23', 540), [closure], now)).toBe('Shower 1 is closed then (Plumbing repair).');
  });
});

describe('firstFree', () => {
  const day = '2026-11-23';
  const a = resource({ id: 'a', name: 'Shower 1' });
  const b = resource({ id: 'b', name: 'Shower 2', hours: hours(600, 960) });

  it('finds the earliest free place across resources, skipping full, closed and gone slots', () => {
    const now = new Date(atLocal(day, 545).getTime()); // 9:05
    const held = [{ resourceId: 'a', slotStart: atLocal(day, 570), seat: 1 }];
    const closures = [{ resourceId: 'a', startsAt: atLocal(day, 600), endsAt: atLocal(day, 630) }];
    expect(firstFree([a, b], [day], closures, held, now)).toMatchObject({ resourceId: 'a', start: atLocal(day, 540), seat: 1 });
    const later = new Date(atLocal(day, 556).getTime()); // 9:16: the 9:00 slot is more than half gone
    expect(firstFree([a, b], [day], closures, held, later)).toMatchObject({ resourceId: 'b', start: atLocal(day, 600) });
  });

  it('from a later time, finds the first free place at or after it', () => {
    const now = atLocal(day, 500);
    const held = [{ resourceId: 'a', slotStart: atLocal(day, 660), seat: 1 }];
    expect(firstFree([a, b], [day], [], held, now, atLocal(day, 660))).toMatchObject({ resourceId: 'b', start: atLocal(day, 660) });
    expect(firstFree([a], [day], [], [], now, atLocal(day, 24 * 60))).toBeNull();
  });

  it('prefers the lowest free seat and ignores inactive resources; null when everything is full', () => {
    const now = atLocal(day, 500);
    const two = resource({ id: 'c', capacity: 2 });
    expect(firstFree([two], [day], [], [{ resourceId: 'c', slotStart: atLocal(day, 540), seat: 1 }], now)).toMatchObject({ seat: 2 });
    expect(firstFree([resource({ active: false })], [day], [], [], now)).toBeNull();
    const everySlot = daySlots(a, day).map((s) => ({ resourceId: 'a', slotStart: s.start, seat: 1 }));
    expect(firstFree([a], [day], [], everySlot, now)).toBeNull();
  });
});
