import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import { AGE_RANGES, AGE_RANGE_FROM } from '@/lib/participants/rules.ts';
import {
  AGE_RANGE_LABELS, DECLINED, GENDER_LABELS, GENDERS, INDIGENOUS_IDENTITIES, INDIGENOUS_LABELS, NOT_ASKED, TRAVELLING_LABELS,
} from '@/lib/participants/labels.ts';
import { toCounts, visitsInPeriod, type Category, type GroupedRow } from '../sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Breakdowns of the unique participants who visited, by what they chose to tell us. These are
// counts of people: small cells are suppressed (rules.ts). Only categories leave the database —
// never a year of birth, a code or an alias. De-identified records keep these fields (retention.ts),
// so past figures do not change when a record is de-identified.

const withUnknown = (cats: Category[]): Category[] => [...cats, { key: 'declined', label: DECLINED }, { key: 'not_asked', label: NOT_ASKED }];

/** Age range as of the year the period ends, so a person sits in one range across the whole report. */
function ageCase(ctx: FigureContext): Prisma.Sql {
  const year = Number(ctx.period.to.slice(0, 4));
  const steps = [...AGE_RANGES].reverse().map((r) => Prisma.sql`WHEN ${year}::int - p.birth_year >= ${AGE_RANGE_FROM[r]}::int THEN ${r}::text`);
  return Prisma.sql`CASE WHEN p.birth_year IS NULL THEN (CASE WHEN p.birth_year_state = 'declined' THEN 'declined' ELSE 'not_asked' END)
    ${Prisma.join(steps, ' ')} END`;
}

type Breakdown = { key: string; title: string; rowHeading: string; cat: (ctx: FigureContext) => Prisma.Sql; categories: Category[] };

const BREAKDOWNS: Breakdown[] = [
  {
    key: 'age', title: 'Unique participants by age range', rowHeading: 'Age range', cat: ageCase,
    categories: withUnknown(AGE_RANGES.map((r) => ({ key: r, label: AGE_RANGE_LABELS[r] }))),
  },
  {
    key: 'gender', title: 'Unique participants by gender identity', rowHeading: 'Gender identity',
    cat: () => Prisma.sql`coalesce(p.gender::text, 'not_asked')`,
    categories: withUnknown(GENDERS.map((g) => ({ key: g, label: GENDER_LABELS[g] }))),
  },
  {
    key: 'indigenous', title: 'Unique participants by Indigenous identity', rowHeading: 'Indigenous identity',
    cat: () => Prisma.sql`coalesce(p.indigenous_identity::text, 'not_asked')`,
    categories: withUnknown(INDIGENOUS_IDENTITIES.map((g) => ({ key: g, label: INDIGENOUS_LABELS[g] }))),
  },
  {
    key: 'travelling', title: 'Unique participants who travel for work', rowHeading: 'Travelling',
    cat: () => Prisma.sql`coalesce(p.travelling::text, 'not_asked')`,
    categories: withUnknown((['yes', 'no'] as const).map((g) => ({ key: g, label: TRAVELLING_LABELS[g] }))),
  },
];

type DimensionRow = GroupedRow & { dim: string };

/**
 * Every breakdown in one statement. The period's (month, person) pairs, once each, are joined to
 * the people and counted by their four answers together (a few hundred combinations a month,
 * whatever the number of people); only those counts are then spread into one row per breakdown.
 * A month's cells count its pairs; the whole-period column counts the distinct people among all
 * the pairs. Hash aggregates throughout, no sort. `g` means what GROUPING(key, cat) means in
 * `grouped` (sql.ts).
 */
function breakdownRows(ctx: FigureContext): Promise<DimensionRow[]> {
  const answers = Prisma.join(BREAKDOWNS.map((b, i) => Prisma.sql`${b.cat(ctx)} AS c${Prisma.raw(String(i))}`));
  const columns = Prisma.join(BREAKDOWNS.map((_, i) => Prisma.raw(`c${i}`)));
  const dims = Prisma.join(BREAKDOWNS.map((b, i) => Prisma.sql`(${b.key}, ${Prisma.raw(`c${i}`)})`));
  return ctx.client.$queryRaw<DimensionRow[]>`
    WITH pm AS (SELECT DISTINCT key, participant_id FROM (${visitsInPeriod(ctx.period)}) v WHERE participant_id IS NOT NULL),
    monthly AS (
      SELECT key, ${columns}, count(*) AS n
      FROM (SELECT pm.key, ${answers} FROM pm JOIN participant p ON p.id = pm.participant_id) a
      GROUP BY key, ${columns}),
    whole AS (
      SELECT ${columns}, count(*) AS n
      FROM (SELECT ${answers} FROM (SELECT DISTINCT participant_id FROM pm) u JOIN participant p ON p.id = u.participant_id) a
      GROUP BY ${columns})
    SELECT d.dim, m.key, d.cat, sum(m.n)::int AS n, GROUPING(m.key, d.cat)::int AS g
    FROM monthly m CROSS JOIN LATERAL (VALUES ${dims}) AS d(dim, cat)
    GROUP BY GROUPING SETS ((d.dim, m.key, d.cat), (d.dim, m.key))
    UNION ALL
    SELECT d.dim, NULL, d.cat, sum(w.n)::int, (2 + GROUPING(d.cat))::int
    FROM whole w CROSS JOIN LATERAL (VALUES ${dims}) AS d(dim, cat)
    GROUP BY GROUPING SETS ((d.dim, d.cat), (d.dim))`;
}

function table(ctx: FigureContext, b: Breakdown, rows: GroupedRow[]): FigureTable {
  return {
    key: `demographics-${b.key}`, title: b.title, rowHeading: b.rowHeading, suppress: true,
    description:
      `Participants with a record who visited, counted once each, by ${b.rowHeading.toLowerCase()}` +
      (b.key === 'age' ? ` (age reached in ${ctx.period.to.slice(0, 4)}, from the year of birth)` : '') +
      '. Counts from 1 to 9 show as "<10"; a cell marked "x" is hidden so that a small count cannot be worked out from the totals.',
    ...toCounts(rows, ctx.period, b.categories, 'Unique participants'),
  };
}

export const demographicsSection: SectionDefinition = {
  key: 'demographics',
  title: 'Who participants are',
  description: 'Breakdowns of unique participants by what they chose to tell us. Small counts are hidden so that nobody can be singled out.',
  enabled: (ctx) => !ctx.options.omitDemographics,
  load: async (ctx) => {
    const rows = await breakdownRows(ctx);
    return BREAKDOWNS.map((b) => table(ctx, b, rows.filter((r) => r.dim === b.key)));
  },
};
