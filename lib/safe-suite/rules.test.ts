import { describe, expect, it } from 'vitest';
import {
  blockedUntil,
  checkOutEnd,
  checkOverdue,
  localInstant,
  nextFreeStart,
  nightsBetween,
  overlapMessage,
  stayTimesProblem,
  transitionProblem,
} from './rules.ts';
import { atLocal } from '@/lib/calendar/index.ts';

const at = (day: string, hh: number, mm = 0) => atLocal(day, hh * 60 + mm);

describe('nights on the program calendar', () => {
  it('counts calendar dates crossed, not 24-hour blocks', () => {
    expect(nightsBetween(at('2026-11-21', 15), at('2026-11-22', 11))).toBe(1);
    expect(nightsBetween(at('2026-11-21', 15), at('2026-11-24', 11))).toBe(3);
    expect(nightsBetween(at('2026-11-21', 9), at('2026-11-21', 23))).toBe(0);
    // 23:30 to 00:30 is one night although only an hour passes.
    expect(nightsBetween(at('2026-11-21', 23, 30), at('2026-11-22', 0, 30))).toBe(1);
  });

  it('a night when the clocks spring forward (8 March 2026, 23 hours) is one night', () => {
    const start = at('2026-03-07', 15);
    const end = at('2026-03-09', 15);
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(47);
    expect(nightsBetween(start, end)).toBe(2);
    expect(nightsBetween(at('2026-03-08', 0, 30), at('2026-03-09', 0, 15))).toBe(1);
  });

  it('a night when the clocks fall back (2 November 2025, 25 hours) is one night', () => {
    const start = at('2025-11-01', 22);
    const end = at('2025-11-02', 23, 30);
    expect((end.getTime() - start.getTime()) / 3_600_000).toBe(26.5);
    expect(nightsBetween(start, end)).toBe(1);
    // Late evening in UTC terms is already the next day: still counted by program dates.
    expect(nightsBetween(at('2025-11-02', 17), at('2025-11-03', 1))).toBe(1);
    // 1 November 2026 is an ordinary 24-hour day now.
    expect((at('2026-11-01', 23, 30).getTime() - at('2026-10-31', 22).getTime()) / 3_600_000).toBe(25.5);
  });

  it('reads form dates and times in program time, on both sides of a change', () => {
    expect(localInstant('2026-03-08', '15:00')!.toISOString()).toBe('2026-03-08T22:00:00.000Z');
    expect(localInstant('2026-03-07', '15:00')!.toISOString()).toBe('2026-03-07T23:00:00.000Z');
    expect(localInstant('2026-11-21', '24:00')).toBeNull();
    expect(localInstant('2026-11-21', 'noon')).toBeNull();
  });
});

describe('turnover and length', () => {
  it('holds the unit for the turnover after the end', () => {
    expect(blockedUntil(at('2026-11-22', 11), 180).getTime()).toBe(at('2026-11-22', 14).getTime());
    expect(blockedUntil(at('2026-11-22', 11), 0).getTime()).toBe(at('2026-11-22', 11).getTime());
  });

  it('refuses end before start, zero nights, and more than the maximum without approval', () => {
    expect(stayTimesProblem(at('2026-11-22', 15), at('2026-11-22', 11), 3, false)?.message).toMatch(/after the arrival/);
    expect(stayTimesProblem(at('2026-11-22', 15), at('2026-11-22', 15), 3, false)?.message).toMatch(/after the arrival/);
    expect(stayTimesProblem(at('2026-11-22', 10), at('2026-11-22', 22), 3, false)?.message).toMatch(/at least one night/);
    expect(stayTimesProblem(at('2026-11-22', 15), at('2026-11-26', 11), 3, false)?.message).toMatch(/at most 3 nights.*manager/);
    expect(stayTimesProblem(at('2026-11-22', 15), at('2026-11-26', 11), 3, true)).toBeNull();
    expect(stayTimesProblem(at('2026-11-22', 15), at('2026-11-25', 11), 3, false)).toBeNull();
  });

  it('checking out early ends the stay now; late leaves the booked end', () => {
    const stay = { startAt: at('2026-11-21', 15), endAt: at('2026-11-24', 11) };
    expect(checkOutEnd(stay, at('2026-11-22', 9))).toEqual(at('2026-11-22', 9));
    expect(checkOutEnd(stay, at('2026-11-24', 13))).toEqual(stay.endAt);
    expect(checkOutEnd(stay, at('2026-11-21', 10))).toEqual(stay.startAt);
  });
});

describe('status changes', () => {
  const stay = (status: Parameters<typeof transitionProblem>[1]['status']) => ({ status, startAt: at('2026-11-21', 15), endAt: at('2026-11-23', 11) });
  it('refuses checking in a cancelled stay and other impossible changes', () => {
    expect(transitionProblem('check_in', stay('cancelled'), at('2026-11-21', 15))).toMatch(/cancelled/);
    expect(transitionProblem('check_out', stay('confirmed'), at('2026-11-21', 15))).toMatch(/not possible/);
    expect(transitionProblem('confirm', stay('checked_in'), at('2026-11-21', 15))).toMatch(/not possible/);
    expect(transitionProblem('check_in', stay('confirmed'), at('2026-11-21', 15))).toBeNull();
  });
  it('check-in opens 12 hours ahead and closes at the end; a no-show only after arrival time', () => {
    expect(transitionProblem('check_in', stay('confirmed'), at('2026-11-21', 2))).toMatch(/opens 12 hours/);
    expect(transitionProblem('check_in', stay('confirmed'), at('2026-11-21', 4))).toBeNull();
    expect(transitionProblem('check_in', stay('confirmed'), at('2026-11-23', 11))).toMatch(/already ended/);
    expect(transitionProblem('no_show', stay('confirmed'), at('2026-11-21', 14))).toMatch(/after its arrival/);
    expect(transitionProblem('no_show', stay('confirmed'), at('2026-11-21', 16))).toBeNull();
  });
  it('a welfare check is overdue after the interval', () => {
    expect(checkOverdue(at('2026-11-21', 15), 120, at('2026-11-21', 17))).toBe(false);
    expect(checkOverdue(at('2026-11-21', 15), 120, at('2026-11-21', 17, 1))).toBe(true);
  });
});

describe('next free time', () => {
  const holds = [
    { startAt: at('2026-11-21', 15), blockedUntil: at('2026-11-23', 14) },
    { startAt: at('2026-11-24', 15), blockedUntil: at('2026-11-26', 14) },
  ];
  const oneNight = 20 * 3_600_000;
  it('skips holds until a gap fits the stay and its turnover', () => {
    expect(nextFreeStart(holds, at('2026-11-22', 15), oneNight, 180)).toEqual(at('2026-11-23', 14));
    // Two nights do not fit between the two holds: after the second one.
    expect(nextFreeStart(holds, at('2026-11-22', 15), 2 * oneNight, 180)).toEqual(at('2026-11-26', 14));
    expect(nextFreeStart(holds, at('2026-11-27', 15), oneNight, 180)).toEqual(at('2026-11-27', 15));
  });
  it('names the clash and the next free time', () => {
    expect(overlapMessage('The suite', holds[0], at('2026-11-23', 14))).toBe(
      'The suite is not free then. It is taken from Sat 21 Nov, 15:00 until Mon 23 Nov, 14:00 (cleaning included). The next free time for a stay this long starts Mon 23 Nov, 14:00.',
    );
  });
});
