import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import type { Bucket, Period } from './period.ts';
import type { Counts, FigureContext } from './figure-types.ts';

// Shared SQL for report sections. Buckets (months, weeks) come from period.ts as a derived table
// `b(key, d_from, d_until, t_from, t_until, ord)`: dates for date columns (visit.visit_date,
// booking.day), local-midnight instants for timestamptz columns, and ord numbering them from 1.
// Every figure is one GROUP BY with GROUPING SETS, so PostgreSQL computes the cells, the
// whole-period column and the totals row.

/** The derived table of buckets to join on; `ord` numbers them from 1 in order. */
export function bucketsSql(buckets: Bucket[]): Prisma.Sql {
  return Prisma.sql`unnest(
    ${buckets.map((b) => b.key)}::text[], ${buckets.map((b) => b.from)}::date[], ${buckets.map((b) => b.until)}::date[],
    ${buckets.map((b) => b.startsAt)}::timestamptz[], ${buckets.map((b) => b.endsAt)}::timestamptz[]
  ) WITH ORDINALITY AS b(key, d_from, d_until, t_from, t_until, ord)`;
}

export type GroupedRow = { key: string | null; cat: string | null; n: number; g: number };

/**
 * Aggregates `inner` (a query yielding columns `key` and `cat`) by month and category, by category
 * over the whole period, by month over all categories, and overall. `g` is GROUPING(key, cat):
 * 0 a cell, 1 a month's total, 2 a category's whole-period count, 3 the grand total.
 */
export function grouped(ctx: FigureContext, inner: Prisma.Sql, agg: Prisma.Sql): Promise<GroupedRow[]> {
  return ctx.client.$queryRaw<GroupedRow[]>`
    SELECT key, cat, (${agg})::int AS n, GROUPING(key, cat)::int AS g
    FROM (${inner}) t
    GROUP BY GROUPING SETS ((key, cat), (cat), (key), ())`;
}

export type Category = { key: string; label: string };

/** Lays grouped rows out as one row of counts per category plus the totals row. Missing cells are 0. */
export function toCounts(rows: GroupedRow[], period: Period, categories: Category[], totalLabel: string | null): { rows: Counts[]; total: Counts | null } {
  const col = new Map(period.months.map((m, i) => [m.key, i]));
  const width = period.months.length + 1;
  const byCat = new Map(categories.map((c) => [c.key, Array<number>(width).fill(0)]));
  const total = Array<number>(width).fill(0);
  for (const r of rows) {
    const i = r.key === null ? width - 1 : col.get(r.key);
    if (i === undefined) continue;
    if (r.g === 0 || r.g === 2) {
      const line = byCat.get(r.cat ?? '');
      if (line) line[i] = r.n;
    } else total[i] = r.n;
  }
  return {
    rows: categories.map((c) => ({ key: c.key, label: c.label, counts: byCat.get(c.key)! })),
    total: totalLabel ? { key: 'total', label: totalLabel, counts: total } : null,
  };
}

/**
 * The buckets spread into their days, `d(key, ord, day)`: a row finds its bucket by an equality
 * on its date (a hash join) rather than by testing every bucket's range against it.
 */
export function bucketDays(buckets: Bucket[]): Prisma.Sql {
  return Prisma.sql`(
    SELECT b.key, b.ord, day::date AS day
    FROM ${bucketsSql(buckets)} CROSS JOIN LATERAL generate_series(b.d_from, b.d_until - 1, interval '1 day') AS day
  ) d`;
}

/**
 * The service and supply lines of the period's non-voided visits, counted per day and type, with
 * the day's month: `key`, `service_type_id`, `visits` (lines: one per visit that included the
 * type), `quantity`. Read by the date each line carries (visit_service.visit_date), leaving out
 * the lines of the period's few voided visits; counted per day first, so the month's grouping
 * works on a few thousand rows, not on every line.
 */
export function serviceDaysInPeriod(period: Period): Prisma.Sql {
  return Prisma.sql`
    SELECT d.key, l.service_type_id, l.visits, l.quantity
    FROM (
      SELECT vs.visit_date, vs.service_type_id, count(*) AS visits, sum(vs.quantity) AS quantity
      FROM visit_service vs
      WHERE vs.visit_date >= ${period.from}::date AND vs.visit_date <= ${period.to}::date
        AND vs.visit_id NOT IN (
          SELECT id FROM visit WHERE voided_at IS NOT NULL AND visit_date >= ${period.from}::date AND visit_date <= ${period.to}::date)
      GROUP BY vs.visit_date, vs.service_type_id
    ) l JOIN ${bucketDays(period.months)} ON d.day = l.visit_date`;
}

/**
 * A row of figures already aggregated by SQL per month (and for the whole period, key null):
 * `pick` reads one figure for a month's key, or for null.
 */
export function line(period: Period, key: string, label: string, pick: (month: string | null) => number | null): Counts {
  return { key, label, counts: [...period.months.map((m) => pick(m.key)), pick(null)] };
}
