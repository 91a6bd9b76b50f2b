// Calendar dates written "yyyy-MM-dd": arithmetic on the date itself, which no time zone touches.
// The data layer stores them as PostgreSQL `date`, which travels through Prisma as midnight UTC.

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A "yyyy-MM-dd" that is a real calendar date, or null: 2026-02-30 is refused, not rolled over. */
export function parseDay(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const m = DAY.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === value ? value : null;
}

/** The date n days after (or before, for n < 0) a date. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A date as PostgreSQL `date` values travel through Prisma: midnight UTC. */
export function dateOnly(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The "yyyy-MM-dd" of a `date` column read through Prisma (midnight UTC). */
export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}
