import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import { AGE_RANGES, AGE_RANGE_FROM } from '@/lib/participants/rules.ts';
import {
  AGE_RANGE_LABELS,
  DECLINED,
  GENDER_LABELS,
  GENDERS,
  INDIGENOUS_IDENTITIES,
  INDIGENOUS_LABELS,
  NOT_ASKED,
  TRAVELLING_LABELS,
} from '@/lib/participants/labels.ts';
import { MAX_MONTHS, type Period } from '@/lib/calendar/period.ts';
import { SUPPRESSION_EXPLAINED } from '../rules.ts';
import { AGE_EXPLAINED, PUBLICATION_EXPLAINED, ageYear } from '../publication.ts';
import { bucketDays, bucketsSql, toCounts, type Category, type GroupedRow } from '@/lib/calendar/figures-sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Breakdowns of the unique participants who visited, by what they chose to tell us. These are
// counts of people: small cells are suppressed (rules.ts). Only categories leave the database —
// never a year of birth, a code or an alias. De-identified records keep these fields (retention.ts),
// so past figures do not change when a record is de-identified.

const withUnknown = (cats: Category[]): Category[] => [...cats, { key: 'declined', label: DECLINED }, { key: 'not_asked', label: NOT_ASKED }];

/**
 * Age range as of the year the period's fiscal year began (publication.ts `ageYear`): a month, its
 * quarter and its fiscal year place a person in one range, in every report. `year` is that year.
 */
function ageCase(year: number): Prisma.Sql {
  const steps = [...AGE_RANGES].reverse().map((r) => Prisma.sql`WHEN ${year}::int - p.birth_year >= ${AGE_RANGE_FROM[r]}::int THEN ${r}::text`);
  return Prisma.sql`CASE WHEN p.birth_year IS NULL THEN (CASE WHEN p.birth_year_state = 'declined' THEN 'declined' ELSE 'not_asked' END)
    ${Prisma.join(steps, ' ')} END`;
}

/** `cat` is the person's answer as SQL over participant p; age needs the year ages are taken in. */
type Breakdown = { key: string; title: string; rowHeading: string; cat: (ageYear: number) => Prisma.Sql; categories: Category[] };

const BREAKDOWNS: Breakdown[] = [
  {
    key: 'age',
    title: 'Unique participants by age range',
    rowHeading: 'Age range',
    cat: ageCase,
    categories: withUnknown(AGE_RANGES.map((r) => ({ key: r, label: AGE_RANGE_LABELS[r] }))),
  },
  {
    key: 'gender',
    title: 'Unique participants by gender identity',
    rowHeading: 'Gender identity',
    cat: () => Prisma.sql`coalesce(p.gender::text, 'not_asked')`,
    categories: withUnknown(GENDERS.map((g) => ({ key: g, label: GENDER_LABELS[g] }))),
  },
  {
    key: 'indigenous',
    title: 'Unique participants by Indigenous identity',
    rowHeading: 'Indigenous identity',
    cat: () => Prisma.sql`coalesce(p.indigenous_identity::text, 'not_asked')`,
    categories: withUnknown(INDIGENOUS_IDENTITIES.map((g) => ({ key: g, label: INDIGENOUS_LABELS[g] }))),
  },
  {
    key: 'travelling',
    title: 'Unique participants who travel for work',
    rowHeading: 'Travelling',
    cat: () => Prisma.sql`coalesce(p.travelling::text, 'not_asked')`,
    categories: withUnknown((['yes', 'no'] as const).map((g) => ({ key: g, label: TRAVELLING_LABELS[g] }))),
  },
];

type DimensionRow = { dim: string; key: string | null; pos: number; n: number; g: number };

// Each answer is counted as its place in the breakdown's categories (1…n, 0 for an answer not
// listed), the four packed six bits apiece into one integer: the aggregates hash small integers
// rather than four strings per row.
const RADIX = 64;
for (const b of BREAKDOWNS) if (b.categories.length >= RADIX) throw new Error(`${b.key}: too many categories to pack`);

// Each person's months in the period as the bits of a bigint: 63 of them, clear of the sign bit,
// room for the longest period a report may cover (MAX_MONTHS).
const MASK_BITS = 63;

/**
 * `participant_id, mask`: bit i of `mask` says the person had a visit that was not voided in the
 * period's month number i. One row per person, from one hash aggregate over the period's visits.
 */
function personMonths(period: Period): Prisma.Sql {
  if (period.months.length > MASK_BITS) throw new Error(`a month mask holds ${MASK_BITS} months, and reports stop at ${MAX_MONTHS}`);
  return Prisma.sql`
    SELECT v.participant_id, bit_or(1::bigint << (d.ord - 1)::int) AS mask
    FROM visit v JOIN ${bucketDays(period.months)} ON d.day = v.visit_date
    WHERE v.voided_at IS NULL AND v.visit_date >= ${period.from}::date AND v.visit_date <= ${period.to}::date
      AND v.participant_id IS NOT NULL
    GROUP BY v.participant_id`;
}

/**
 * Every breakdown in one statement, from one pass over the period's visits. Each person's months
 * come as a bit mask (`personMonths`), joined once to their answers, packed. The persons are
 * counted by mask and answers together (far fewer rows than people over a year, about one a person
 * over three), and only those counts are spread into the months whose bit is set, then into one row
 * per breakdown. A month's cells count its people; the whole-period column counts the persons.
 * Hash aggregates throughout, no sort. `g` means what GROUPING(key, cat) means in `grouped`
 * (sql.ts); `pos` is the category's place (0 in the totals rows).
 *
 * Age is taken in the year each month's fiscal year began, so a period that crosses 1 April (a
 * custom range) places a person in one age range per fiscal year: the packed answers leave the age
 * out (`rest`), each person carries an age place per fiscal year (`ages`), and each month adds the
 * one of its own year. Such a range's whole-range column is never published (publication.ts), so it
 * is not counted.
 */
function breakdownRows(ctx: FigureContext): Promise<DimensionRow[]> {
  const { period } = ctx;
  const years = [...new Set(period.months.map((m) => ageYear(m.from)))];
  const yearOfMonth = period.months.map((m) => years.indexOf(ageYear(m.from)) + 1);
  const place = (b: Breakdown, year: number) => Prisma.sql`coalesce(array_position(${b.categories.map((c) => c.key)}::text[], ${b.cat(year)}), 0)`;
  const AGE = BREAKDOWNS.findIndex((b) => b.key === 'age');
  const rest = Prisma.join(
    BREAKDOWNS.flatMap((b, i) => (i === AGE ? [] : [Prisma.sql`${place(b, years[0]!)} * ${Prisma.raw(String(RADIX ** i))}`])),
    ' + ',
  );
  const ages = Prisma.join(years.map((y) => Prisma.sql`${place(BREAKDOWNS[AGE]!, y)} * ${Prisma.raw(String(RADIX ** AGE))}`));
  const dims = Prisma.join(BREAKDOWNS.map((b, i) => Prisma.sql`(${b.key}, (code / ${Prisma.raw(String(RADIX ** i))}) % ${Prisma.raw(String(RADIX))})`));
  const whole =
    years.length === 1
      ? Prisma.sql`
    UNION ALL
    SELECT d.dim, NULL, coalesce(d.pos, 0)::int, sum(w.n)::int, (2 + GROUPING(d.pos))::int
    FROM (SELECT rest + ages[1] AS code, count(*) AS n FROM pa GROUP BY 1) w CROSS JOIN LATERAL (VALUES ${dims}) AS d(dim, pos)
    GROUP BY GROUPING SETS ((d.dim, d.pos), (d.dim))`
      : Prisma.empty;
  return ctx.client.$queryRaw<DimensionRow[]>`
    WITH pa AS (
      SELECT pm.mask, (${rest})::int AS rest, ARRAY[${ages}]::int[] AS ages
      FROM (${personMonths(period)}) pm JOIN participant p ON p.id = pm.participant_id),
    masks AS (SELECT mask, rest, ages, count(*) AS n FROM pa GROUP BY mask, rest, ages),
    monthly AS (
      SELECT b.key, m.rest + m.ages[(${yearOfMonth}::int[])[b.ord]] AS code, sum(m.n) AS n
      FROM masks m JOIN ${bucketsSql(period.months)} ON m.mask & (1::bigint << (b.ord - 1)::int) <> 0
      GROUP BY 1, 2)
    SELECT d.dim, m.key, coalesce(d.pos, 0)::int AS pos, sum(m.n)::int AS n, GROUPING(m.key, d.pos)::int AS g
    FROM monthly m CROSS JOIN LATERAL (VALUES ${dims}) AS d(dim, pos)
    GROUP BY GROUPING SETS ((d.dim, m.key, d.pos), (d.dim, m.key))${whole}`;
}

/** The rows of one breakdown, with each category's place read back as its key. */
function rowsOf(b: Breakdown, rows: DimensionRow[]): GroupedRow[] {
  return rows.filter((r) => r.dim === b.key).map((r) => ({ key: r.key, cat: b.categories[r.pos - 1]?.key ?? null, n: r.n, g: r.g }));
}

function table(ctx: FigureContext, b: Breakdown, rows: GroupedRow[]): FigureTable {
  const counts = toCounts(rows, ctx.period, b.categories, 'Unique participants');
  // A custom range's whole-range column is never published, so never counted: null, not 0.
  if (ctx.period.kind === 'custom') for (const r of [...counts.rows, counts.total!]) r.counts[r.counts.length - 1] = null;
  return {
    key: `demographics-${b.key}`,
    title: b.title,
    rowHeading: b.rowHeading,
    suppress: true,
    description:
      `Participants with a record who visited, counted once each, by ${b.rowHeading.toLowerCase()}. ` +
      (b.key === 'age' ? `${AGE_EXPLAINED} ` : '') +
      `${PUBLICATION_EXPLAINED} ${SUPPRESSION_EXPLAINED}`,
    ...counts,
  };
}

export const demographicsSection: SectionDefinition = {
  key: 'demographics',
  title: 'Who participants are',
  description: 'Breakdowns of unique participants by what they chose to tell us. Small counts are hidden so that nobody can be singled out.',
  enabled: (ctx) => !ctx.options.omitDemographics,
  load: async (ctx) => {
    const rows = await breakdownRows(ctx);
    return BREAKDOWNS.map((b) => table(ctx, b, rowsOf(b, rows)));
  },
};
