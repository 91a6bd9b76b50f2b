import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { dayBounds, loadClosures, loadResource } from './load.ts';
import { freeSeat, SlotFull, takenError, TX_OPTIONS, withSeatRetry } from './place.ts';
import { moveProblem } from './rules.ts';
import { MoveSchema, parseOrRefuse } from './schema.ts';
import { slotProblem } from './slots.ts';
import { sweepNoShows } from './sweep.ts';
import { lockBooking, offerFreedPlace } from './transitions.ts';
import { localDay, localTime, programNow } from '@/lib/calendar/index.ts';

// Moving a booking to another slot or resource of the same kind, the same day (the ticket number
// belongs to the day). Taking the new place goes through the same unique key as booking.

/** Moves a booked (not yet checked-in) place. Staff at the desk (`booking:manage`). */
export async function moveBooking(actor: Actor, input: unknown): Promise<{ resourceName: string; time: string }> {
  assertCan(actor, 'booking:manage');
  const data = parseOrRefuse(MoveSchema, input);
  const now = programNow();
  await sweepNoShows(now);
  const target = await loadResource(db, data.resourceId);
  const day = localDay(data.slotStart);
  const { from, to } = dayBounds(day);
  const problem = slotProblem(target, data.slotStart, await loadClosures(db, from, to), now);
  if (problem) throw new AppError('invalid', problem);
  const slotEnd = new Date(data.slotStart.getTime() + target.slotMinutes * 60_000);
  try {
    await withSeatRetry(target.capacity, () =>
      db.$transaction(async (tx) => {
        const b = await lockBooking(tx, data.bookingId);
        const statusProblem = moveProblem(b.status);
        if (statusProblem) throw new AppError('conflict', statusProblem);
        if (b.kind !== target.kind) throw new AppError('invalid', `Move a ${b.kind} booking to another ${b.kind}.`);
        if (b.day !== day) throw new AppError('invalid', 'A booking moves within its day. For another day, cancel it and book again.');
        if (b.resourceId === target.id && b.slotStart.getTime() === data.slotStart.getTime()) {
          throw new AppError('invalid', 'The booking is already in that slot.');
        }
        const seat = await freeSeat(tx, target, data.slotStart);
        await tx.booking.update({
          where: { id: b.id },
          data: { resourceId: target.id, slotStart: data.slotStart, slotEnd, seat, bookedAt: now },
          select: { id: true },
        });
        await offerFreedPlace(tx, actor, b, now);
        await recordAudit(tx, actor, 'booking.moved', {
          entityType: 'booking',
          entityId: b.id,
          details: { participantId: b.participantId, fromResourceId: b.resourceId, toResourceId: target.id, seat },
        });
      }, TX_OPTIONS),
    );
  } catch (error) {
    if (error instanceof SlotFull) throw await takenError(target.kind, day, now);
    throw error;
  }
  return { resourceName: target.name, time: localTime(data.slotStart) };
}
