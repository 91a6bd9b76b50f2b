import { addDays, atLocal, formatLocal, localDay } from '@/lib/calendar/index.ts';
import { STATUS_LABEL, STAY_STATUSES, STAY_TRANSITIONS, TRANSITION_LABEL, type StayStatus, type StayTransition } from './labels.ts';

// Pure rules for Safe Suite stays: nights counted on the program's calendar (so a night across a
// daylight-saving change is still one night), the turnover after a stay, the longest stay, which
// status changes are possible, when a welfare check is overdue, and the next free time for a stay.

export { STATUS_LABEL, STAY_STATUSES, STAY_TRANSITIONS, TRANSITION_LABEL, type StayStatus, type StayTransition };

/** Statuses whose stay holds the unit (the exclusion constraint's WHERE). */
export const HOLDING: readonly StayStatus[] = ['confirmed', 'checked_in', 'checked_out'];

const FROM: Record<StayTransition, readonly StayStatus[]> = {
  confirm: ['requested'],
  decline: ['requested'],
  cancel: ['requested', 'confirmed'],
  check_in: ['confirmed'],
  check_out: ['checked_in'],
  no_show: ['confirmed'],
};

/** A guest may arrive this long before the booked start. */
export const EARLY_CHECK_IN_HOURS = 12;
const HOUR = 3_600_000;

/** Nights between arrival and departure: calendar dates crossed in program time, whatever the clock did. */
export function nightsBetween(start: Date, end: Date): number {
  const [a, b] = [localDay(start), localDay(end)];
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** The end of a stay's hold on the unit: its end plus the turnover for cleaning. */
export function blockedUntil(end: Date, turnoverMinutes: number): Date {
  return new Date(end.getTime() + turnoverMinutes * 60_000);
}

/** Why a stay with these times cannot be booked, or null. */
export function stayTimesProblem(start: Date, end: Date, maxNights: number, mayApproveLonger: boolean): { field: string; message: string } | null {
  if (end.getTime() <= start.getTime()) return { field: 'endDate', message: 'The departure must be after the arrival.' };
  const nights = nightsBetween(start, end);
  if (nights < 1) return { field: 'endDate', message: 'A stay is at least one night: leave on a later day.' };
  if (nights > maxNights && !mayApproveLonger) {
    return { field: 'endDate', message: `A stay is at most ${maxNights} ${maxNights === 1 ? 'night' : 'nights'}. A longer stay needs a manager’s approval.` };
  }
  return null;
}

/** Why this change is not possible for a stay in this status at this time, or null. */
export function transitionProblem(t: StayTransition, stay: { status: StayStatus; startAt: Date; endAt: Date }, now: Date): string | null {
  if (!FROM[t].includes(stay.status)) {
    return `This stay is ${STATUS_LABEL[stay.status].toLowerCase()}: “${TRANSITION_LABEL[t]}” is not possible now.`;
  }
  if (t === 'check_in' && now.getTime() < stay.startAt.getTime() - EARLY_CHECK_IN_HOURS * HOUR) {
    return `Check-in opens ${EARLY_CHECK_IN_HOURS} hours before the arrival (${whenLabel(stay.startAt)}).`;
  }
  if (t === 'check_in' && now.getTime() >= stay.endAt.getTime()) return 'This stay has already ended. Book a new one.';
  if (t === 'no_show' && now.getTime() < stay.startAt.getTime()) return 'A stay can be marked as missed only after its arrival time.';
  return null;
}

/** Where a check-out leaves the stay: ends now if early (freeing the rest), at the booked end if late. */
export function checkOutEnd(stay: { startAt: Date; endAt: Date }, now: Date): Date {
  return new Date(Math.max(stay.startAt.getTime(), Math.min(now.getTime(), stay.endAt.getTime())));
}

/** When the next welfare check is due, counted from the last one (or the check-in). */
export function nextCheckDue(lastCheckAt: Date, intervalMinutes: number): Date {
  return new Date(lastCheckAt.getTime() + intervalMinutes * 60_000);
}

export function checkOverdue(lastCheckAt: Date, intervalMinutes: number, now: Date): boolean {
  return now.getTime() > nextCheckDue(lastCheckAt, intervalMinutes).getTime();
}

export type Hold = { startAt: Date; blockedUntil: Date };

/** The earliest start at or after `from` where a stay of `lengthMs` plus turnover fits between the holds. */
export function nextFreeStart(holds: readonly Hold[], from: Date, lengthMs: number, turnoverMinutes: number): Date {
  const need = lengthMs + turnoverMinutes * 60_000;
  let candidate = from.getTime();
  for (const h of [...holds].sort((a, b) => a.startAt.getTime() - b.startAt.getTime())) {
    if (h.blockedUntil.getTime() <= candidate) continue;
    if (candidate + need <= h.startAt.getTime()) break;
    candidate = Math.max(candidate, h.blockedUntil.getTime());
  }
  return new Date(candidate);
}

/** "Mon 23 Nov, 14:00" in program time. */
export function whenLabel(instant: Date): string {
  return formatLocal(instant, 'EEE d MMM, H:mm');
}

/** "Mon 23 Nov" in program time. */
export function dayLabel(instant: Date): string {
  return formatLocal(instant, 'EEE d MMM');
}

/** The plain refusal when a stay overlaps another, naming what is taken and when it is free again. */
export function overlapMessage(unitName: string, clash: Hold | undefined, free: Date): string {
  const taken = clash ? ` It is taken from ${whenLabel(clash.startAt)} until ${whenLabel(clash.blockedUntil)} (cleaning included).` : '';
  return `${unitName} is not free then.${taken} The next free time for a stay this long starts ${whenLabel(free)}.`;
}

/** An instant from a form's date ("2026-11-21") and time ("15:30") in program time, or null. */
export function localInstant(day: string, time: string): Date | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m || +m[1]! > 23 || +m[2]! > 59) return null;
  return atLocal(day, +m[1]! * 60 + +m[2]!);
}

/** A departure `nights` nights after arrival at a wall-clock time (default form values). */
export function departureAfter(startDay: string, nights: number, minutes: number): Date {
  return atLocal(addDays(startDay, nights), minutes);
}
