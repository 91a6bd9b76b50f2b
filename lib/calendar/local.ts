import { tz } from '@date-fns/tz';
import { format } from 'date-fns';
import { programZoneName, zoneNamed, type Zone } from './zone.ts';
import { addDays } from './days.ts';

// Local time in a zone: the program's calendar date of an instant, its wall clock, the instant of a
// wall-clock time on a date. Every screen, day boundary, slot and report bucket goes through here.
//
// An instant is shifted by the zone's offset (from the pinned tz data) into a Date whose UTC fields
// are the wall clock, and date-fns formats that in UTC, a zone whose rules every runtime agrees on.
// Patterns must therefore not print a zone or an offset (z, x, X, O).

const UTC = tz('UTC');
const DATE_TIME_LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

export type LocalCalendar = {
  readonly zone: string;
  /** The calendar date of an instant, "2026-12-05". */
  localDay(instant: Date): string;
  /** The wall clock of an instant, "9:05" (prose and slot labels). */
  localTime(instant: Date): string;
  /** Any date-fns pattern on the wall clock: formatLocal(at, 'EEEE d MMMM'), 'HH:mm' for aligned columns. */
  formatLocal(instant: Date, pattern: string): string;
  /** The instant a wall-clock time on a date falls on (minutes after midnight; a skipped time moves forward). */
  atLocal(day: string, minutes: number): Date;
  /** A `datetime-local` value ("2026-11-21T14:05") read as local time; null when malformed or not a real date. */
  parseLocalDateTime(value: string): Date | null;
  /** The local calendar year of an instant. */
  localYear(instant: Date): number;
  /** The same wall-clock time n calendar months earlier (the 31st becomes the month's last day). */
  monthsBefore(instant: Date, months: number): Date;
};

/** A calendar in the given IANA zone; the program's own is `programCalendar`, below. */
export function calendarIn(zoneName: string): LocalCalendar {
  const zone: Zone = zoneNamed(zoneName);
  const wall = (instant: Date) => new Date(instant.getTime() + zone.offsetAt(instant.getTime()) * 60_000);
  const formatLocal = (instant: Date, pattern: string) => format(wall(instant), pattern, { in: UTC });
  const atLocal = (day: string, minutes: number) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const midnight = Date.UTC(y, m - 1, d);
    // Minutes past 24:00 (a day's closing time) roll into the next date, as wall clocks do.
    const at = new Date(midnight + minutes * 60_000);
    return new Date(zone.instantOf(at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate(), at.getUTCHours(), at.getUTCMinutes()));
  };
  return {
    zone: zoneName,
    localDay: (instant) => formatLocal(instant, 'yyyy-MM-dd'),
    localTime: (instant) => formatLocal(instant, 'H:mm'),
    formatLocal,
    atLocal,
    parseLocalDateTime(value) {
      const m = DATE_TIME_LOCAL.exec(value);
      if (!m) return null;
      const [day, h, min] = [`${m[1]}-${m[2]}-${m[3]}`, +m[4]!, +m[5]!];
      if (addDays(day, 0) !== day || h > 23 || min > 59) return null;
      return atLocal(day, h * 60 + min);
    },
    localYear: (instant) => wall(instant).getUTCFullYear(),
    monthsBefore(instant, months) {
      const w = wall(instant);
      const i = w.getUTCFullYear() * 12 + w.getUTCMonth() - months;
      const [y, m] = [Math.floor(i / 12), (i % 12) + 1];
      const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
      const day = `${y}-${String(m).padStart(2, '0')}-${String(Math.min(w.getUTCDate(), last)).padStart(2, '0')}`;
      return atLocal(day, w.getUTCHours() * 60 + w.getUTCMinutes());
    },
  };
}

let program: LocalCalendar | undefined;

/** The program's calendar, in the zone the installation is set to (zone.ts), made on first use. */
export function programCalendar(): LocalCalendar {
  return (program ??= calendarIn(programZoneName()));
}

export const localDay = (instant: Date) => programCalendar().localDay(instant);
export const localTime = (instant: Date) => programCalendar().localTime(instant);
export const formatLocal = (instant: Date, pattern: string) => programCalendar().formatLocal(instant, pattern);
export const atLocal = (day: string, minutes: number) => programCalendar().atLocal(day, minutes);
export const parseLocalDateTime = (value: string) => programCalendar().parseLocalDateTime(value);
export const localYear = (instant: Date) => programCalendar().localYear(instant);
export const monthsBefore = (instant: Date, months: number) => programCalendar().monthsBefore(instant, months);

/** "2026-11-21", for an instant as it travels to the page (ISO text or a Date). */
export function formatDate(instant: string | Date): string {
  return formatLocal(new Date(instant), 'yyyy-MM-dd');
}

/** "2026-11-21 14:05" */
export function formatDateTime(instant: string | Date): string {
  return formatLocal(new Date(instant), 'yyyy-MM-dd HH:mm');
}
