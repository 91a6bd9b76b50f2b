import 'server-only';
import { suiteOccupancyByMonth, type Occupancy } from '@/lib/safe-suite/occupancy.ts';
import { line } from '@/lib/calendar/figures-sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';
import { localDay } from '@/lib/calendar/index.ts';

// The Safe Suite by month: the suite's own occupancy query (lib/safe-suite/occupancy.ts), cut into
// the report's months. Nights and stays are events, shown in full; the rate and the average are
// worked out from the same SQL aggregates.

/** From the two SQL counts, to one decimal (the feature's own rate is already rounded to four places); none with nothing available. */
const percent = (o: Occupancy) => (o.nightsAvailable > 0 ? Math.round((o.nightsOccupied / o.nightsAvailable) * 1000) / 10 : null);

const ROWS: { key: string; label: string; pick: (o: Occupancy) => number | null }[] = [
  { key: 'nights-occupied', label: 'Nights occupied', pick: (o) => o.nightsOccupied },
  { key: 'nights-available', label: 'Nights available', pick: (o) => o.nightsAvailable },
  { key: 'occupancy-rate', label: 'Occupancy rate (%)', pick: percent },
  { key: 'stays-started', label: 'Stays that began', pick: (o) => o.staysStarted },
  { key: 'average-stay', label: 'Average length of stay (nights)', pick: (o) => o.averageNights },
];

async function load(ctx: FigureContext): Promise<FigureTable[]> {
  const { period } = ctx;
  const { months, whole } = await suiteOccupancyByMonth(ctx.actor, period, period.months, ctx.client, ctx.now);
  const byKey = new Map(months.map((m) => [m.key, m]));
  const at = (key: string | null) => (key === null ? whole : byKey.get(key)!);
  // A month not begun has no figures yet: "–", not a 0 % that reads as an empty suite.
  const today = localDay(ctx.now);
  const begun = new Set(period.months.filter((m) => m.from <= today).map((m) => m.key));
  return [
    {
      key: 'suite',
      title: 'Safe Suite occupancy',
      rowHeading: 'Figure',
      suppress: false,
      description:
        'Nights occupied: each night a stay that was taken up (checked in) covered, counted in the month of that night, so a stay across two months counts in both. ' +
        'Nights available: for each unit in use (or used then), the nights of the month from the day it came into use. Occupancy rate: nights occupied out of nights available ("–" when none were available). ' +
        'Only nights up to the day the report is made count: a month, or a stay, still under way counts its nights so far, and a month not yet begun shows "–". ' +
        'Stays that began, and their average length in nights, count each stay in the month it began ("–" when none began). These are totals, shown in full.',
      rows: ROWS.map((r) => line(period, r.key, r.label, (k) => (k === null || begun.has(k) ? r.pick(at(k)) : null))),
      total: null,
    },
  ];
}

export const suiteSection: SectionDefinition = {
  key: 'suite',
  title: 'Safe Suite',
  description: 'How much the suite was used.',
  load,
};
