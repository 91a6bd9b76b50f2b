import 'server-only';
import { bucketDays, line, serviceDaysInPeriod, toCounts, type Category, type GroupedRow } from '@/lib/calendar/figures-sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Services and supplies given at drop-in visits: counts of events, not of people, so shown in
// full. A type appears when it is active or was used in the period (a retired type still reports
// what was given while it existed).

type TypeRow = Category & { unit: string | null; kind: 'service' | 'supply' };

/** Service and supply types to list: active ones, and retired ones used in the period. */
function types(ctx: FigureContext): Promise<TypeRow[]> {
  return ctx.client.$queryRaw<TypeRow[]>`
    SELECT st.id::text AS key, st.name AS label, st.unit, st.kind::text AS kind FROM service_type st
    WHERE st.active OR EXISTS (
      SELECT 1 FROM visit_service vs JOIN visit v ON v.id = vs.visit_id AND v.voided_at IS NULL
      WHERE vs.service_type_id = st.id AND vs.visit_date >= ${ctx.period.from}::date AND vs.visit_date <= ${ctx.period.to}::date)
    ORDER BY st.sort_order, st.name`;
}

type GivenRow = { kind: string; key: string | null; cat: string | null; visits: number; quantity: number; g: number };

/**
 * Visits that included each type and the quantity given, by month and type, per kind (services,
 * supplies): one read of the period's service lines for all three tables.
 */
function given(ctx: FigureContext): Promise<GivenRow[]> {
  return ctx.client.$queryRaw<GivenRow[]>`
    SELECT kind, key, cat, sum(visits)::int AS visits, coalesce(sum(quantity), 0)::int AS quantity, GROUPING(key, cat)::int AS g
    FROM (
      SELECT st.kind::text AS kind, l.key, l.service_type_id::text AS cat, l.visits, l.quantity
      FROM (${serviceDaysInPeriod(ctx.period)}) l JOIN service_type st ON st.id = l.service_type_id
    ) t
    GROUP BY GROUPING SETS ((kind, key, cat), (kind, cat), (kind, key), (kind))`;
}

/**
 * Visits that included at least one supply, by month and over the period (`key` null): each such
 * visit once, however many supplies it had. Read from the supply lines of the period's visits
 * that were not voided, counted per day (a visit's lines all carry its date): the lines come in
 * date order from the date index, so each day's distinct visits are a small sort, not a hash of
 * the year's visits.
 */
function visitsWithSupply(ctx: FigureContext): Promise<{ key: string | null; n: number }[]> {
  const { period } = ctx;
  return ctx.client.$queryRaw`
    SELECT d.key, coalesce(sum(v.n), 0)::int AS n
    FROM (
      SELECT vs.visit_date, count(DISTINCT vs.visit_id) AS n FROM visit_service vs
      WHERE vs.service_type_id = ANY (ARRAY(SELECT id FROM service_type WHERE kind = 'supply'))
        AND vs.visit_date >= ${period.from}::date AND vs.visit_date <= ${period.to}::date
        AND vs.visit_id NOT IN (
          SELECT id FROM visit WHERE voided_at IS NOT NULL AND visit_date >= ${period.from}::date AND visit_date <= ${period.to}::date)
      GROUP BY vs.visit_date
    ) v JOIN ${bucketDays(period.months)} ON d.day = v.visit_date
    GROUP BY GROUPING SETS ((d.key), ())`;
}

/** One kind's rows with one measure as `n`, as `toCounts` reads them. */
const measure = (rows: GivenRow[], kind: string, n: 'visits' | 'quantity'): GroupedRow[] =>
  rows.filter((r) => r.kind === kind).map((r) => ({ key: r.key, cat: r.cat, n: r[n], g: r.g }));

async function load(ctx: FigureContext): Promise<FigureTable[]> {
  const [all, rows, withSupply] = [await types(ctx), await given(ctx), await visitsWithSupply(ctx)];
  const any = new Map(withSupply.map((r) => [r.key, r.n]));
  const services = all.filter((t) => t.kind === 'service');
  const supplies = all.filter((t) => t.kind === 'supply');
  return [
    {
      key: 'services',
      title: 'Services by type',
      rowHeading: 'Service',
      suppress: false,
      description:
        'How many visits included each service (a visit with a meal and a shower counts once for each, so the last row counts services given, not visits). Voided visits are left out.',
      ...toCounts(measure(rows, 'service', 'visits'), ctx.period, services, 'Services given (all types)'),
    },
    {
      key: 'supplies',
      title: 'Supplies by type and quantity',
      rowHeading: 'Supply',
      suppress: false,
      description:
        'How many of each supply were given out at visits, by quantity (kits, packs…): items, not visits. The last row adds up the items of every type. Voided visits are left out.',
      ...toCounts(
        measure(rows, 'supply', 'quantity'),
        ctx.period,
        supplies.map((c) => ({ key: c.key, label: c.unit ? `${c.label} (${c.unit}s)` : c.label })),
        'Items given (all supplies)',
      ),
    },
    {
      key: 'supply-visits',
      title: 'Visits where supplies were given',
      rowHeading: 'Supply',
      suppress: false,
      description:
        'How many visits included each supply, whatever the quantity: visits, not items. A visit with two kinds of supply counts under each, ' +
        'so the types add up to more than the last row, which counts each visit with any supply once. Voided visits are left out.',
      rows: toCounts(measure(rows, 'supply', 'visits'), ctx.period, supplies, null).rows,
      total: line(ctx.period, 'total', 'Visits with any supply', (k) => any.get(k) ?? 0),
    },
  ];
}

export const servicesSection: SectionDefinition = {
  key: 'services',
  title: 'Services and supplies',
  description: 'What people used at drop-in visits.',
  load,
};
