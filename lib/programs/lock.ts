import 'server-only';
import type { Tx } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { sessionHasStarted, withinActiveDates } from './rules.ts';
import { SESSION_CANCELLED, SESSION_NOT_FOUND } from './schema.ts';
import { localDay } from '@/lib/calendar/index.ts';

export type LockedSession = {
  id: string;
  programId: string;
  status: 'scheduled' | 'held' | 'cancelled';
  startsAt: Date;
  endsAt: Date;
  anonymousCount: number;
  activeFrom: Date;
  activeTo: Date | null;
};

const dayText = (d: Date) => d.toISOString().slice(0, 10);

/** Locks a session row for this transaction (writers on one session go one after the other). */
export async function lockSession(tx: Tx, sessionId: string): Promise<LockedSession> {
  const [row] = await tx.$queryRaw<LockedSession[]>`
    SELECT s.id::text AS id, s.program_id::text AS "programId", s.status::text AS status, s.starts_at AS "startsAt", s.ends_at AS "endsAt",
           s.anonymous_count AS "anonymousCount", p.active_from AS "activeFrom", p.active_to AS "activeTo"
    FROM program_session s JOIN program p ON p.id = s.program_id
    WHERE s.id = ${sessionId}::uuid
    FOR UPDATE OF s`;
  if (!row) throw new AppError('not_found', SESSION_NOT_FOUND);
  return row;
}

/** Whether a session's date is within its program's active dates. */
export function sessionWithinDates(s: Pick<LockedSession, 'startsAt' | 'activeFrom' | 'activeTo'>): boolean {
  return withinActiveDates({ activeFrom: dayText(s.activeFrom), activeTo: s.activeTo ? dayText(s.activeTo) : null }, localDay(s.startsAt));
}

/** Locks a session people can be counted at: not cancelled, within the program's dates, and begun. */
export async function lockOpenSession(tx: Tx, sessionId: string, now: Date): Promise<LockedSession> {
  const s = await lockSession(tx, sessionId);
  if (s.status === 'cancelled') throw new AppError('conflict', SESSION_CANCELLED);
  if (!sessionWithinDates(s)) throw new AppError('conflict', 'This session is outside the program’s dates: attendance cannot be recorded for it.');
  if (!sessionHasStarted(s.startsAt, now)) throw new AppError('conflict', 'This session has not happened yet. Record attendance on the day or after.');
  return s;
}
