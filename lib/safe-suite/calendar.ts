import type { StayStatus } from './rules.ts';
import { addDays, atLocal, isoWeekday, localDay, parseDay } from '@/lib/calendar/index.ts';

// The month view of one unit, pure: for each program date, the stay that holds its night (a bar),
// whether a turnover falls in it (shaded), and whether the night is free.

export type CalendarStay = { id: string; status: StayStatus; startAt: Date; endAt: Date; blockedUntil: Date };
export type CalendarDay = {
  day: string;
  /** The stay whose guest sleeps there that night, if any. */
  night: CalendarStay | null;
  arrives: boolean;
  leaves: boolean;
  turnover: boolean;
  free: boolean;
};

/** "2026-11" → that month, or null. */
export function parseMonth(value: unknown): string | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}$/.test(value)) return null;
  return parseDay(`${value}-01`) ? value : null;
}

export function monthOf(instant: Date): string {
  return localDay(instant).slice(0, 7);
}

export function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** Every date of the month. */
export function monthDays(month: string): string[] {
  const days: string[] = [];
  for (let d = `${month}-01`; d.startsWith(month); d = addDays(d, 1)) days.push(d);
  return days;
}

/** Blank cells before the 1st so weeks start on Monday. */
export const leadingBlanks = (month: string) => isoWeekday(`${month}-01`) - 1;

/** The instants a program date runs between (23 or 25 hours on a daylight-saving day). */
export function dayBounds(day: string): { start: Date; end: Date } {
  return { start: atLocal(day, 0), end: atLocal(addDays(day, 1), 0) };
}

export function calendarMonth(month: string, stays: readonly CalendarStay[]): CalendarDay[] {
  return monthDays(month).map((day) => {
    const { start, end } = dayBounds(day);
    const night = stays.find((s) => localDay(s.startAt) <= day && day < localDay(s.endAt)) ?? null;
    const turnover = stays.some((s) => s.blockedUntil > s.endAt && s.endAt < end && s.blockedUntil > start);
    return {
      day,
      night,
      turnover,
      free: night === null,
      arrives: stays.some((s) => localDay(s.startAt) === day),
      leaves: stays.some((s) => localDay(s.endAt) === day),
    };
  });
}

/** "1–4, 9, 12–30": the free nights of the month as ranges of day numbers, for a sentence. */
export function freeRanges(days: readonly CalendarDay[]): string {
  const parts: string[] = [];
  let from: number | null = null;
  days.forEach((d, i) => {
    const n = Number(d.day.slice(8));
    if (d.free && from === null) from = n;
    const endsRun = d.free && (i === days.length - 1 || !days[i + 1]!.free);
    if (endsRun && from !== null) {
      parts.push(from === n ? `${n}` : `${from}–${n}`);
      from = null;
    }
  });
  return parts.join(', ');
}

/** "November 2026". */
export function monthTitle(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString('en-CA', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}
