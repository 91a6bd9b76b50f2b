import { z } from 'zod';
import { addDays, atLocal, isoWeekday, localDay, parseDay, programNow } from './index.ts';

// Report periods: pure calendar maths on program dates ("yyyy-MM-dd", America/Vancouver). A period
// is cut into months (and weeks for the dashboard); each bucket carries its dates, for date columns
// (visit_date, booking.day), and the instants its local midnights fall on, for timestamptz columns.
// The SQL never works out a local month itself (PGlite's tzdata is unreliable): it is handed these.

export type Bucket = {
  key: string;
  label: string;
  /** First program date in the bucket. */
  from: string;
  /** The program date after the last one (exclusive). */
  until: string;
  startsAt: Date;
  endsAt: Date;
};

export type PeriodKind = 'month' | 'quarter' | 'fiscal' | 'custom';

export type Period = {
  kind: PeriodKind;
  /** First and last program dates, both inclusive. */
  from: string;
  to: string;
  label: string;
  /** Neutral file name without extension: lantern-report-2026-10. */
  fileStem: string;
  /** The URL query that selects this period again. */
  query: Record<string, string>;
  months: Bucket[];
};

/**
 * A custom range may touch at most this many calendar months: the tables have one column per
 * calendar month the range touches, so 15 December to 14 December three years on (36 months long)
 * touches 37.
 */
export const MAX_MONTHS = 36;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const short = (m: number) => MONTH_NAMES[m - 1]!.slice(0, 3);

type YM = { y: number; m: number };
const ym = (day: string): YM => ({ y: +day.slice(0, 4), m: +day.slice(5, 7) });
const firstOf = ({ y, m }: YM) => `${y}-${String(m).padStart(2, '0')}-01`;
const addMonths = ({ y, m }: YM, n: number): YM => {
  const i = y * 12 + (m - 1) + n;
  return { y: Math.floor(i / 12), m: (i % 12) + 1 };
};
const monthKey = (x: YM) => firstOf(x).slice(0, 7);
const dayLabel = (day: string) => `${+day.slice(8)} ${short(+day.slice(5, 7))} ${day.slice(0, 4)}`;

/** The days first to last (inclusive) as short as they read unambiguously: "15–31 Jul 2026", "29 Dec 2026–3 Jan 2027". */
function spanLabel(first: string, last: string): string {
  if (first === last) return dayLabel(first);
  if (first.slice(0, 7) === last.slice(0, 7)) return `${+first.slice(8)}–${dayLabel(last)}`;
  if (first.slice(0, 4) === last.slice(0, 4)) return `${+first.slice(8)} ${short(+first.slice(5, 7))}–${dayLabel(last)}`;
  return `${dayLabel(first)}–${dayLabel(last)}`;
}

/** How many calendar months [from, to] touches: the number of monthly columns its report has. */
const monthsTouched = (from: string, to: string) => {
  const a = ym(from);
  const b = ym(to);
  return (b.y - a.y) * 12 + (b.m - a.m) + 1;
};

function bucket(key: string, label: string, from: string, until: string): Bucket {
  return { key, label, from, until, startsAt: atLocal(from, 0), endsAt: atLocal(until, 0) };
}

/**
 * The calendar months of [from, to], the first and last clipped to the range. A clipped month is
 * labelled by its days ("15–31 Jul 2026"), so that it does not pass for a whole month.
 */
export function monthsOf(from: string, to: string): Bucket[] {
  const out: Bucket[] = [];
  const end = addDays(to, 1);
  for (let cur = ym(from); firstOf(cur) < end; cur = addMonths(cur, 1)) {
    const start = firstOf(cur) < from ? from : firstOf(cur);
    const next = firstOf(addMonths(cur, 1));
    const until = next < end ? next : end;
    const whole = start === firstOf(cur) && until === next;
    out.push(bucket(monthKey(cur), whole ? `${short(cur.m)} ${cur.y}` : spanLabel(start, addDays(until, -1)), start, until));
  }
  return out;
}

/**
 * Monday-to-Sunday weeks touching [from, to], clipped to the range; keyed by their Monday. A whole
 * week is "Week of 6 Jul 2026"; a clipped one is labelled by its days in the range ("1–5 Jul 2026").
 */
export function weeksOf(from: string, to: string): Bucket[] {
  const out: Bucket[] = [];
  const end = addDays(to, 1);
  for (let monday = addDays(from, 1 - isoWeekday(from)); monday < end; monday = addDays(monday, 7)) {
    const start = monday < from ? from : monday;
    const next = addDays(monday, 7);
    const until = next < end ? next : end;
    const whole = start === monday && until === next;
    out.push(bucket(monday, whole ? `Week of ${dayLabel(monday)}` : spanLabel(start, addDays(until, -1)), start, until));
  }
  return out;
}

function make(kind: PeriodKind, from: string, to: string, label: string, fileStem: string, query: Record<string, string>): Period {
  return { kind, from, to, label, fileStem: `lantern-report-${fileStem}`, query, months: monthsOf(from, to) };
}

export function monthPeriod(key: string): Period {
  const start = ym(`${key}-01`);
  const to = addDays(firstOf(addMonths(start, 1)), -1);
  return make('month', firstOf(start), to, `${MONTH_NAMES[start.m - 1]} ${start.y}`, key, { period: 'month', month: key });
}

/** Calendar quarters (Q1 = January to March); they line up with the April fiscal year's quarters. */
export function quarterPeriod(year: number, q: number): Period {
  const start = { y: year, m: (q - 1) * 3 + 1 };
  const to = addDays(firstOf(addMonths(start, 3)), -1);
  const label = `${MONTH_NAMES[start.m - 1]} to ${MONTH_NAMES[start.m + 1]} ${year}`;
  return make('quarter', firstOf(start), to, label, `${year}-q${q}`, { period: 'quarter', quarter: `${year}-Q${q}` });
}

/** "27" for the fiscal year starting April 2026: the year it ends in, two digits. */
const fiscalTail = (year: number) => String((year + 1) % 100).padStart(2, '0');
/** "2026–27" for the fiscal year starting April 2026. */
const fiscalName = (year: number) => `${year}–${fiscalTail(year)}`;

/** The fiscal year April `year` to March `year + 1`. */
export function fiscalPeriod(year: number): Period {
  return make('fiscal', `${year}-04-01`, `${year + 1}-03-31`, `Fiscal year ${fiscalName(year)}, April to March`, `fy${year}-${fiscalTail(year)}`, {
    period: 'fiscal',
    fy: String(year),
  });
}

export function customPeriod(from: string, to: string): Period {
  return make('custom', from, to, `${dayLabel(from)} to ${dayLabel(to)}`, `${from}-to-${to}`, { period: 'custom', from, to });
}

/** The period as it reads inside a sentence: "Compared with fiscal year 2025–26 (April to March)." */
export function inSentence(p: Period): string {
  return p.kind === 'fiscal' ? `fiscal year ${fiscalName(+p.from.slice(0, 4))} (April to March)` : p.label;
}

/** "in October 2026", "from July to September 2026", "in fiscal year 2026–27 (April to March)". */
export function during(p: Period): string {
  return `${p.kind === 'quarter' || p.kind === 'custom' ? 'from' : 'in'} ${inSentence(p)}`;
}

/** What the dashboard and the full report say above the figures of a period still running. */
export const STILL_RUNNING = 'The period is still running: these are the figures so far.';

/** Whether a period has not started, is still running, or is over, on the program date of `now`. */
export function periodStatus(p: Period, now: Date = programNow()): 'not-started' | 'running' | 'over' {
  const today = localDay(now);
  if (p.from > today) return 'not-started';
  return p.to >= today ? 'running' : 'over';
}

/** The fiscal year (by its starting April) that a program date falls in. */
export function fiscalYearOf(day: string): number {
  const { y, m } = ym(day);
  return m >= 4 ? y : y - 1;
}

/** Quick choices for the picker, relative to today. */
export function presets(now: Date = programNow()): { id: string; label: string; period: Period }[] {
  const today = localDay(now);
  const cur = ym(today);
  const lastMonth = addMonths(cur, -1);
  const q = Math.floor((cur.m - 1) / 3) + 1;
  const lastQ = q === 1 ? { y: cur.y - 1, q: 4 } : { y: cur.y, q: q - 1 };
  const fy = fiscalYearOf(today);
  return [
    { id: 'this-month', label: 'This month', period: monthPeriod(monthKey(cur)) },
    { id: 'last-month', label: 'Last month', period: monthPeriod(monthKey(lastMonth)) },
    { id: 'this-quarter', label: 'This quarter', period: quarterPeriod(cur.y, q) },
    { id: 'last-quarter', label: 'Last quarter', period: quarterPeriod(lastQ.y, lastQ.q) },
    { id: 'this-fiscal', label: 'This fiscal year', period: fiscalPeriod(fy) },
    { id: 'last-fiscal', label: 'Last fiscal year', period: fiscalPeriod(fy - 1) },
  ];
}

/** The same period one year earlier, for the dashboard's comparison. */
export function yearBefore(p: Period): Period {
  const back = (day: string) => {
    const prev = `${+day.slice(0, 4) - 1}${day.slice(4)}`;
    return parseDay(prev) ?? addDays(prev.slice(0, 8) + '28', 0); // 29 February → 28 February
  };
  if (p.kind === 'month') return monthPeriod(`${+p.from.slice(0, 4) - 1}${p.from.slice(4, 7)}`);
  if (p.kind === 'quarter') return quarterPeriod(+p.from.slice(0, 4) - 1, Math.floor((+p.from.slice(5, 7) - 1) / 3) + 1);
  if (p.kind === 'fiscal') return fiscalPeriod(+p.from.slice(0, 4) - 1);
  return customPeriod(back(p.from), back(p.to));
}

const one = (v: unknown) => (Array.isArray(v) ? v[0] : v);
const Params = z.object({
  period: z.enum(['month', 'quarter', 'fiscal', 'custom']).optional().catch(undefined),
  month: z
    .string()
    .regex(/^20\d\d-(0[1-9]|1[0-2])$/)
    .optional()
    .catch(undefined),
  quarter: z
    .string()
    .regex(/^20\d\d-Q[1-4]$/)
    .optional()
    .catch(undefined),
  fy: z
    .string()
    .regex(/^20\d\d$/)
    .optional()
    .catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
});

/**
 * The period a URL asks for, and the dates the custom range's fields show. `period` is null when a
 * custom range is refused: `errors` says why beside its fields, which keep what was typed.
 */
export type PeriodChoice = { period: Period | null; errors: { from?: string; to?: string }; custom: { from: string; to: string } };

function customChoice(fromRaw: string | undefined, toRaw: string | undefined): PeriodChoice {
  const from = parseDay(fromRaw);
  const to = parseDay(toRaw);
  const custom = { from: fromRaw ?? '', to: toRaw ?? '' };
  const errors: PeriodChoice['errors'] = {};
  if (!from) errors.from = 'Enter the first day as a date.';
  if (!to) errors.to = 'Enter the last day as a date.';
  else if (from && to < from) errors.to = 'The last day must be on or after the first day.';
  else if (from && monthsTouched(from, to) > MAX_MONTHS) {
    errors.to = `Choose a range that touches at most ${MAX_MONTHS} calendar months (this one touches ${monthsTouched(from, to)}).`;
  }
  if (errors.from || errors.to || !from || !to) return { period: null, errors, custom };
  return { period: customPeriod(from, to), errors, custom };
}

/**
 * The period a URL asks for. Unknown or malformed values fall back to this month. A bad custom
 * range is no period at all, not this month in its place: a report for a period nobody asked for
 * would pass for the one they typed.
 */
export function parsePeriod(searchParams: Record<string, string | string[] | undefined>, now: Date = programNow()): PeriodChoice {
  const raw = Params.parse(Object.fromEntries(Object.entries(searchParams).map(([k, v]) => [k, one(v)])));
  const fallback = monthPeriod(localDay(now).slice(0, 7));
  const blank = { from: fallback.from, to: fallback.to };
  const ok = (period: Period): PeriodChoice => ({ period, errors: {}, custom: { from: period.from, to: period.to } });
  if (raw.period === 'month' && raw.month) return ok(monthPeriod(raw.month));
  if (raw.period === 'quarter' && raw.quarter) return ok(quarterPeriod(+raw.quarter.slice(0, 4), +raw.quarter.slice(6)));
  if (raw.period === 'fiscal' && raw.fy) return ok(fiscalPeriod(+raw.fy));
  if (raw.period === 'custom') return customChoice(raw.from, raw.to);
  return { period: fallback, errors: {}, custom: blank };
}

/** "?period=month&month=2026-10" for links. */
export function periodQuery(p: Period, extra: Record<string, string> = {}): string {
  return `?${new URLSearchParams({ ...p.query, ...extra }).toString()}`;
}

/** One bucket spanning [from, to] (program dates, both inclusive), for a figure over a single range. */
export function rangeBucket(from: string, to: string, key = 'range'): Bucket {
  return bucket(key, `${dayLabel(from)} to ${dayLabel(to)}`, from, addDays(to, 1));
}
