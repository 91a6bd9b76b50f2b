import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import type { Prisma } from '@/lib/db/generated/client.ts';
import { isOverlap, lockStay, offerFreedUnit, overlapError, TX_OPTIONS, type LockedStay } from './hold.ts';
import { blockedUntil, checkOutEnd, transitionProblem, type StayStatus, type StayTransition } from './rules.ts';
import { parseStayInput, StayTransitionSchema } from './schema.ts';
import { lockStayParticipant, touchParticipant } from './create.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// A stay's life: requested → confirmed → checked in → checked out; or declined (a request),
// cancelled, or marked as not arrived. Each change locks the stay, checks rules.ts, and writes its
// audit row in the same transaction; a change that frees the unit offers it to the waitlist.

const AUDIT: Record<StayTransition, string> = {
  confirm: 'stay.confirmed',
  decline: 'stay.declined',
  cancel: 'stay.cancelled',
  check_in: 'stay.checked_in',
  check_out: 'stay.checked_out',
  no_show: 'stay.no_show',
};

function change(t: StayTransition, s: LockedStay, now: Date): Prisma.StayUpdateInput {
  switch (t) {
    case 'confirm':
      return { status: 'confirmed', confirmedAt: now, offeredAt: null };
    case 'decline':
      return { status: 'declined', closedAt: now, offeredAt: null };
    case 'cancel':
      return { status: 'cancelled', closedAt: now, offeredAt: null };
    case 'no_show':
      return { status: 'no_show', closedAt: now };
    case 'check_in':
      return { status: 'checked_in', checkedInAt: now };
    case 'check_out': {
      // Early: the stay ends now and the remaining nights are free at once (after the turnover).
      const endAt = checkOutEnd(s, now);
      return {
        status: 'checked_out',
        checkedOutAt: now,
        endAt,
        blockedUntil: blockedUntil(endAt, s.turnoverMinutes),
        endDay: new Date(`${localDay(endAt)}T00:00:00Z`),
      };
    }
  }
}

const FREES: readonly StayTransition[] = ['decline', 'cancel', 'no_show', 'check_out'];

/**
 * Confirms, declines, cancels, checks in, checks out or marks a stay as not arrived. Outreach
 * workers, coordinators and managers (`stay:manage`). A refused change changes nothing and says why;
 * confirming over another stay is refused with the next free time.
 */
export async function changeStay(actor: Actor, input: unknown): Promise<{ status: StayStatus; offeredStayId: string | null }> {
  assertCan(actor, 'stay:manage');
  const { stayId, transition } = parseStayInput(StayTransitionSchema, input);
  const now = programNow();
  let locked: LockedStay | undefined;
  let offeredStayId: string | null = null;
  try {
    await db.$transaction(async (tx) => {
      const s = await lockStay(tx, stayId);
      locked = s;
      const problem = transitionProblem(transition, s, now);
      if (problem) throw new AppError('conflict', problem);
      if (transition === 'confirm') await lockStayParticipant(tx, s.participantId);
      await tx.stay.update({ where: { id: stayId }, data: change(transition, s, now), select: { id: true } });
      if (transition === 'check_in' || transition === 'check_out') await touchParticipant(tx, s.participantId, now);
      if (FREES.includes(transition)) offeredStayId = await offerFreedUnit(tx, actor, s.unitId, now);
      await recordAudit(tx, actor, AUDIT[transition], { entityType: 'stay', entityId: stayId, details: { participantId: s.participantId, unitId: s.unitId } });
    }, TX_OPTIONS);
  } catch (error) {
    if (locked && isOverlap(error)) throw await overlapError({ ...locked, exceptStayId: locked.id });
    throw error;
  }
  const after = await db.stay.findUniqueOrThrow({ where: { id: stayId }, select: { status: true } });
  return { status: after.status, offeredStayId };
}
