import 'server-only';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { reportSections, withFigures } from './build.ts';
import { weeksOf, yearBefore, type Bucket, type Period } from '@/lib/calendar/period.ts';
import { bookingsSection } from './sections/bookings.ts';
import { outreachReach } from './sections/outreach.ts';
import { participantsSection, visitFigures } from './sections/participants.ts';
import { programsSection } from './sections/programs.ts';
import { referralsSection } from './sections/referrals.ts';
import { servicesSection } from './sections/services.ts';
import { suiteSection } from './sections/suite.ts';
import type { Counts, RenderedSection, RenderedTable } from './types.ts';
import { addDays, localDay, programNow } from '@/lib/calendar/index.ts';

// The manager's dashboard: the report's own figures (no second set of queries), the weekly visits
// from the same SQL with weeks as buckets, and the headline figures for the same period a year
// earlier, from that SQL too, for comparison. It draws no breakdown of people (publication.ts):
// its people are headline totals only, so there is nothing in it to subtract.

export type Bar = { label: string; value: number };
export type Headline = { key: string; label: string; value: number; lastYear: number | null };
export type Dashboard = {
  weekly: { label: string; visits: number; people: number }[];
  /** Outreach contacts and the people they reached, by the same weeks. */
  outreach: { label: string; contacts: number; reached: number }[];
  services: Bar[];
  supplies: Bar[];
  bookings: { kind: string; used: number; noShow: number }[];
  /** Safe Suite nights by month. */
  suite: { label: string; occupied: number; available: number }[];
  /** Program attendance over the period, by program. */
  programs: Bar[];
  referralsByCategory: Bar[];
  referralsByStatus: Bar[];
  headlines: Headline[];
  /** The same period a year earlier, which the headlines are compared with. */
  lastYear: Period;
};

const whole = (t: RenderedTable | undefined, key: string) => t?.rows.find((r) => r.key === key)?.cells.at(-1)?.value ?? 0;
const table = (sections: RenderedSection[], key: string) => sections.flatMap((s) => s.tables).find((t) => t.key === key);

/** The headline figures, and the same figures a year earlier (visitFigures' rows, whole-period column). */
function headlines(now: RenderedSection[], before: Counts[] | null): Headline[] {
  const pick: [string, string][] = [
    ['people', 'Unique participants'],
    ['fresh', 'New participants (first visit ever)'],
    ['visits', 'Visits'],
    ['anonymous', 'Anonymous visits'],
  ];
  const earlier = (key: string) => before?.find((r) => r.key === key)?.counts.at(-1) ?? 0;
  return pick.map(([key, label]) => ({ key, label, value: whole(table(now, 'participants'), key), lastYear: before ? earlier(key) : null }));
}

const bars = (t: RenderedTable | undefined): Bar[] => (t?.rows ?? []).map((r) => ({ label: r.label, value: r.cells.at(-1)?.value ?? 0 }));

/** The suite's nights month by month, from the report's own table. */
function suiteMonths(t: RenderedTable | undefined): Dashboard['suite'] {
  if (!t) return [];
  const row = (key: string) => t.rows.find((r) => r.key === key)?.cells ?? [];
  return t.columns
    .slice(0, -1)
    .map((label, i) => ({ label, occupied: row('nights-occupied')[i]?.value ?? 0, available: row('nights-available')[i]?.value ?? 0 }));
}

/**
 * A week's label on the chart. A week cut short by the period's start or end says so, and so does
 * the week still running: a short bar must not read as a quiet week.
 */
export function weekLabel(w: Bucket, today: string): string {
  if (w.until > today && w.from <= today) return `${w.label} (part week, so far)`;
  return addDays(w.from, 7) === w.until ? w.label : `${w.label} (part week)`;
}

/** The report's sections the dashboard draws from. */
const DRAWN = [participantsSection, servicesSection, bookingsSection, suiteSection, programsSection, referralsSection].map((s) => s.key);

/** Everything the dashboard draws for one period, as of `now`. Managers (`report:read`). */
export async function dashboard(actor: Actor, period: Period, now: Date = programNow()): Promise<Dashboard> {
  assertCan(actor, 'report:read');
  const earlier = yearBefore(period);
  // A week that has not started has no visits yet, not none: it is left off, not drawn as a zero.
  const weeks = weeksOf(period.from, period.to).filter((w) => w.from <= localDay(now));
  // Last year's side is the headline figures only: the participants section's own query, not a second report.
  // The weeks' visits and outreach in one read, from the report sections' own queries.
  const [sections, previous, [weeklyCounts, outreach]] = await Promise.all([
    reportSections(actor, period, DRAWN, now),
    withFigures(actor, earlier, (ctx) => visitFigures(ctx), now),
    withFigures(actor, period, async (ctx) => [await visitFigures(ctx, weeks, { fresh: false }), await outreachReach(ctx, weeks)] as const, now),
  ]);
  const row = (key: string) => weeklyCounts.find((r) => r.key === key)!.counts;
  // "Where data exists": a year with no visits at all is no comparison.
  const hasPrevious = (previous.find((r) => r.key === 'visits')?.counts.at(-1) ?? 0) > 0;
  return {
    weekly: weeks.map((w, i) => ({ label: weekLabel(w, localDay(now)), visits: row('visits')[i]!, people: row('people')[i]! })),
    outreach: weeks.map((w, i) => ({ label: weekLabel(w, localDay(now)), ...outreach[i]! })),
    services: bars(table(sections, 'services')),
    supplies: bars(table(sections, 'supplies')),
    bookings: (['shower', 'laundry'] as const).map((k) => {
      const t = table(sections, `bookings-${k}`);
      return { kind: k === 'shower' ? 'Showers' : 'Laundry', used: whole(t, 'used'), noShow: whole(t, 'no_show') };
    }),
    suite: suiteMonths(table(sections, 'suite')),
    programs: bars(table(sections, 'programs-attendance')),
    referralsByCategory: bars(table(sections, 'referrals-category')),
    referralsByStatus: bars(table(sections, 'referrals-status')),
    headlines: headlines(sections, hasPrevious ? previous : null),
    lastYear: earlier,
  };
}
