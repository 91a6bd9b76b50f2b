import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import { bucketsSql, grouped, toCounts } from '@/lib/calendar/figures-sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Shower and laundry bookings by outcome: counts of bookings (events), shown in full. Each booking
// counts in the month of its program day. "Used" means checked in (or done after check-in).

const OUTCOMES = [
  { key: 'used', label: 'Used' },
  { key: 'no_show', label: 'Did not come' },
  { key: 'cancelled', label: 'Cancelled' },
  { key: 'booked', label: 'Booked, not yet used' },
];

function outcomes(ctx: FigureContext, kind: 'shower' | 'laundry'): Prisma.Sql {
  const { period } = ctx;
  return Prisma.sql`
    SELECT b.key, CASE WHEN bk.status IN ('checked_in', 'done') THEN 'used' ELSE bk.status::text END AS cat
    FROM booking bk JOIN ${bucketsSql(period.months)} ON bk.day >= b.d_from AND bk.day < b.d_until
    WHERE bk.kind = ${kind}::"ResourceKind" AND bk.day >= ${period.from}::date AND bk.day <= ${period.to}::date`;
}

async function table(ctx: FigureContext, kind: 'shower' | 'laundry'): Promise<FigureTable> {
  const rows = await grouped(ctx, outcomes(ctx, kind), Prisma.sql`count(*)`);
  const word = kind === 'shower' ? 'Shower' : 'Laundry';
  return {
    key: `bookings-${kind}`,
    title: `${word} bookings by outcome`,
    rowHeading: 'Outcome',
    suppress: false,
    description: `${word} bookings by what became of them. Used: the person was checked in. Did not come: released after the grace period or marked missed. Each booking counts in the month of its day.`,
    ...toCounts(rows, ctx.period, OUTCOMES, 'All bookings'),
  };
}

export const bookingsSection: SectionDefinition = {
  key: 'bookings',
  title: 'Shower and laundry bookings',
  description: 'Bookings made and what became of them.',
  load: async (ctx) => [await table(ctx, 'shower'), await table(ctx, 'laundry')],
};
