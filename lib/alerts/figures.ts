import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { IncidentType } from './labels.ts';
import { dateOnly } from '@/lib/visits/rules.ts';

// The funder figures for bad date reports: how many were received and published each month, in
// total and by incident type (a report of two types counts once in the total and once under each
// type). Counts only, aggregated by PostgreSQL over the program-local dates stored with each
// report. The funder report calls this one function; nothing else counts reports.

export type AlertFigures = {
  months: { month: string; received: number; published: number }[];
  byType: { month: string; type: IncidentType; received: number; published: number }[];
};

/** Figures for reports received or published between two program dates ("yyyy-MM-dd", inclusive). Managers (`report:read`). */
export async function alertFigures(actor: Actor, range: { from: string; to: string }): Promise<AlertFigures> {
  assertCan(actor, 'report:read');
  const from = dateOnly(range.from);
  const to = dateOnly(range.to);
  const months = await db.$queryRaw<{ month: string; received: bigint; published: bigint }[]>`
    WITH events AS (
      SELECT received_on AS on_day, 1 AS received, 0 AS published FROM alert_report WHERE received_on BETWEEN ${from}::date AND ${to}::date
      UNION ALL
      SELECT published_on, 0, 1 FROM alert_report WHERE published_on BETWEEN ${from}::date AND ${to}::date
    )
    SELECT to_char(on_day, 'YYYY-MM') AS month, sum(received) AS received, sum(published) AS published
    FROM events GROUP BY 1 ORDER BY 1`;
  const byType = await db.$queryRaw<{ month: string; type: IncidentType; received: bigint; published: bigint }[]>`
    WITH events AS (
      SELECT received_on AS on_day, types, 1 AS received, 0 AS published FROM alert_report WHERE received_on BETWEEN ${from}::date AND ${to}::date
      UNION ALL
      SELECT published_on, types, 0, 1 FROM alert_report WHERE published_on BETWEEN ${from}::date AND ${to}::date
    )
    SELECT to_char(on_day, 'YYYY-MM') AS month, t::text AS type, sum(received) AS received, sum(published) AS published
    FROM events, unnest(types) AS t GROUP BY 1, 2 ORDER BY 1, 2`;
  const n = (v: bigint) => Number(v);
  return {
    months: months.map((m) => ({ month: m.month, received: n(m.received), published: n(m.published) })),
    byType: byType.map((m) => ({ month: m.month, type: m.type, received: n(m.received), published: n(m.published) })),
  };
}
