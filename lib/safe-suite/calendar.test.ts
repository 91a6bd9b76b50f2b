import { describe, expect, it } from 'vitest';
import { calendarMonth, freeRanges, leadingBlanks, monthDays, parseMonth, shiftMonth } from './calendar.ts';
import { atLocal } from '@/lib/calendar/index.ts';

const at = (day: string, hh: number) => atLocal(day, hh * 60);
const stay = (id: string, from: string, to: string) => ({
  id,
  status: 'checked_out' as const,
  startAt: at(from, 15),
  endAt: at(to, 11),
  blockedUntil: at(to, 14),
});

describe('month calendar', () => {
  it('lays out the month from Monday', () => {
    expect(monthDays('2026-11')).toHaveLength(30);
    expect(leadingBlanks('2026-11')).toBe(6); // 1 November 2026 is a Sunday
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(parseMonth('2026-13')).toBeNull();
    expect(parseMonth('2026-11')).toBe('2026-11');
  });

  it('marks nights, arrivals, departures, turnover and free nights, across the November change', () => {
    const days = calendarMonth('2026-11', [stay('a', '2026-10-31', '2026-11-02'), stay('b', '2026-11-05', '2026-11-06')]);
    const d = (n: number) => days[n - 1]!;
    expect([d(1).night?.id, d(2).night, d(3).night]).toEqual(['a', null, null]);
    expect(d(2)).toMatchObject({ leaves: true, turnover: true, free: true });
    expect(d(5)).toMatchObject({ arrives: true, free: false, turnover: false });
    expect(d(6)).toMatchObject({ leaves: true, turnover: true, free: true });
    expect(freeRanges(days)).toBe('2–4, 6–30');
  });
});
