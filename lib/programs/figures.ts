import 'server-only';
import { db, type Db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { rangeBucket, type Bucket } from '@/lib/calendar/period.ts';
import { bucketsSql } from '@/lib/calendar/figures-sql.ts';
import { averagePerSession } from './rules.ts';
import { parseDay, programNow } from '@/lib/calendar/index.ts';

// Program figures for any range of program dates, by program: the one query the programs pages
// and the funder statistics both use, so the numbers agree. PostgreSQL does the counting.
//
// A session counts in the range by its start's program date. "Held" is a session where attendance
// was recorded (named people, a headcount or the details form); scheduled sessions nobody recorded
// count neither as held nor cancelled; those whose start has passed (as of `now`) count as "not
// recorded", so a gap in the record shows. Total attendance = named attendees + anonymous
// headcounts of held sessions; a person at three sessions is three attendances and one unique named attendee.
// The funder report cuts the range into months (`programFiguresByMonth`); the programs page asks
// for one range (`programFigures`), the same query with a single bucket.

export type ProgramFigures = {
  programId: string;
  programName: string;
  sessionsHeld: number;
  sessionsCancelled: number;
  sessionsNotRecorded: number;
  totalAttendance: number;
  namedAttendance: number;
  anonymousAttendance: number;
  uniqueNamedAttendees: number;
  averagePerSession: number;
};

type Counts = Omit<ProgramFigures, 'programId' | 'programName' | 'averagePerSession'>;
/** A cell: one program (or all, null) in one bucket (or the whole range, null). */
export type ProgramCell = Counts & { key: string | null; programId: string | null; averagePerSession: number };

function checkRange(range: { from: string; to: string }): { from: string; to: string } {
  const from = parseDay(range.from);
  const to = parseDay(range.to);
  if (!from || !to) throw new AppError('invalid', 'Enter dates like 2026-11-01.');
  if (to < from) throw new AppError('invalid', 'The end date is before the start date.', 'to');
  return { from, to };
}

/** Programs to list for the range: those with sessions in it, and those active during it. */
function programsSql(client: Db | Tx, from: string, to: string, start: Date, end: Date) {
  return client.$queryRaw<{ programId: string; programName: string }[]>`
    SELECT p.id::text AS "programId", p.name AS "programName" FROM program p
    WHERE EXISTS (SELECT 1 FROM program_session s WHERE s.program_id = p.id AND s.starts_at >= ${start} AND s.starts_at < ${end})
       OR (p.active_from <= ${to}::date AND (p.active_to IS NULL OR p.active_to >= ${from}::date))
    ORDER BY p.name`;
}

/** By bucket and program, by program, by bucket over all programs, and overall: GROUP BY with GROUPING SETS. */
function cellsSql(client: Db | Tx, buckets: Bucket[], start: Date, end: Date, now: Date) {
  return client.$queryRaw<(Counts & { key: string | null; programId: string | null })[]>`
    WITH s AS (
      SELECT b.key, ps.id, ps.program_id, ps.status, ps.anonymous_count, ps.starts_at
      FROM program_session ps JOIN ${bucketsSql(buckets)} ON ps.starts_at >= b.t_from AND ps.starts_at < b.t_until
      WHERE ps.starts_at >= ${start} AND ps.starts_at < ${end}
    ), sessions AS (
      SELECT key, program_id, GROUPING(key, program_id) AS g,
             count(*) FILTER (WHERE status = 'held') AS held,
             count(*) FILTER (WHERE status = 'cancelled') AS cancelled,
             count(*) FILTER (WHERE status = 'scheduled' AND starts_at < ${now}) AS not_recorded,
             coalesce(sum(anonymous_count) FILTER (WHERE status = 'held'), 0) AS anonymous
      FROM s GROUP BY GROUPING SETS ((key, program_id), (program_id), (key), ())
    ), named AS (
      SELECT s.key, s.program_id, GROUPING(s.key, s.program_id) AS g,
             count(*) AS attendances, count(DISTINCT a.participant_id) AS people
      FROM attendance a JOIN s ON s.id = a.session_id WHERE s.status = 'held'
      GROUP BY GROUPING SETS ((s.key, s.program_id), (s.program_id), (s.key), ())
    )
    SELECT x.key, x.program_id::text AS "programId",
           x.held::int AS "sessionsHeld", x.cancelled::int AS "sessionsCancelled", x.not_recorded::int AS "sessionsNotRecorded",
           (coalesce(n.attendances, 0) + x.anonymous)::int AS "totalAttendance",
           coalesce(n.attendances, 0)::int AS "namedAttendance", x.anonymous::int AS "anonymousAttendance",
           coalesce(n.people, 0)::int AS "uniqueNamedAttendees"
    FROM sessions x LEFT JOIN named n ON n.g = x.g AND n.key IS NOT DISTINCT FROM x.key AND n.program_id IS NOT DISTINCT FROM x.program_id`;
}

const ZERO: Counts = {
  sessionsHeld: 0,
  sessionsCancelled: 0,
  sessionsNotRecorded: 0,
  totalAttendance: 0,
  namedAttendance: 0,
  anonymousAttendance: 0,
  uniqueNamedAttendees: 0,
};

export type ProgramFiguresByMonth = {
  programs: { programId: string; programName: string }[];
  /** cell(bucketKey | null, programId | null): null for the whole range, or for all programs. Zeros when nothing happened. */
  cell: (key: string | null, programId: string | null) => ProgramCell;
};

/**
 * The range cut into `buckets` (months for the funder report): every program's figures per bucket
 * and for the whole range, and the same over all programs (unique named attendees counted once
 * across programs). Two queries. `client` lets the report read inside its own snapshot. Anyone
 * who sees programs (`program:read`), the funder report included.
 */
export async function programFiguresByMonth(
  actor: Actor,
  range: { from: string; to: string },
  buckets: Bucket[],
  client: Db | Tx = db,
  now: Date = programNow(),
): Promise<ProgramFiguresByMonth> {
  assertCan(actor, 'program:read');
  const { from, to } = checkRange(range);
  const whole = rangeBucket(from, to);
  const [programs, cells] = await Promise.all([
    programsSql(client, from, to, whole.startsAt, whole.endsAt),
    cellsSql(client, buckets, whole.startsAt, whole.endsAt, now),
  ]);
  const found = new Map(cells.map((c) => [`${c.key ?? '*'}|${c.programId ?? '*'}`, c]));
  return {
    programs,
    cell: (key, programId) => {
      const c = found.get(`${key ?? '*'}|${programId ?? '*'}`) ?? { ...ZERO, key, programId };
      return { ...c, averagePerSession: averagePerSession(c.totalAttendance, c.sessionsHeld) };
    },
  };
}

/** Figures by program for program dates `from`..`to` (inclusive, "yyyy-mm-dd"). Anyone who sees programs (`program:read`), the funder report included. */
export async function programFigures(actor: Actor, range: { from: string; to: string }, now: Date = programNow()): Promise<ProgramFigures[]> {
  assertCan(actor, 'program:read');
  const { from, to } = checkRange(range);
  const f = await programFiguresByMonth(actor, { from, to }, [rangeBucket(from, to)], db, now);
  return f.programs.map((p) => {
    const { key: _key, programId: _id, ...counts } = f.cell(null, p.programId);
    return { ...p, ...counts };
  });
}
