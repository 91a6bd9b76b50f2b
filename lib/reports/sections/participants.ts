import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import type { Bucket, Period } from '../period.ts';
import { visitsInPeriod } from '../sql.ts';
import type { Counts, FigureContext, SectionDefinition } from '../types.ts';

// Participants and visits: headline counts, not breakdowns, so not suppressed. Unique people are
// counted by participant record (their code); anonymous visits have no record and are counted
// separately. The whole-period column counts each person once, however many months they came.

type Row = { key: string | null; people: number; visits: number; known: number; anonymous: number; fresh: number };

/**
 * A person is new in a month when their first non-voided visit ever falls in it: no visit before
 * the month's local midnight (the same test as visit_date < its first day). Each person's first
 * visit is one probe of the partial index of visits not voided (visit_participant_first_idx),
 * answered from the index alone. People are counted from the (month, person) pairs: once each in
 * a month's column, and once each over the whole period from the distinct people among them —
 * hash aggregates, with no sort of the period's visits.
 */
function query(period: Period, buckets: Bucket[]): Prisma.Sql {
  return Prisma.sql`
    WITH v AS (${visitsInPeriod(period, buckets)}),
    pm AS (SELECT DISTINCT key, t_from, participant_id FROM v WHERE participant_id IS NOT NULL),
    first AS (
      SELECT u.participant_id, f.at
      FROM (SELECT DISTINCT participant_id FROM pm) u
      CROSS JOIN LATERAL (
        SELECT e.visited_at AS at FROM visit e
        WHERE e.participant_id = u.participant_id AND e.voided_at IS NULL ORDER BY e.visited_at LIMIT 1) f),
    fresh AS (SELECT pm.key, pm.participant_id FROM pm JOIN first ON first.participant_id = pm.participant_id WHERE first.at >= pm.t_from),
    a AS (
      SELECT key, count(*)::int AS visits, count(participant_id)::int AS known, (count(*) - count(participant_id))::int AS anonymous
      FROM v GROUP BY GROUPING SETS ((key), ())),
    people AS (
      SELECT key, count(*)::int AS n FROM pm GROUP BY key
      UNION ALL SELECT NULL, count(*)::int FROM (SELECT DISTINCT participant_id FROM pm) u),
    f AS (
      SELECT key, count(*)::int AS n FROM fresh GROUP BY key
      UNION ALL SELECT NULL, count(*)::int FROM (SELECT DISTINCT participant_id FROM fresh) u)
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
export async function visitFigures(ctx: FigureContext, buckets: Bucket[] = ctx.period.months): Promise<Counts[]> {
  const rows = await ctx.client.$queryRaw<Row[]>(query(ctx.period, buckets));
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
