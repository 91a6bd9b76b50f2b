import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { parseDay } from '@/lib/bookings/slots.ts';
import type { Category, ReferralStatus } from './rules.ts';

// The referral figures: the one piece of code the referrals page and the funder statistics both
// call, so the same range gives the same numbers everywhere. PostgreSQL aggregates; nothing is
// summed in JavaScript. A referral counts in the range of its referral date (program calendar).
// Small-count suppression belongs to the report that publishes these, not here.

export type ReferralFigures = {
  total: number;
  byCategory: { category: Category; count: number }[];
  byAgency: { agencyId: string; agencyName: string; count: number }[];
  /** Where each referral made in the range stands now ("final" as of today). */
  byStatus: { status: ReferralStatus; count: number }[];
  /** Median of (connected date − referral date) in days, over referrals that connected; null if none. */
  medianDaysToConnected: number | null;
  connectedCount: number;
};

export type FigureRange = { from: string; to: string };

function checkRange(range: FigureRange): void {
  if (!parseDay(range.from) || !parseDay(range.to)) throw new AppError('invalid', 'Enter the dates like 2026-11-01.', 'from');
  if (range.to < range.from) throw new AppError('invalid', 'The end date cannot be before the start date.', 'to');
}

/**
 * Referrals made from `from` to `to` (inclusive calendar dates): by category, by agency, by status
 * and the median days to connected. Coordinators, outreach and managers (`referral:read`), and the
 * funder statistics (managers).
 */
export async function referralFigures(actor: Actor, range: FigureRange): Promise<ReferralFigures> {
  assertCan(actor, 'referral:read');
  checkRange(range);
  const { from, to } = range;
  const [byCategory, byAgency, byStatus, connected] = await Promise.all([
    db.$queryRaw<{ category: Category; count: number }[]>`
      SELECT category::text AS category, count(*)::int AS count FROM referral
      WHERE referred_on BETWEEN ${from}::date AND ${to}::date GROUP BY category ORDER BY count(*) DESC, category`,
    db.$queryRaw<{ agencyId: string; agencyName: string; count: number }[]>`
      SELECT a.id::text AS "agencyId", a.name AS "agencyName", count(*)::int AS count
      FROM referral r JOIN agency a ON a.id = r.agency_id
      WHERE r.referred_on BETWEEN ${from}::date AND ${to}::date GROUP BY a.id, a.name ORDER BY count(*) DESC, a.name`,
    db.$queryRaw<{ status: ReferralStatus; count: number }[]>`
      SELECT r.status::text AS status, count(*)::int AS count FROM referral r
      WHERE r.referred_on BETWEEN ${from}::date AND ${to}::date GROUP BY r.status ORDER BY r.status`, // enum order: the life of a referral, made first
    db.$queryRaw<{ median: number | null; connected: number; total: number }[]>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY connected_on - referred_on) FILTER (WHERE connected_on IS NOT NULL)::float8 AS median,
             count(connected_on)::int AS connected, count(*)::int AS total
      FROM referral WHERE referred_on BETWEEN ${from}::date AND ${to}::date`,
  ]);
  return {
    total: connected[0]?.total ?? 0,
    byCategory, byAgency, byStatus,
    medianDaysToConnected: connected[0]?.median ?? null,
    connectedCount: connected[0]?.connected ?? 0,
  };
}
