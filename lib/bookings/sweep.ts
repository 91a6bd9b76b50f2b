import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';

// No-shows without a cron: every booking read and write first runs this sweep. One statement,
// so it is atomic and idempotent (a second run, or a concurrent one, finds nothing left to do):
//   - a booking not checked in within the grace period (setting bookings.graceMinutes) after its
//     slot started, or after it was booked if that was later, becomes no_show and frees its seat;
//   - for each place freed in a slot not yet over, the first person waiting for that kind and
//     day is marked offered (the desk sees it and books them);
//   - a checked-in booking whose slot is over becomes done;
// each with its audit row (no actor: the system did it).

export type SweepResult = { missed: number; finished: number; offered: number };

/** Applies no-shows, offers and completions due at `now`. Internal: no actor, callers are booking reads/writes. */
export async function sweepNoShows(now: Date = new Date(), client: Tx | typeof db = db): Promise<SweepResult> {
  const [row] = await client.$queryRaw<SweepResult[]>`
    WITH grace AS (
      SELECT make_interval(mins => coalesce((
        SELECT CASE WHEN jsonb_typeof(value) = 'number' THEN (value #>> '{}')::numeric::int END
        FROM setting WHERE key = 'bookings.graceMinutes'), 10)) AS span
    ),
    missed AS (
      UPDATE booking b SET status = 'no_show', no_show_at = ${now}
      FROM grace
      WHERE b.status = 'booked' AND b.slot_start <= ${now}::timestamptz - grace.span
        AND greatest(b.slot_start, b.booked_at) + grace.span <= ${now}
      RETURNING b.id, b.kind, b.day, b.participant_id, b.slot_end
    ),
    finished AS (
      UPDATE booking b SET status = 'done', done_at = b.slot_end
      WHERE b.status = 'checked_in' AND b.slot_start < ${now} AND b.slot_end <= ${now}
      RETURNING b.id
    ),
    freed AS (
      SELECT kind, day, count(*) AS n FROM missed WHERE slot_end > ${now} GROUP BY kind, day
    ),
    ranked AS (
      SELECT w.id, f.n, row_number() OVER (PARTITION BY w.kind, w.day ORDER BY w.created_at, w.id) AS position
      FROM waitlist_entry w JOIN freed f ON f.kind = w.kind AND f.day = w.day
      WHERE w.status = 'waiting'
    ),
    offered AS (
      UPDATE waitlist_entry w SET status = 'offered', offered_at = ${now}
      FROM ranked r WHERE w.id = r.id AND r.position <= r.n AND w.status = 'waiting'
      RETURNING w.id
    ),
    audited AS (
      INSERT INTO audit_event (action, entity_type, entity_id, details)
      SELECT 'booking.no_show', 'booking', id::text, jsonb_build_object('auto', true, 'participantId', participant_id) FROM missed
      UNION ALL SELECT 'booking.done', 'booking', id::text, jsonb_build_object('auto', true) FROM finished
      UNION ALL SELECT 'waitlist_entry.offered', 'waitlist_entry', id::text, jsonb_build_object('auto', true) FROM offered
      RETURNING 1
    )
    SELECT (SELECT count(*) FROM missed)::int AS missed, (SELECT count(*) FROM finished)::int AS finished,
           (SELECT count(*) FROM offered)::int AS offered, (SELECT count(*) FROM audited)::int AS audited`;
  return { missed: row!.missed, finished: row!.finished, offered: row!.offered };
}
