import { addDays, atLocal, daysBetween, isoWeekday, localDay } from '@/lib/calendar/index.ts';
import { FREQUENCY_LABEL, MAX_HEADCOUNT, WEEKDAYS, type Frequency } from './labels.ts';

export { FREQUENCY_LABEL, MAX_HEADCOUNT, WEEKDAYS, type Frequency };

// Program schedules, pure: which sessions a weekly or fortnightly schedule has between two
// program dates, on the program's wall clock whatever the daylight-saving
// offset, skipping the days every program is closed. The data layer inserts what this returns;
// the unique key on (program, scheduled slot) makes doing so twice harmless.

export type Schedule = {
  frequency: Frequency;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMin: number;
  endMin: number;
  /** Program dates, "yyyy-mm-dd", inclusive. */
  activeFrom: string;
  activeTo: string | null;
};
export type PlannedSession = { day: string; scheduledFor: Date; startsAt: Date; endsAt: Date };

/** How far ahead sessions are generated. */
export const GENERATE_WEEKS = 8;
/** A session starting within this many minutes is the one the desk records ("Record attendance"). */
export const CURRENT_LEAD_MINUTES = 30;

/** The program's first meeting day: the schedule's weekday on or after the start date. */
export function firstMeetingDay(s: Pick<Schedule, 'weekday' | 'activeFrom'>): string {
  return addDays(s.activeFrom, (s.weekday - isoWeekday(s.activeFrom) + 7) % 7);
}

/** Whether a program date is within the program's active dates. */
export function withinActiveDates(s: Pick<Schedule, 'activeFrom' | 'activeTo'>, day: string): boolean {
  return day >= s.activeFrom && (s.activeTo === null || day <= s.activeTo);
}

/** The sessions a schedule has from `from` to `to` (program dates, inclusive), closed days left out. */
export function plannedSessions(s: Schedule, from: string, to: string, closedDays: ReadonlySet<string> = new Set()): PlannedSession[] {
  const out: PlannedSession[] = [];
  const first = firstMeetingDay(s);
  const step = s.frequency === 'weekly' ? 7 : 14;
  // Start at the first meeting on or after `from` that is on the schedule's rhythm.
  const gap = daysBetween(first, from);
  let day = gap <= 0 ? first : addDays(first, Math.ceil(gap / step) * step);
  for (; day <= to && withinActiveDates(s, day); day = addDays(day, step)) {
    if (closedDays.has(day)) continue;
    const startsAt = atLocal(day, s.startMin);
    out.push({ day, scheduledFor: startsAt, startsAt, endsAt: atLocal(day, s.endMin) });
  }
  return out;
}

/** The window generated now: today and the coming weeks. */
export function generationWindow(now: Date, weeks = GENERATE_WEEKS): { from: string; to: string } {
  const today = localDay(now);
  return { from: today, to: addDays(today, weeks * 7) };
}

/** Whether attendance may be recorded: the session's program date has come. */
export function sessionHasStarted(startsAt: Date, now: Date): boolean {
  return localDay(startsAt) <= localDay(now);
}

/** Average people per held session, one decimal; 0 when none was held. */
export function averagePerSession(total: number, held: number): number {
  return held === 0 ? 0 : Math.round((total / held) * 10) / 10;
}

/** "Every week on Tuesday, 9:00–11:00". */
export function scheduleSummary(s: Pick<Schedule, 'frequency' | 'weekday' | 'startMin' | 'endMin'>): string {
  const t = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
  return `${FREQUENCY_LABEL[s.frequency]} on ${WEEKDAYS[s.weekday - 1]}, ${t(s.startMin)}–${t(s.endMin)}`;
}
