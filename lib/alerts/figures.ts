import 'server-only';
import { db, type Db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { IncidentType } from './labels.ts';
import { monthsOf, type Bucket } from '@/lib/calendar/period.ts';
import { bucketsSql } from '@/lib/calendar/figures-sql.ts';
import { dateOnly } from '@/lib/calendar/index.ts';

// The funder figures for bad date reports: how many were received and published each month, in
// total and by incident type (a report of two types counts once in the total and once under each
// type). Counts only, aggregated by PostgreSQL over the program-local dates stored with each
// report. A report withdrawn (taken back by the person, or entered in error) is not counted as
// received, and is counted apart as withdrawn; an alert published before it was withdrawn still
// counts as published, as it was shared. The funder report calls `alertFiguresByMonth` with its months; `alertFigures` is the
// same query over calendar months. Nothing else counts reports.

export type AlertFigures = {
  months: { month: string; received: number; published: number }[];
  byType: { month: string; type: IncidentType; received: number; published: number }[];
};

/** `key` null: the whole range; `type` null: all reports, each once. */
export type AlertRow = { key: string | null; type: IncidentType | null; received: number; published: number; withdrawn: number };

/**
 * Reports received or published between two program dates ("yyyy-MM-dd", inclusive), by bucket
 * and for the whole range, in total and by type: one query with GROUPING SETS. Only buckets and
 * types with reports have rows (and the whole-range total always). `client` lets the report read
 * inside its own snapshot. Managers (`report:read`).
 */
export async function alertFiguresByMonth(actor: Actor, range: { from: string; to: string }, buckets: Bucket[], client: Db | Tx = db): Promise<AlertRow[]> {
  assertCan(actor, 'report:read');
  const from = dateOnly(range.from);
  const to = dateOnly(range.to);
  return client.$queryRaw<AlertRow[]>`
    WITH events AS (
      SELECT received_on AS on_day, types, (status <> 'withdrawn')::int AS received, 0 AS published, (status = 'withdrawn')::int AS withdrawn
      FROM alert_report WHERE received_on BETWEEN ${from}::date AND ${to}::date
      UNION ALL
      SELECT published_on, types, 0, 1, 0 FROM alert_report WHERE published_on BETWEEN ${from}::date AND ${to}::date
    ), e AS (
      SELECT b.key, events.* FROM events JOIN ${bucketsSql(buckets)} ON events.on_day >= b.d_from AND events.on_day < b.d_until
    )
    SELECT key, NULL::text AS type, coalesce(sum(received), 0)::int AS received, coalesce(sum(published), 0)::int AS published,
           coalesce(sum(withdrawn), 0)::int AS withdrawn
    FROM e GROUP BY GROUPING SETS ((key), ())
    UNION ALL
    SELECT key, t::text, sum(received)::int, sum(published)::int, sum(withdrawn)::int
    FROM e, unnest(types) AS t GROUP BY GROUPING SETS ((key, t), (t))
    ORDER BY key NULLS LAST, type NULLS FIRST`;
}

/** Figures for reports received or published between two program dates ("yyyy-MM-dd", inclusive), by calendar month. Managers (`report:read`). */
export async function alertFigures(actor: Actor, range: { from: string; to: string }): Promise<AlertFigures> {
  assertCan(actor, 'report:read');
  const rows = (await alertFiguresByMonth(actor, range, monthsOf(range.from, range.to))).filter((r) => r.key !== null);
  return {
    months: rows.filter((r) => r.type === null && (r.received || r.published)).map((r) => ({ month: r.key!, received: r.received, published: r.published })),
    byType: rows.filter((r) => r.type !== null).map((r) => ({ month: r.key!, type: r.type!, received: r.received, published: r.published })),
  };
}
