import { fiscalYearOf, type Bucket, type Period } from '@/lib/calendar/period.ts';

// Which columns of a breakdown of people a report may publish (pure; publication.test.ts).
//
// Two reports whose periods overlap could be subtracted: the people who came on the one day that
// separates two custom ranges, or the one visit logged between two downloads of a month still
// running, would show in the breakdowns' difference. So breakdowns of people are published only
// for fixed calendar periods that are over, never for an arbitrary range:
// - a month column, when the column is the whole calendar month and the month is over;
// - the whole-period column, when the period is a month, a quarter or a fiscal year and is over.
// A custom range shows the whole months inside it that are over, and no whole-range column; a
// period still running shows its finished months only. Everything else shows NOT_PUBLISHED. The
// dashboard draws no breakdown of people, so it follows the rule by showing none. Totals of people
// (unique participants, new participants) are headlines, not breakdowns, and stay in every column.

export const NOT_PUBLISHED = '–';

export const PUBLICATION_EXPLAINED =
  'People are broken down only for whole calendar months, quarters and fiscal years that are over: ' +
  `part months, months still running and custom ranges as a whole show "${NOT_PUBLISHED}", so that two overlapping reports cannot be subtracted ` +
  'to reveal the few people who came in the days between them. Each month shows the same figures in every report.';

/** Whether a bucket is its whole calendar month. */
const wholeMonth = (b: Bucket) => b.from.endsWith('-01') && b.until.endsWith('-01') && monthsApart(b.from, b.until) === 1;
const monthsApart = (a: string, b: string) => (+b.slice(0, 4) - +a.slice(0, 4)) * 12 + (+b.slice(5, 7) - +a.slice(5, 7));

/**
 * For each month column and then the whole-period column: whether a breakdown of people shows it,
 * on program date `today`. A column is over when its last day is before today.
 */
export function publishedColumns(period: Period, today: string): boolean[] {
  const months = period.months.map((m) => wholeMonth(m) && m.until <= today);
  const whole = period.kind !== 'custom' && period.to < today;
  return [...months, whole];
}

/**
 * The calendar year whose ages a month's breakdown uses: the year its fiscal year (April to March)
 * began. One fiscal year, quarter or month places a person in the same age range in every report.
 */
export function ageYear(day: string): number {
  return fiscalYearOf(day);
}

export const AGE_EXPLAINED =
  'Age is the age reached in the calendar year the fiscal year began (for April 2026 to March 2027, the age reached in 2026), ' +
  'from the year of birth, in every month and every report.';
