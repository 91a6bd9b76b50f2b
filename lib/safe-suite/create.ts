import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { isOverlap, overlapError, TX_OPTIONS } from './hold.ts';
import { blockedUntil, EARLY_CHECK_IN_HOURS, localInstant, nightsBetween, stayTimesProblem } from './rules.ts';
import { CreateStaySchema, FORM_EXPIRED, parseStayInput, UNIT_NOT_FOUND } from './schema.ts';
import { lockOpenParticipant } from '@/lib/participants/lock.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// Booking a stay: confirmed at once when the unit is free ("book"), or added to the waitlist as a
// request ("request"). A stay longer than the maximum is possible only for a manager, whose
// approval is recorded with it. The exclusion constraint has the last word on overlaps.

export type CreatedStay = { stayId: string; status: 'requested' | 'confirmed'; nights: number; duplicate: boolean };

/** Refuses a participant who is unknown, de-identified or merged, beside the field; locks the row. */
export async function lockStayParticipant(tx: Tx, id: string): Promise<void> {
  await lockOpenParticipant(tx, id, 'This person’s record was de-identified. A stay needs a current record.');
}

/** A stay is activity: retention counts from the latest (lib/participants/retention.ts). */
export async function touchParticipant(tx: Tx, id: string, at: Date): Promise<void> {
  await tx.$executeRaw`UPDATE participant SET last_activity_at = greatest(last_activity_at, ${at}) WHERE id = ${id}::uuid`;
}

async function earlier(actor: Actor, key: string): Promise<CreatedStay | null> {
  const row = await db.stay.findUnique({ where: { idempotencyKey: key }, select: { id: true, status: true, createdById: true, startDay: true, endDay: true } });
  if (!row) return null;
  if (row.createdById !== actor.id) throw new AppError('invalid', FORM_EXPIRED);
  const nights = Math.round((row.endDay.getTime() - row.startDay.getTime()) / 86_400_000);
  return { stayId: row.id, status: row.status === 'requested' ? 'requested' : 'confirmed', nights, duplicate: true };
}

/**
 * Books a stay for a participant in a unit. Outreach workers, coordinators and managers
 * (`stay:manage`); longer than the maximum only with `stay:approve_extension`.
 */
export async function createStay(actor: Actor, input: unknown): Promise<CreatedStay> {
  assertCan(actor, 'stay:manage');
  const data = parseStayInput(CreateStaySchema, input);
  const now = programNow();
  const startAt = localInstant(data.startDate, data.startTime);
  const endAt = localInstant(data.endDate, data.endTime);
  if (!startAt) throw new AppError('invalid', 'Enter a time, like 15:00.', 'startTime');
  if (!endAt) throw new AppError('invalid', 'Enter a time, like 11:00.', 'endTime');
  if (startAt.getTime() < now.getTime() - EARLY_CHECK_IN_HOURS * 3_600_000)
    throw new AppError('invalid', 'The arrival has already passed. Choose a later time.', 'startDate');
  const maxNights = await getSetting('suite.maxNights');
  const approver = can(actor, 'stay:approve_extension');
  const problem = stayTimesProblem(startAt, endAt, maxNights, approver);
  if (problem) throw new AppError('invalid', problem.message, problem.field);
  const previous = await earlier(actor, data.idempotencyKey);
  if (previous) return previous;
  const unit = await db.suiteUnit.findUnique({ where: { id: data.unitId }, select: { id: true, name: true, active: true } });
  if (!unit) throw new AppError('not_found', UNIT_NOT_FOUND);
  if (!unit.active) throw new AppError('conflict', `${unit.name} is not in use at the moment.`);
  const turnoverMinutes = (await getSetting('suite.turnoverHours')) * 60;
  const nights = nightsBetween(startAt, endAt);
  const confirm = data.mode === 'book';
  const id = randomUUID();
  try {
    await db.$transaction(async (tx) => {
      await lockStayParticipant(tx, data.participantId);
      await tx.stay.create({
        data: {
          id,
          unitId: unit.id,
          participantId: data.participantId,
          status: confirm ? 'confirmed' : 'requested',
          startAt,
          endAt,
          turnoverMinutes,
          blockedUntil: blockedUntil(endAt, turnoverMinutes),
          startDay: new Date(`${localDay(startAt)}T00:00:00Z`),
          endDay: new Date(`${localDay(endAt)}T00:00:00Z`),
          idempotencyKey: data.idempotencyKey,
          createdById: actor.id,
          confirmedAt: confirm ? now : null,
        },
        select: { id: true },
      });
      await touchParticipant(tx, data.participantId, now);
      if (nights > maxNights) {
        await tx.stayExtension.create({ data: { stayId: id, approvedById: actor.id, approvedAt: now, newEnd: endAt, nights }, select: { id: true } });
      }
      await recordAudit(tx, actor, confirm ? 'stay.confirmed' : 'stay.requested', {
        entityType: 'stay',
        entityId: id,
        details: { participantId: data.participantId, unitId: unit.id, nights, longerApproved: nights > maxNights },
      });
    }, TX_OPTIONS);
  } catch (error) {
    if (isOverlap(error)) throw await overlapError({ unitId: unit.id, unitName: unit.name, startAt, endAt, turnoverMinutes }, 'startDate');
    if (isUniqueViolation(error)) {
      const again = await earlier(actor, data.idempotencyKey);
      if (again) return again;
    }
    throw error;
  }
  return { stayId: id, status: confirm ? 'confirmed' : 'requested', nights, duplicate: false };
}
