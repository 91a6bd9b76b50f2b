import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { freeSeat, SlotFull, takenError, TX_OPTIONS, withSeatRetry } from './place.ts';
import { limitRefusal, lockParticipantForBooking } from './people.ts';
import { timingProblem, transitionProblem, type BookingStatus, type Transition } from './rules.ts';
import { BOOKING_NOT_FOUND, parseOrRefuse, TransitionSchema } from './schema.ts';
import type { Kind } from './slots.ts';
import { sweepNoShows } from './sweep.ts';
import { countBookingInVisit } from './visit-link.ts';
import { programNow } from '@/lib/calendar/index.ts';

// A booking's life: booked → checked in → done; or cancelled, or missed (no-show); a cancelled
// or missed booking can be reinstated while its slot lasts, if a seat is still free. Each change
// locks the booking row, checks rules.ts, and writes its audit row in the same transaction.

export type LockedBooking = {
  id: string;
  status: BookingStatus;
  resourceId: string;
  kind: Kind;
  participantId: string | null;
  day: string;
  slotStart: Date;
  slotEnd: Date;
  seat: number;
  capacity: number;
};

/** Locks one booking for the transaction (with its resource's capacity). */
export async function lockBooking(tx: Tx, id: string): Promise<LockedBooking> {
  const [row] = await tx.$queryRaw<LockedBooking[]>`
    SELECT b.id::text AS id, b.status::text AS status, b.resource_id::text AS "resourceId", b.kind::text AS kind,
           b.participant_id::text AS "participantId", to_char(b.day, 'YYYY-MM-DD') AS day,
           b.slot_start AS "slotStart", b.slot_end AS "slotEnd", b.seat, r.capacity
    FROM booking b JOIN resource r ON r.id = b.resource_id WHERE b.id = ${id}::uuid FOR UPDATE OF b`;
  if (!row) throw new AppError('not_found', BOOKING_NOT_FOUND);
  return row;
}

function assertAllowed(t: Transition, b: LockedBooking, now: Date): void {
  const problem = transitionProblem(t, b.status) ?? timingProblem(t, { start: b.slotStart, end: b.slotEnd }, now);
  if (problem) throw new AppError('conflict', problem);
}

/** A place came free in a slot that is not over: the first person waiting that day is offered it. */
export async function offerFreedPlace(tx: Tx, actor: Actor | null, b: Pick<LockedBooking, 'kind' | 'day' | 'slotEnd'>, now: Date): Promise<void> {
  if (b.slotEnd.getTime() <= now.getTime()) return;
  const offered = await tx.$queryRaw<{ id: string }[]>`
    UPDATE waitlist_entry SET status = 'offered', offered_at = ${now}
    WHERE id = (SELECT id FROM waitlist_entry WHERE kind = ${b.kind}::"ResourceKind" AND day = ${b.day}::date AND status = 'waiting'
                ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id`;
  for (const o of offered) await recordAudit(tx, actor, 'waitlist_entry.offered', { entityType: 'waitlist_entry', entityId: o.id });
}

const AUDIT: Record<Transition, string> = {
  check_in: 'booking.checked_in',
  done: 'booking.done',
  cancel: 'booking.cancelled',
  no_show: 'booking.no_show',
  reinstate: 'booking.reinstated',
};

/** Status changes that take no seat: check in, done, cancel, no-show. */
async function release(actor: Actor, id: string, t: Exclude<Transition, 'reinstate'>, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    const b = await lockBooking(tx, id);
    assertAllowed(t, b, now);
    const data = {
      check_in: { status: 'checked_in' as const, checkedInAt: now },
      done: { status: 'done' as const, doneAt: now },
      cancel: { status: 'cancelled' as const, cancelledAt: now },
      no_show: { status: 'no_show' as const, noShowAt: now },
    }[t];
    await tx.booking.update({ where: { id }, data, select: { id: true } });
    const link = t === 'check_in' ? await countBookingInVisit(tx, actor, b, now) : null;
    if (t === 'cancel' || t === 'no_show') await offerFreedPlace(tx, actor, b, now);
    await recordAudit(tx, actor, AUDIT[t], {
      entityType: 'booking',
      entityId: id,
      details: { participantId: b.participantId, visitId: link?.visitId ?? null },
    });
  }, TX_OPTIONS);
}

/** Puts a cancelled or missed booking back, in its old seat if it is free, otherwise another free one. */
async function reinstate(actor: Actor, id: string, now: Date): Promise<void> {
  const first = await db.booking.findUnique({ where: { id }, select: { resource: { select: { capacity: true } } } });
  if (!first) throw new AppError('not_found', BOOKING_NOT_FOUND);
  let kind: Kind | undefined;
  let day: string | undefined;
  try {
    await withSeatRetry(first.resource.capacity, () =>
      db.$transaction(async (tx) => {
        const b = await lockBooking(tx, id);
        ({ kind, day } = b);
        assertAllowed('reinstate', b, now);
        if (b.participantId) await lockParticipantForBooking(tx, b.participantId, { kind: b.kind, day: b.day, exceptBookingId: b.id });
        const seat = await freeSeat(tx, { id: b.resourceId, capacity: b.capacity }, b.slotStart, b.seat);
        await tx.booking.update({
          where: { id },
          data: { status: 'booked', seat, bookedAt: now, cancelledAt: null, noShowAt: null },
          select: { id: true },
        });
        await recordAudit(tx, actor, AUDIT.reinstate, { entityType: 'booking', entityId: id, details: { participantId: b.participantId, seat } });
      }, TX_OPTIONS),
    );
  } catch (error) {
    if (error instanceof SlotFull && kind && day) throw await takenError(kind, day, now);
    throw (kind && limitRefusal(error, kind)) || error;
  }
}

/**
 * Checks in, marks done, cancels, marks as missed or reinstates a booking. Staff at the desk
 * (`booking:manage`). A refused change (checking in a cancelled booking, reinstating into a full
 * slot…) changes nothing and says why.
 */
export async function changeBooking(actor: Actor, input: unknown): Promise<{ status: BookingStatus }> {
  assertCan(actor, 'booking:manage');
  const { bookingId, transition } = parseOrRefuse(TransitionSchema, input);
  const now = programNow();
  await sweepNoShows(now);
  if (transition === 'reinstate') await reinstate(actor, bookingId, now);
  else await release(actor, bookingId, transition, now);
  const after = await db.booking.findUniqueOrThrow({ where: { id: bookingId }, select: { status: true } });
  return { status: after.status };
}
