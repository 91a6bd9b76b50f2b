import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, dbErrorCode, isUniqueViolation } from '@/lib/errors.ts';
import { MAX_HEADCOUNT } from './rules.ts';
import { lockOpenSession } from './lock.ts';
import {
  ALREADY_COUNTED,
  AttendeeSchema,
  parseOrRefuse,
  PARTICIPANT_NOT_FOUND,
  SESSION_CANCELLED,
  SessionDetailsSchema,
  AddAnonymousSchema,
} from './schema.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Recording who came: named attendees (once per session, by a unique key), the anonymous headcount,
// whether the partner came and what was covered. Anyone at the desk (`attendance:record`), peers too.

export type Attendee = { participantId: string; alias: string; code: string };

/** Counts a participant at a session; a second add answers "already counted". Staff (`attendance:record`). */
export async function addAttendee(actor: Actor, input: unknown): Promise<Attendee> {
  assertCan(actor, 'attendance:record');
  const { sessionId, participantId } = parseOrRefuse(AttendeeSchema, input);
  const now = programNow();
  try {
    return await db.$transaction(async (tx) => {
      await lockOpenSession(tx, sessionId, now);
      const person = await tx.participant.findFirst({
        where: { id: participantId, mergedIntoId: null, deidentifiedAt: null },
        select: { id: true, alias: true, code: true },
      });
      if (!person) throw new AppError('not_found', PARTICIPANT_NOT_FOUND);
      const already = await tx.attendance.findUnique({ where: { sessionId_participantId: { sessionId, participantId } }, select: { id: true } });
      if (already) throw new AppError('conflict', ALREADY_COUNTED);
      await tx.attendance.create({ data: { sessionId, participantId, createdById: actor.id }, select: { id: true } });
      await tx.programSession.updateMany({ where: { id: sessionId, status: 'scheduled' }, data: { status: 'held' } });
      await tx.participant.update({ where: { id: participantId }, data: { lastActivityAt: now }, select: { id: true } });
      await recordAudit(tx, actor, 'attendance.recorded', { entityType: 'program_session', entityId: sessionId, details: { participantId } });
      return { participantId, alias: person.alias ?? '', code: person.code };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', ALREADY_COUNTED);
    if (dbErrorCode(error) === '23514') throw new AppError('conflict', SESSION_CANCELLED);
    throw error;
  }
}

/** Takes a participant off a session (counted by mistake). Staff (`attendance:record`). */
export async function removeAttendee(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'attendance:record');
  const { sessionId, participantId } = parseOrRefuse(AttendeeSchema, input);
  await db.$transaction(async (tx) => {
    await lockOpenSession(tx, sessionId, programNow());
    const { count } = await tx.attendance.deleteMany({ where: { sessionId, participantId } });
    if (count === 0) throw new AppError('not_found', 'That person is not counted at this session.');
    await recordAudit(tx, actor, 'attendance.removed', { entityType: 'program_session', entityId: sessionId, details: { participantId } });
  });
}

/**
 * Adds one to the anonymous headcount; returns the new count. The form's idempotency key makes a
 * double submit count once (`duplicate`). Staff (`attendance:record`).
 */
export async function addAnonymous(actor: Actor, input: unknown): Promise<{ anonymousCount: number; duplicate: boolean }> {
  assertCan(actor, 'attendance:record');
  const { sessionId, idempotencyKey } = parseOrRefuse(AddAnonymousSchema, input);
  return db.$transaction(async (tx) => {
    const s = await lockOpenSession(tx, sessionId, programNow());
    const fresh =
      await tx.$executeRaw`INSERT INTO anonymous_count_key (key, session_id) VALUES (${idempotencyKey}::uuid, ${sessionId}::uuid) ON CONFLICT (key) DO NOTHING`;
    if (fresh === 0) return { anonymousCount: s.anonymousCount, duplicate: true };
    if (s.anonymousCount >= MAX_HEADCOUNT) throw new AppError('invalid', `The headcount is already ${MAX_HEADCOUNT}, the most it can be.`, 'anonymousCount');
    const { anonymousCount } = await tx.programSession.update({
      where: { id: sessionId },
      data: { anonymousCount: { increment: 1 }, status: 'held' },
      select: { anonymousCount: true },
    });
    await recordAudit(tx, actor, 'program_session.recorded', { entityType: 'program_session', entityId: sessionId, details: { anonymousCount } });
    return { anonymousCount, duplicate: false };
  });
}

/** Saves the headcount of people who gave no name, whether the partner came, and the topics. Staff (`attendance:record`). */
export async function saveSessionDetails(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'attendance:record');
  const data = parseOrRefuse(SessionDetailsSchema, input);
  await db.$transaction(async (tx) => {
    await lockOpenSession(tx, data.sessionId, programNow());
    await tx.programSession.update({
      where: { id: data.sessionId },
      data: { anonymousCount: data.anonymousCount, partnerPresent: data.partnerPresent, topics: data.topics, status: 'held' },
      select: { id: true },
    });
    await recordAudit(tx, actor, 'program_session.recorded', {
      entityType: 'program_session',
      entityId: data.sessionId,
      details: { anonymousCount: data.anonymousCount, partnerPresent: data.partnerPresent },
    });
  });
}
