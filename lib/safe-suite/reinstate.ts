import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { undoClosedMessage, undoOpen } from '@/lib/undo-window.ts';
import { isOverlap, lockStay, overlapError, TX_OPTIONS, type LockedStay } from './hold.ts';
import { STATUS_LABEL } from './rules.ts';
import { parseStayInput, StayIdSchema } from './schema.ts';
import { lockStayParticipant } from './create.ts';

// Undoing a cancellation for a while after it (lib/undo-window.ts). The stay goes back to what it
// was: confirmed if it had been confirmed (confirmed_at is kept by the cancel), else waiting. If
// the unit was booked by someone else meanwhile, the exclusion constraint refuses the overlap and
// the refusal says what took it; the code does not look first and guess.

/** Requests offered the unit when this stay was cancelled no longer fit once it holds the unit again. */
async function withdrawOffers(tx: Tx, s: LockedStay): Promise<void> {
  await tx.$executeRaw`
    UPDATE stay SET offered_at = NULL
    WHERE unit_id = ${s.unitId}::uuid AND status = 'requested' AND offered_at IS NOT NULL AND id <> ${s.id}::uuid
      AND tstzrange(start_at, blocked_until) && tstzrange(${s.startAt}::timestamptz, ${s.blockedUntil}::timestamptz)`;
}

/**
 * Reinstates a stay cancelled in the last few minutes. Outreach workers, coordinators and managers
 * (`stay:manage`: the same people who could cancel it or book it again).
 */
export async function reinstateStay(actor: Actor, input: unknown, now = programNow()): Promise<{ status: 'requested' | 'confirmed' }> {
  assertCan(actor, 'stay:manage');
  const { stayId } = parseStayInput(StayIdSchema, input);
  let locked: LockedStay | undefined;
  let status: 'requested' | 'confirmed' = 'requested';
  try {
    await db.$transaction(async (tx) => {
      const s = await lockStay(tx, stayId);
      locked = s;
      if (s.status !== 'cancelled')
        throw new AppError('conflict', `This stay is ${STATUS_LABEL[s.status].toLowerCase()}: only a cancelled stay can be reinstated.`);
      const row = await tx.stay.findUniqueOrThrow({ where: { id: stayId }, select: { closedAt: true, confirmedAt: true } });
      if (!undoOpen(row.closedAt, now)) throw new AppError('conflict', undoClosedMessage('Book the stay again if it is still needed.'));
      if (s.endAt.getTime() <= now.getTime()) throw new AppError('conflict', 'This stay’s departure has passed, so it cannot be reinstated.');
      status = row.confirmedAt ? 'confirmed' : 'requested';
      if (status === 'confirmed') {
        await lockStayParticipant(tx, s.participantId);
        await withdrawOffers(tx, s);
      }
      await tx.stay.update({ where: { id: stayId }, data: { status, closedAt: null }, select: { id: true } });
      await recordAudit(tx, actor, 'stay.reinstated', {
        entityType: 'stay',
        entityId: stayId,
        details: { participantId: s.participantId, unitId: s.unitId, to: status },
      });
    }, TX_OPTIONS);
  } catch (error) {
    if (locked && isOverlap(error)) {
      const taken = await overlapError({ ...locked, exceptStayId: locked.id });
      throw new AppError('conflict', `This stay cannot be reinstated: the unit was booked for these dates after it was cancelled. ${taken.userMessage}`);
    }
    throw error;
  }
  return { status };
}
