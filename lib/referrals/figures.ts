import 'server-only';
import { db, type Db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { rangeBucket, type Bucket } from '@/lib/calendar/period.ts';
import { bucketsSql } from '@/lib/calendar/figures-sql.ts';
import { REASONS, STATUSES, type Category, type Reason, type ReferralStatus } from './rules.ts';
import { parseDay } from '@/lib/calendar/index.ts';

// The referral figures: the one query the referrals page and the funder statistics both run, so
// the same range gives the same numbers everywhere. PostgreSQL aggregates; nothing is summed in
// JavaScript. A referral counts in the range (and the month) of its referral date (program
// calendar). Small-count suppression belongs to the report that publishes these, not here.
// The funder report cuts the range into months (`referralFiguresByMonth`); the referrals page asks
// for one range (`referralFigures`), the same query with a single bucket.

export type ReferralFigures = {
  total: number;
  byCategory: { category: Category; count: number }[];
  /** What the referrals were for (the reason's category; never its words). */
  byReason: { reason: Reason; count: number }[];
  byAgency: { agencyId: string; agencyName: string; count: number }[];
  /** Where each referral made in the range stands now ("final" as of today). */
  byStatus: { status: ReferralStatus; count: number }[];
  /** Median of (connected date − referral date) in days, over referrals that connected; null if none. */
  medianDaysToConnected: number | null;
  connectedCount: number;
};

export type FigureRange = { from: string; to: string };

/** One aggregate row: `key` null for the whole range; at most one of category, reason, agency, status set (none: all referrals). */
export type ReferralRow = {
  key: string | null;
  category: Category | null;
  reason: Reason | null;
  agencyId: string | null;
  agencyName: string | null;
  status: ReferralStatus | null;
  count: number;
  connected: number;
  median: number | null;
};

function checkRange(range: FigureRange): void {
  if (!parseDay(range.from) || !parseDay(range.to)) throw new AppError('invalid', 'Enter the dates like 2026-11-01.', 'from');
  if (range.to < range.from) throw new AppError('invalid', 'The end date cannot be before the start date.', 'to');
}

/**
 * Referrals made from `from` to `to` (inclusive calendar dates) cut into `buckets`: counts by
 * category, by what for, by agency and by status, and the count connected and median days to connected, per
 * bucket and for the whole range — one GROUP BY with GROUPING SETS. `client` lets the report read
 * inside its own snapshot. Same callers as `referralFigures`.
 */
export async function referralFiguresByMonth(actor: Actor, range: FigureRange, buckets: Bucket[], client: Db | Tx = db): Promise<ReferralRow[]> {
  assertCan(actor, 'referral:read');
  checkRange(range);
  const { from, to } = range;
  return client.$queryRaw<ReferralRow[]>`
    SELECT b.key, r.category::text AS category, r.reason_category::text AS reason, a.id::text AS "agencyId", a.name AS "agencyName", r.status::text AS status,
           count(*)::int AS count, count(r.connected_on)::int AS connected,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY r.connected_on - r.referred_on) FILTER (WHERE r.connected_on IS NOT NULL)::float8 AS median
    FROM referral r JOIN agency a ON a.id = r.agency_id
    JOIN ${bucketsSql(buckets)} ON r.referred_on >= b.d_from AND r.referred_on < b.d_until
    WHERE r.referred_on BETWEEN ${from}::date AND ${to}::date
    GROUP BY GROUPING SETS ((b.key, r.category), (r.category), (b.key, r.reason_category), (r.reason_category), (b.key, a.id, a.name), (a.id, a.name), (b.key, r.status), (r.status), (b.key), ())`;
}

/**
 * Referrals made from `from` to `to` (inclusive calendar dates): by category, by what for, by agency, by status
 * and the median days to connected. Coordinators, outreach and managers (`referral:read`), and the
 * funder statistics (managers).
 */
export async function referralFigures(actor: Actor, range: FigureRange): Promise<ReferralFigures> {
  assertCan(actor, 'referral:read');
  checkRange(range);
  const rows = (await referralFiguresByMonth(actor, range, [rangeBucket(range.from, range.to)])).filter((r) => r.key === null);
  const all = rows.find((r) => !r.category && !r.reason && !r.agencyId && !r.status);
  const byCount = <T extends { count: number }>(xs: T[], name: (x: T) => string) => xs.sort((x, y) => y.count - x.count || name(x).localeCompare(name(y)));
  return {
    total: all?.count ?? 0,
    byCategory: byCount(
      rows.filter((r) => r.category).map((r) => ({ category: r.category!, count: r.count })),
      (x) => x.category,
    ),
    byReason: byCount(
      rows.filter((r) => r.reason).map((r) => ({ reason: r.reason!, count: r.count })),
      (x) => String(REASONS.indexOf(x.reason)).padStart(2, '0'),
    ),
    byAgency: byCount(
      rows.filter((r) => r.agencyId).map((r) => ({ agencyId: r.agencyId!, agencyName: r.agencyName!, count: r.count })),
      (x) => x.agencyName,
    ),
    // The life of a referral, made first.
    byStatus: rows
      .filter((r) => r.status)
      .map((r) => ({ status: r.status!, count: r.count }))
      .sort((x, y) => STATUSES.indexOf(x.status) - STATUSES.indexOf(y.status)),
    medianDaysToConnected: all?.median ?? null,
    connectedCount: all?.connected ?? 0,
  };
}
