import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import { grouped, toCounts, visitsInPeriod, type Category } from '../sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Services and supplies given at drop-in visits: counts of events, not of people, so shown in
// full. A type appears when it is active or was used in the period (a retired type still reports
// what was given while it existed).

async function types(ctx: FigureContext, kind: 'service' | 'supply'): Promise<(Category & { unit: string | null })[]> {
  return ctx.client.$queryRaw<(Category & { unit: string | null })[]>`
    SELECT st.id::text AS key, st.name AS label, st.unit FROM service_type st
    WHERE st.kind = ${kind}::"ServiceKind" AND (st.active OR EXISTS (
      SELECT 1 FROM (${visitsInPeriod(ctx.period)}) v JOIN visit_service vs ON vs.visit_id = v.id WHERE vs.service_type_id = st.id))
    ORDER BY st.sort_order, st.name`;
}

function given(ctx: FigureContext, kind: 'service' | 'supply'): Prisma.Sql {
  return Prisma.sql`
    SELECT v.key, vs.service_type_id::text AS cat, vs.quantity
    FROM (${visitsInPeriod(ctx.period)}) v
    JOIN visit_service vs ON vs.visit_id = v.id
    JOIN service_type st ON st.id = vs.service_type_id AND st.kind = ${kind}::"ServiceKind"`;
}

async function servicesTable(ctx: FigureContext): Promise<FigureTable> {
  const cats = await types(ctx, 'service');
  const rows = await grouped(ctx, given(ctx, 'service'), Prisma.sql`count(*)`);
  return {
    key: 'services', title: 'Services by type', rowHeading: 'Service', suppress: false,
    description: 'How many visits included each service (a visit with a meal and a shower counts once for each). Voided visits are left out.',
    ...toCounts(rows, ctx.period, cats, 'All services given'),
  };
}

async function suppliesTable(ctx: FigureContext): Promise<FigureTable> {
  const cats = await types(ctx, 'supply');
  const rows = await grouped(ctx, given(ctx, 'supply'), Prisma.sql`coalesce(sum(quantity), 0)`);
  const labelled = cats.map((c) => ({ key: c.key, label: c.unit ? `${c.label} (${c.unit}s)` : c.label }));
  return {
    key: 'supplies', title: 'Supplies by type and quantity', rowHeading: 'Supply', suppress: false,
    description: 'How many of each supply were given out at visits, by quantity (kits, packs…). Voided visits are left out.',
    ...toCounts(rows, ctx.period, labelled, null),
  };
}

async function suppliesVisitsTable(ctx: FigureContext): Promise<FigureTable> {
  const cats = await types(ctx, 'supply');
  const rows = await grouped(ctx, given(ctx, 'supply'), Prisma.sql`count(*)`);
  return {
    key: 'supply-visits', title: 'Visits where supplies were given', rowHeading: 'Supply', suppress: false,
    description: 'How many visits included each supply, whatever the quantity. Voided visits are left out.',
    ...toCounts(rows, ctx.period, cats, 'Supplies given (all types)'),
  };
}

export const servicesSection: SectionDefinition = {
  key: 'services',
  title: 'Services and supplies',
  description: 'What people used at drop-in visits.',
  load: async (ctx) => [await servicesTable(ctx), await suppliesTable(ctx), await suppliesVisitsTable(ctx)],
};
