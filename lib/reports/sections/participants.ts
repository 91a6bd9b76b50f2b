import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import type { Bucket, Period } from '@/lib/calendar/period.ts';
import { bucketDays, bucketsSql, line } from '@/lib/calendar/figures-sql.ts';
import type { Counts, FigureContext, SectionDefinition } from '../types.ts';

// Participants and visits: headline counts, not breakdowns, so not suppressed. Unique people are
// counted by participant record (their code); anonymous visits have no record and are counted
// separately. The whole-period column counts each person once, however many months they came.

type Row = { key: string | null; people: number; visits: number; known: number; anonymous: number; fresh: number };

// A person's buckets as the bits of a bigint: 63 of them, clear of the sign bit, room for the
// longest report (MAX_MONTHS months) and the dashboard's year of weeks.
const MASK_BITS = 63;

/**
 * Visits are counted per day first (a few hundred rows) and then per bucket. People are counted
 * from one row a person: the buckets they came in as a bit mask, one hash aggregate over the
 * period's visits (a third of the rows that (bucket, person) pairs would be). The masks are counted,
 * and only those counts are spread into the buckets whose bit is set; the whole period counts the
 * people. A person is new in a bucket when their first visit that counts (not voided) falls in it:
 * participant.first_visit_date, kept by the visit trigger, read through its index.
 * `fresh: false` leaves that out (the dashboard's weekly chart has no use for it).
 */
function query(period: Period, buckets: Bucket[], fresh: boolean): Prisma.Sql {
  const inPeriod = (column: Prisma.Sql) => Prisma.sql`${column} >= ${period.from}::date AND ${column} <= ${period.to}::date`;
  const freshSql = fresh
    ? Prisma.sql`
      SELECT d.key, count(*)::int AS n
      FROM participant p JOIN ${bucketDays(buckets)} ON d.day = p.first_visit_date
      WHERE ${inPeriod(Prisma.sql`p.first_visit_date`)}
      GROUP BY GROUPING SETS ((d.key), ())`
    : Prisma.sql`SELECT NULL::text AS key, 0 AS n WHERE false`;
  const known = Prisma.sql`v.voided_at IS NULL AND ${inPeriod(Prisma.sql`v.visit_date`)} AND v.participant_id IS NOT NULL`;
  if (buckets.length > MASK_BITS) throw new Error(`a bucket mask holds ${MASK_BITS} buckets; this asked for ${buckets.length}`);
  const people = Prisma.sql`
    masks AS (
      SELECT mask, count(*) AS n FROM (
        SELECT bit_or(1::bigint << (d.ord - 1)::int) AS mask
        FROM visit v JOIN ${bucketDays(buckets)} ON d.day = v.visit_date
        WHERE ${known}
        GROUP BY v.participant_id) pm
      GROUP BY mask),
    people AS (
      SELECT b.key, sum(m.n)::int AS n FROM masks m JOIN ${bucketsSql(buckets)} ON m.mask & (1::bigint << (b.ord - 1)::int) <> 0 GROUP BY b.key
      UNION ALL SELECT NULL, coalesce(sum(n), 0)::int FROM masks)`;
  return Prisma.sql`
    WITH ${people},
    daily AS (
      SELECT v.visit_date, count(*) AS visits, count(v.participant_id) AS known
      FROM visit v WHERE v.voided_at IS NULL AND ${inPeriod(Prisma.sql`v.visit_date`)} GROUP BY v.visit_date),
    a AS (
      SELECT d.key, coalesce(sum(daily.visits), 0)::int AS visits, coalesce(sum(daily.known), 0)::int AS known,
             coalesce(sum(daily.visits - daily.known), 0)::int AS anonymous
      FROM daily JOIN ${bucketDays(buckets)} ON d.day = daily.visit_date GROUP BY GROUPING SETS ((d.key), ())),
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

/**
 * Participant records created in each month (by when they were made, the program's local months),
 * leaving out records later merged into another (duplicates of one person).
 */
async function recordsCreated(ctx: FigureContext): Promise<Counts> {
  const { months } = ctx.period;
  const rows = await ctx.client.$queryRaw<{ key: string | null; n: number }[]>`
    SELECT b.key, count(*)::int AS n
    FROM participant p JOIN ${bucketsSql(months)} ON p.created_at >= b.t_from AND p.created_at < b.t_until
    WHERE p.merged_into_id IS NULL AND p.created_at >= ${months[0]!.startsAt} AND p.created_at < ${months.at(-1)!.endsAt}
    GROUP BY GROUPING SETS ((b.key), ())`;
  const at = new Map(rows.map((r) => [r.key, r.n]));
  return line(ctx.period, 'created', 'Participant records created', (k) => at.get(k) ?? 0);
}

async function load(ctx: FigureContext) {
  const figures = await visitFigures(ctx);
  const created = await recordsCreated(ctx);
  // Records created sit right under new participants, which they are easily taken for.
  const counts = figures.flatMap((r) => (r.key === 'fresh' ? [r, created] : [r]));
  return [
    {
      key: 'participants',
      title: 'Participants and visits',
      description:
        'Unique participants: people with a participant record (counted by their code) who had at least one visit; the whole-period column counts each person once. ' +
        'New participants (first visit ever): people whose first visit ever, at any time, fell in the month; someone who came before the period is not new. ' +
        'Participant records created: records made in the month, whether or not the person has visited yet (records merged into another are left out): not the same figure as new participants. Visits: every drop-in visit logged, anonymous or not, leaving out visits that were voided. ' +
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
