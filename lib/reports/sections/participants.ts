import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import type { Bucket, Period } from '../period.ts';
import { bucketDays } from '../sql.ts';
import type { Counts, FigureContext, SectionDefinition } from '../types.ts';

// Participants and visits: headline counts, not breakdowns, so not suppressed. Unique people are
// counted by participant record (their code); anonymous visits have no record and are counted
// separately. The whole-period column counts each person once, however many months they came.

type Row = { key: string | null; people: number; visits: number; known: number; anonymous: number; fresh: number };

/**
 * Visits are counted per day first (a few hundred rows) and then per bucket. People are counted
 * from the (bucket, person) pairs: once each in a bucket's column, and once each over the whole
 * period from the distinct people among them — hash aggregates, with no sort of the period's
 * visits. A person is new in a bucket when their first non-voided visit ever falls in it: no visit
 * before the bucket's local midnight (the same test as visit_date < its first day), read with one
 * probe per person of the partial index of visits not voided (visit_participant_first_idx), from
 * the index alone. `fresh: false` leaves that out (the dashboard's weekly chart has no use for it).
 */
function query(period: Period, buckets: Bucket[], fresh: boolean): Prisma.Sql {
  const inPeriod = Prisma.sql`v.voided_at IS NULL AND v.visit_date >= ${period.from}::date AND v.visit_date <= ${period.to}::date`;
  const freshSql = fresh
    ? Prisma.sql`
      SELECT key, count(*)::int AS n FROM fresh GROUP BY key
      UNION ALL SELECT NULL, count(DISTINCT participant_id)::int FROM fresh`
    : Prisma.sql`SELECT NULL::text AS key, 0 AS n WHERE false`;
  return Prisma.sql`
    WITH pm AS (
      SELECT DISTINCT d.key, d.t_from, v.participant_id
      FROM visit v JOIN ${bucketDays(buckets)} ON d.day = v.visit_date
      WHERE ${inPeriod} AND v.participant_id IS NOT NULL),
    first AS (
      SELECT u.participant_id, f.at
      FROM (SELECT DISTINCT participant_id FROM pm) u
      CROSS JOIN LATERAL (
        SELECT e.visited_at AS at FROM visit e
        WHERE e.participant_id = u.participant_id AND e.voided_at IS NULL ORDER BY e.visited_at LIMIT 1) f),
    fresh AS (SELECT pm.key, pm.participant_id FROM pm JOIN first ON first.participant_id = pm.participant_id WHERE first.at >= pm.t_from),
    daily AS (
      SELECT v.visit_date, count(*) AS visits, count(v.participant_id) AS known
      FROM visit v WHERE ${inPeriod} GROUP BY v.visit_date),
    a AS (
      SELECT d.key, coalesce(sum(daily.visits), 0)::int AS visits, coalesce(sum(daily.known), 0)::int AS known,
             coalesce(sum(daily.visits - daily.known), 0)::int AS anonymous
      FROM daily JOIN ${bucketDays(buckets)} ON d.day = daily.visit_date GROUP BY GROUPING SETS ((d.key), ())),
    people AS (
      SELECT key, count(*)::int AS n FROM pm GROUP BY key
      UNION ALL SELECT NULL, count(*)::int FROM (SELECT DISTINCT participant_id FROM pm) u),
    f AS (${freshSql})
    SELECT a.key, coalesce(people.n, 0)::int AS people, a.visits, a.known, a.anonymous, coalesce(f.n, 0)::int AS fresh
    FROM a
    LEFT JOIN people ON people.key IS NOT DISTINCT FROM a.key
    LEFT JOIN f ON f.key IS NOT DISTINCT FROM a.key`;
}

const ROWS: { key: keyof Omit<Row, 'key'>; label: string }[] = [
  { key: 'people', label: 'Unique participants' },
  { key: 'fresh', label: 'New participants (first visit ever)' },
  { key: 'visits', label: 'Visits' },
  { key: 'known', label: 'Visits by participants with a record' },
  { key: 'anonymous', label: 'Anonymous visits' },
];

/**
 * The five figures by bucket (months for the report, weeks for the dashboard's chart), then for
 * the whole period. Shared by the report and the dashboard, so both show the same numbers.
 */
export async function visitFigures(ctx: FigureContext, buckets: Bucket[] = ctx.period.months, opts: { fresh?: boolean } = {}): Promise<Counts[]> {
  const rows = await ctx.client.$queryRaw<Row[]>(query(ctx.period, buckets, opts.fresh ?? true));
  const col = new Map(buckets.map((m, i) => [m.key, i]));
  const width = buckets.length + 1;
  const counts: Counts[] = ROWS.map((r) => ({ key: r.key, label: r.label, counts: Array<number>(width).fill(0) }));
  for (const row of rows) {
    const i = row.key === null ? width - 1 : col.get(row.key);
    if (i === undefined) continue;
    ROWS.forEach((r, j) => (counts[j]!.counts[i] = row[r.key]));
  }
  return counts;
}

async function load(ctx: FigureContext) {
  const counts = await visitFigures(ctx);
  return [
    {
      key: 'participants',
      title: 'Participants and visits',
      description:
        'Unique participants: people with a participant record (counted by their code) who had at least one visit; the whole-period column counts each person once. ' +
        'New participants: people whose first visit ever fell in the month. Visits: every drop-in visit logged, anonymous or not, leaving out visits that were voided. ' +
        'These are totals, not breakdowns, and are shown in full.',
      rowHeading: 'Figure',
      suppress: false,
      rows: counts,
      total: null,
    },
  ];
}

export const participantsSection: SectionDefinition = {
  key: 'participants',
  title: 'Participants and visits',
  description: 'Who came and how often.',
  load,
};
