import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { withinActiveDates } from './rules.ts';
import { lockSession } from './lock.ts';
import { scheduleOf } from './generate.ts';
import { CancelSessionSchema, MoveSessionSchema, OneOffSchema, parseOrRefuse, PROGRAM_NOT_FOUND } from './schema.ts';
import { atLocal, programNow } from '@/lib/calendar/index.ts';

// One-off sessions, moving and cancelling. Program managers (`program:manage`).

const TIME_TAKEN = 'This program already has a session at that time. Choose another time.';
const OUTSIDE_DATES = 'That date is outside the program’s active dates.';

/** Adds a one-off session on a program date. Program managers (`program:manage`). */
export async function addOneOffSession(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'program:manage');
  const data = parseOrRefuse(OneOffSchema, input);
  const program = await db.program.findUnique({
    where: { id: data.programId },
    select: { frequency: true, weekday: true, startMin: true, endMin: true, activeFrom: true, activeTo: true },
  });
  if (!program) throw new AppError('not_found', PROGRAM_NOT_FOUND);
  if (!withinActiveDates(scheduleOf(program), data.day)) throw new AppError('invalid', OUTSIDE_DATES, 'day');
  try {
    return await db.$transaction(async (tx) => {
      const { id } = await tx.programSession.create({
        data: { programId: data.programId, startsAt: atLocal(data.day, data.start), endsAt: atLocal(data.day, data.end) },
        select: { id: true },
      });
      await recordAudit(tx, actor, 'program_session.created', { entityType: 'program_session', entityId: id, details: { programId: data.programId } });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', TIME_TAKEN, 'start');
    throw error;
  }
}

/** Moves a session to another date or time within the program's dates. Program managers. */
export async function moveSession(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'program:manage');
  const data = parseOrRefuse(MoveSessionSchema, input);
  try {
    await db.$transaction(async (tx) => {
      const s = await lockSession(tx, data.sessionId);
      if (s.status === 'cancelled') throw new AppError('conflict', 'A cancelled session cannot be moved.');
      const dates = { activeFrom: s.activeFrom.toISOString().slice(0, 10), activeTo: s.activeTo?.toISOString().slice(0, 10) ?? null };
      if (!withinActiveDates(dates, data.day)) throw new AppError('invalid', OUTSIDE_DATES, 'day');
      await tx.programSession.update({
        where: { id: s.id },
        data: { startsAt: atLocal(data.day, data.start), endsAt: atLocal(data.day, data.end) },
        select: { id: true },
      });
      await recordAudit(tx, actor, 'program_session.moved', { entityType: 'program_session', entityId: s.id });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', TIME_TAKEN, 'start');
    throw error;
  }
}

/** Cancels a session with a reason; it is kept and shown as cancelled. Refused once people are counted. Program managers. */
export async function cancelSession(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'program:manage');
  const data = parseOrRefuse(CancelSessionSchema, input);
  await db.$transaction(async (tx) => {
    const s = await lockSession(tx, data.sessionId);
    if (s.status === 'cancelled') throw new AppError('conflict', 'This session is already cancelled.');
    const named = await tx.attendance.count({ where: { sessionId: s.id } });
    if (named > 0 || s.anonymousCount > 0) throw new AppError('conflict', 'People are counted at this session. Take them off before cancelling it.');
    await tx.programSession.update({
      where: { id: s.id },
      data: { status: 'cancelled', cancelReason: data.reason, cancelledAt: programNow() },
      select: { id: true },
    });
    await recordAudit(tx, actor, 'program_session.cancelled', { entityType: 'program_session', entityId: s.id });
  });
}
