import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { addDays, atLocal, parseDay } from '@/lib/bookings/slots.ts';
import { averagePerSession } from './rules.ts';

// Program figures for any range of program dates, by program: the one function the programs pages
// and the funder statistics both use, so the numbers agree. PostgreSQL does the counting.
//
// A session counts in the range by its start's program date. "Held" is a session where attendance
// was recorded (named people, a headcount or the details form); scheduled sessions nobody recorded
// count neither as held nor cancelled. Total attendance = named attendees + anonymous headcounts of
// held sessions; a person at three sessions is three attendances and one unique named attendee.

export type ProgramFigures = {
  programId: string; programName: string;
  sessionsHeld: number; sessionsCancelled: number; totalAttendance: number; namedAttendance: number;
  anonymousAttendance: number; uniqueNamedAttendees: number; averagePerSession: number;
};

type Row = Omit<ProgramFigures, 'averagePerSession'>;

/** Figures by program for program dates `from`..`to` (inclusive, "yyyy-mm-dd"). Anyone who sees programs (`program:read`), the funder report included. */
export async function programFigures(actor: Actor, range: { from: string; to: string }): Promise<ProgramFigures[]> {
  assertCan(actor, 'program:read');
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) throw new AppError('invalid', 'Enter dates like 2026-11-01.');
  if (to < from) throw new AppError('invalid', 'The end date is before the start date.', 'to');
  const start = atLocal(from, 0);
  const end = atLocal(addDays(to, 1), 0);
  const rows = await db.$queryRaw<Row[]>`
    WITH s AS (
      SELECT id, program_id, status, anonymous_count FROM program_session
      WHERE starts_at >= ${start} AND starts_at < ${end}
    ), named AS (
      SELECT s.program_id, count(*)::int AS attendances, count(DISTINCT a.participant_id)::int AS people
      FROM attendance a JOIN s ON s.id = a.session_id WHERE s.status = 'held' GROUP BY s.program_id
    ), sessions AS (
      SELECT program_id,
             count(*) FILTER (WHERE status = 'held')::int AS held,
             count(*) FILTER (WHERE status = 'cancelled')::int AS cancelled,
             coalesce(sum(anonymous_count) FILTER (WHERE status = 'held'), 0)::int AS anonymous
      FROM s GROUP BY program_id
    )
    SELECT p.id::text AS "programId", p.name AS "programName",
           coalesce(x.held, 0) AS "sessionsHeld", coalesce(x.cancelled, 0) AS "sessionsCancelled",
           (coalesce(n.attendances, 0) + coalesce(x.anonymous, 0))::int AS "totalAttendance",
           coalesce(n.attendances, 0) AS "namedAttendance", coalesce(x.anonymous, 0) AS "anonymousAttendance",
           coalesce(n.people, 0) AS "uniqueNamedAttendees"
    FROM program p LEFT JOIN sessions x ON x.program_id = p.id LEFT JOIN named n ON n.program_id = p.id
    WHERE x.program_id IS NOT NULL OR (p.active_from <= ${to}::date AND (p.active_to IS NULL OR p.active_to >= ${from}::date))
    ORDER BY p.name`;
  return rows.map((r) => ({ ...r, averagePerSession: averagePerSession(r.totalAttendance, r.sessionsHeld) }));
}
