import { addDays, atLocal, isoWeekday, localDay } from '../../../lib/calendar/index.ts';
import type { Random } from './random.ts';

// The drop-in's daily rhythm, decided here in JavaScript (the program's calendar, lib/calendar) and expanded into visits by set-based SQL (visit-sql.ts). Local times are turned
// into instants here because the embedded database's time zone data and Node's can disagree.

export type PlanDay = {
  /** The program's calendar date, "2026-11-20". */
  date: string;
  /** Days since 2000-01-01: a stable number for the SQL's per-day randomness. */
  day: number;
  /** Visits happen in [opensAt, opensAt + seconds). */
  opensAt: string;
  seconds: number;
  visits: number;
  /** Whether a visit that day may have been voided (not today's: voiding takes a while). */
  mayVoid: boolean;
};

export const OPENING_HOUR = 10;
export const CLOSING_HOUR = 16;
// Closed Sundays; Tuesday breakfast with the nurse and Thursday lunch draw the biggest mornings.
const WEEKDAY_VISITS = [0, 30, 41, 43, 39, 33, 26];
const TODAY_FALLBACK_VISITS = 30;
const EPOCH = Date.UTC(2000, 0, 1);

function dayNumber(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - EPOCH) / 86_400_000);
}

/**
 * `days` days of drop-in ending with today (the day of `now`), oldest first. Past days run from
 * opening to closing; today runs from opening to `now` (or, before opening, the three hours before
 * `now`), so the Today page has people on it whenever the plan is loaded. Today is always open.
 */
export function dayPlan(random: Random, opts: { now: Date; days: number }): PlanDay[] {
  const today = localDay(opts.now);
  const plan: PlanDay[] = [];
  for (let back = opts.days - 1; back >= 0; back--) {
    const date = addDays(today, -back);
    const opens = atLocal(date, OPENING_HOUR * 60);
    const closes = atLocal(date, CLOSING_HOUR * 60);
    const noise = 0.85 + 0.3 * random.fork(date).next();
    const base = WEEKDAY_VISITS[isoWeekday(date) % 7]!;
    if (back > 0) {
      if (base === 0) continue;
      const seconds = (closes.getTime() - opens.getTime()) / 1000;
      plan.push({ date, day: dayNumber(date), opensAt: new Date(opens.getTime()).toISOString(), seconds, visits: Math.round(base * noise), mayVoid: true });
      continue;
    }
    const midnight = atLocal(date, 0).getTime();
    const end = Math.min(closes.getTime(), opts.now.getTime());
    const start = opts.now.getTime() >= opens.getTime() ? opens.getTime() : Math.max(midnight, end - 3 * 3600_000);
    const seconds = Math.floor((end - start) / 1000);
    if (seconds < 60) continue;
    const share = Math.min(1, seconds / ((closes.getTime() - opens.getTime()) / 1000));
    const visits = Math.max(6, Math.round((base || TODAY_FALLBACK_VISITS) * noise * share));
    plan.push({ date, day: dayNumber(date), opensAt: new Date(start).toISOString(), seconds, visits, mayVoid: false });
  }
  return plan;
}

/** The same rhythm scaled so the plan holds exactly `total` visits (largest remainders round up). */
export function scalePlan(plan: readonly PlanDay[], total: number): PlanDay[] {
  const current = plan.reduce((sum, d) => sum + d.visits, 0);
  if (current === 0) throw new Error('cannot scale an empty plan');
  const exact = plan.map((d) => (d.visits * total) / current);
  const counts = exact.map(Math.floor);
  let missing = total - counts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (missing-- <= 0) break;
    counts[i]!++;
  }
  return plan.map((d, i) => ({ ...d, visits: counts[i]! }));
}
