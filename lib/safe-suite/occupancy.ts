import 'server-only';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError, forbidden } from '@/lib/errors.ts';
import { parseDay } from '@/lib/bookings/slots.ts';

// Occupancy of the Safe Suite for any range of program dates: the one function the suite page and
// the funder statistics both call, so the numbers agree. A night is a calendar date D on which a
// stay taken up (checked in, or checked out) had arrived on or before D and left after D. Dates
// are stored on each stay in program time by the code, so PostgreSQL aggregates plain dates.

export type Occupancy = {
  from: string; to: string;
  nightsOccupied: number;
  nightsAvailable: number;
  /** nightsOccupied / nightsAvailable, 0..1 (0 when nothing was available). */
  occupancyRate: number;
  /** Stays that arrived in the range. */
  staysStarted: number;
  /** Average nights of the stays that arrived in the range (null when none did). */
  averageNights: number | null;
};

const MAX_DAYS = 3700;

/**
 * Nights occupied and available, the rate and the average length of stay, from `from` to `to`
 * (program dates, both included). Roles that see stays (`stay:read`) and the funder statistics
 * (`report:read`).
 */
export async function suiteOccupancy(actor: Actor, range: { from: string; to: string }): Promise<Occupancy> {
  if (!can(actor, 'stay:read') && !can(actor, 'report:read')) throw forbidden();
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) throw new AppError('invalid', 'Choose dates, like 2026-11-01.', from ? 'to' : 'from');
  const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  if (days < 1) throw new AppError('invalid', 'The end date must be on or after the start date.', 'to');
  if (days > MAX_DAYS) throw new AppError('invalid', 'Choose a range of ten years or less.', 'to');
  const [r] = await db.$queryRaw<{ occupied: number; available: number; started: number; average: number | null }[]>`
    WITH taken AS (
      SELECT unit_id, start_day, end_day FROM stay
      WHERE status IN ('checked_in', 'checked_out') AND start_day <= ${to}::date AND end_day > ${from}::date
    ), units AS (
      SELECT id FROM suite_unit WHERE active OR id IN (SELECT unit_id FROM taken)
    )
    SELECT
      coalesce(sum(greatest(0, least(end_day, ${to}::date + 1) - greatest(start_day, ${from}::date))), 0)::int AS occupied,
      (${days}::int * (SELECT count(*) FROM units))::int AS available,
      count(*) FILTER (WHERE start_day >= ${from}::date)::int AS started,
      round(avg(end_day - start_day) FILTER (WHERE start_day >= ${from}::date), 2)::float8 AS average
    FROM taken`;
  const { occupied, available, started, average } = r!;
  return {
    from, to, nightsOccupied: occupied, nightsAvailable: available,
    occupancyRate: available > 0 ? Math.round((occupied / available) * 10_000) / 10_000 : 0,
    staysStarted: started, averageNights: average,
  };
}
