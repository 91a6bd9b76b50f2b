import 'server-only';
import { db, type Db, type Tx } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError, forbidden } from '@/lib/errors.ts';
import { rangeBucket, type Bucket } from '@/lib/calendar/period.ts';
import { bucketsSql } from '@/lib/calendar/figures-sql.ts';
import { addDays, localDay, parseDay, programNow } from '@/lib/calendar/index.ts';

// Occupancy of the Safe Suite for any range of program dates: the one query the suite page and
// the funder statistics both run, so the numbers agree. A night is a calendar date D on which a
// stay taken up (checked in, or checked out) had arrived on or before D and left after D. Dates
// are stored on each stay in program time by the code, so PostgreSQL aggregates plain dates.
// The funder report asks for the range cut into months (`suiteOccupancyByMonth`); the suite page
// asks for one range (`suiteOccupancy`), which is the same query with a single bucket.
//
// Only nights up to today (the program date) count: a night still to come is neither occupied nor
// available yet, so a range that runs past today gives the rate and the average stay so far, and a
// range wholly to come has nothing available. A stay still under way counts its nights so far.

export type Occupancy = {
  from: string;
  to: string;
  nightsOccupied: number;
  nightsAvailable: number;
  /** nightsOccupied / nightsAvailable, 0..1 (0 when nothing was available). */
  occupancyRate: number;
  /** Stays that arrived in the range, up to today. */
  staysStarted: number;
  /** Average nights, up to today, of the stays that arrived in the range (null when none did). */
  averageNights: number | null;
};

const MAX_DAYS = 3700;

type Row = { key: string | null; occupied: number; available: number; started: number; average: number | null };

function checkRange(range: { from: string; to: string }): { from: string; to: string } {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) throw new AppError('invalid', 'Choose dates, like 2026-11-01.', from ? 'to' : 'from');
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days < 1) throw new AppError('invalid', 'The end date must be on or after the start date.', 'to');
  if (days > MAX_DAYS) throw new AppError('invalid', 'Choose a range of ten years or less.', 'to');
  return { from, to };
}

type Unit = { id: string; created: Date; first: string | null };

/**
 * The program date each unit came into use: the day it was added, or the night of its first stay
 * taken up if that was earlier (a unit entered after the stays it held). Worked out here, not in
 * SQL: the program's local date is the code's to compute.
 */
async function unitsInUse(client: Db | Tx): Promise<{ ids: string[]; since: string[] }> {
  const units = await client.$queryRaw<Unit[]>`
    SELECT u.id::text AS id, u.created_at AS created,
           (SELECT min(s.start_day) FROM stay s WHERE s.unit_id = u.id AND s.status IN ('checked_in', 'checked_out'))::text AS first
    FROM suite_unit u`;
  const since = units.map((u) => {
    const made = localDay(u.created);
    return u.first && u.first < made ? u.first : made;
  });
  return { ids: units.map((u) => u.id), since };
}

/**
 * One row per bucket and one for the whole range (key null), from one GROUP BY with GROUPING
 * SETS. Nights occupied add up across buckets; a unit is available in a bucket when it is in use
 * now or a stay was taken up in it then (the whole range: in use now or used in the range), and
 * only from the day it came into use (`unitsInUse`). Each bucket, and the range, ends at `until`
 * (the day after today) at the latest.
 */
async function rows(client: Db | Tx, from: string, to: string, buckets: Bucket[], until: string): Promise<Row[]> {
  const units = await unitsInUse(client);
  return client.$queryRaw<Row[]>`
    WITH b AS (SELECT key, d_from, greatest(d_from, least(d_until, ${until}::date)) AS d_until FROM ${bucketsSql(buckets)}),
    since AS (SELECT * FROM unnest(${units.ids}::uuid[], ${units.since}::date[]) AS x(unit_id, day)),
    whole AS (SELECT ${from}::date AS d_from, greatest(${from}::date, least(${to}::date + 1, ${until}::date)) AS d_until),
    taken AS (
      SELECT unit_id, start_day, end_day FROM stay
      WHERE status IN ('checked_in', 'checked_out') AND start_day <= ${to}::date AND end_day > ${from}::date
    ), tb AS (
      SELECT b.key, t.unit_id, greatest(0, least(t.end_day, b.d_until) - greatest(t.start_day, b.d_from)) AS nights,
             t.start_day >= b.d_from AS arrived, least(t.end_day, ${until}::date) - t.start_day AS length
      FROM taken t JOIN b ON t.start_day < b.d_until AND t.end_day > b.d_from
    ), occ AS (
      SELECT key, sum(nights)::int AS occupied, count(*) FILTER (WHERE arrived)::int AS started,
             round(avg(length) FILTER (WHERE arrived), 2)::float8 AS average
      FROM tb GROUP BY GROUPING SETS ((key), ())
    ), counted AS (
      SELECT b.key, b.d_from, b.d_until, u.id FROM b JOIN suite_unit u ON u.active OR EXISTS (SELECT 1 FROM tb WHERE tb.key = b.key AND tb.unit_id = u.id)
      UNION ALL
      SELECT NULL, w.d_from, w.d_until, u.id FROM whole w JOIN suite_unit u ON u.active OR EXISTS (SELECT 1 FROM tb WHERE tb.unit_id = u.id)
    ), units AS (
      SELECT c.key, sum(greatest(0, c.d_until - greatest(c.d_from, s.day)))::int AS nights
      FROM counted c JOIN since s ON s.unit_id = c.id GROUP BY c.key
    ), k AS (SELECT key FROM b UNION ALL SELECT NULL)
    SELECT k.key, coalesce(o.occupied, 0)::int AS occupied, coalesce(u.nights, 0)::int AS available,
           coalesce(o.started, 0)::int AS started, o.average
    FROM k LEFT JOIN occ o ON o.key IS NOT DISTINCT FROM k.key LEFT JOIN units u ON u.key IS NOT DISTINCT FROM k.key`;
}

function toOccupancy(r: Row | undefined, from: string, to: string): Occupancy {
  const { occupied = 0, available = 0, started = 0, average = null } = r ?? {};
  return {
    from,
    to,
    nightsOccupied: occupied,
    nightsAvailable: available,
    occupancyRate: available > 0 ? Math.round((occupied / available) * 10_000) / 10_000 : 0,
    staysStarted: started,
    averageNights: average,
  };
}

function allowed(actor: Actor) {
  if (!can(actor, 'stay:read') && !can(actor, 'report:read')) throw forbidden();
}

/**
 * The range cut into `buckets` (months for the funder report), then the whole range: one query.
 * `client` lets the report read inside its own snapshot; `now` says which day is today. Same
 * callers as `suiteOccupancy`.
 */
export async function suiteOccupancyByMonth(
  actor: Actor,
  range: { from: string; to: string },
  buckets: Bucket[],
  client: Db | Tx = db,
  now: Date = programNow(),
): Promise<{ months: (Occupancy & { key: string })[]; whole: Occupancy }> {
  allowed(actor);
  const { from, to } = checkRange(range);
  const found = await rows(client, from, to, buckets, addDays(localDay(now), 1));
  const byKey = new Map(found.map((r) => [r.key, r]));
  return {
    months: buckets.map((b) => ({ key: b.key, ...toOccupancy(byKey.get(b.key), b.from, addDays(b.until, -1)) })),
    whole: toOccupancy(byKey.get(null), from, to),
  };
}

/**
 * Nights occupied and available, the rate and the average length of stay, from `from` to `to`
 * (program dates, both included), up to today as of `now`. Roles that see stays (`stay:read`) and
 * the funder statistics (`report:read`).
 */
export async function suiteOccupancy(actor: Actor, range: { from: string; to: string }, now: Date = programNow()): Promise<Occupancy> {
  allowed(actor);
  const { from, to } = checkRange(range);
  return (await suiteOccupancyByMonth(actor, { from, to }, [rangeBucket(from, to)], db, now)).whole;
}
