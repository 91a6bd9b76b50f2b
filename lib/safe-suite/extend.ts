import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { isOverlap, lockStay, overlapError, TX_OPTIONS, type LockedStay } from './hold.ts';
import { blockedUntil, localInstant, nightsBetween, stayTimesProblem } from './rules.ts';
import { ExtendStaySchema, parseStayInput } from './schema.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// Extending a confirmed or current stay to a later departure. Beyond the maximum length only a
// manager may, and the approval (who, when, the new end) is recorded.

/**
 * Moves a stay's departure later. Outreach workers, coordinators and managers (`stay:manage`);
 * beyond the maximum only with `stay:approve_extension` (managers).
 */
export async function extendStay(actor: Actor, input: unknown): Promise<{ nights: number; approved: boolean }> {
  assertCan(actor, 'stay:manage');
  const data = parseStayInput(ExtendStaySchema, input);
  const endAt = localInstant(data.endDate, data.endTime);
  if (!endAt) throw new AppError('invalid', 'Enter a time, like 11:00.', 'endTime');
  const now = programNow();
  const maxNights = await getSetting('suite.maxNights');
  let locked: LockedStay | undefined;
  let result = { nights: 0, approved: false };
  try {
    await db.$transaction(async (tx) => {
      const s = await lockStay(tx, data.stayId);
      locked = { ...s, endAt };
      if (s.status !== 'confirmed' && s.status !== 'checked_in') throw new AppError('conflict', 'Only a confirmed or current stay can be extended.');
      if (endAt.getTime() <= s.endAt.getTime()) throw new AppError('invalid', 'Choose a departure later than the one booked.', 'endDate');
      if (endAt.getTime() <= now.getTime()) throw new AppError('invalid', 'Choose a departure in the future.', 'endDate');
      const problem = stayTimesProblem(s.startAt, endAt, maxNights, can(actor, 'stay:approve_extension'));
      if (problem) throw new AppError('invalid', problem.message, problem.field);
      const nights = nightsBetween(s.startAt, endAt);
      await tx.stay.update({
        where: { id: s.id },
        data: { endAt, blockedUntil: blockedUntil(endAt, s.turnoverMinutes), endDay: new Date(`${localDay(endAt)}T00:00:00Z`) },
        select: { id: true },
      });
      const approved = nights > maxNights;
      if (approved)
        await tx.stayExtension.create({
          data: { stayId: s.id, approvedById: actor.id, approvedAt: now, previousEnd: s.endAt, newEnd: endAt, nights },
          select: { id: true },
        });
      await recordAudit(tx, actor, 'stay.extended', {
        entityType: 'stay',
        entityId: s.id,
        details: { participantId: s.participantId, nights, longerApproved: approved },
      });
      result = { nights, approved };
    }, TX_OPTIONS);
  } catch (error) {
    if (locked && isOverlap(error)) throw await overlapError({ ...locked, exceptStayId: locked.id }, 'endDate');
    throw error;
  }
  return result;
}
