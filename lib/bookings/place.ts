import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { dayWord, nextFreePlace } from './load.ts';
import { limitRefusal, lockOpenParticipant } from './people.ts';
import { takenMessage } from './rules.ts';
import { ENTRY_CLOSED, FORM_EXPIRED } from './schema.ts';
import { localDay, type Kind, type Slot, type SlotResource } from './slots.ts';

// Taking a place. The unique key booking_seat_taken_key (resource, slot start, seat) among
// bookings that hold a place is what makes overbooking impossible; the code only picks the seat
// it believes free. When another desk took that seat a moment earlier, the insert fails and the
// attempt is repeated with a fresh read, until a seat is won or the slot is seen full.

/**
 * For every transaction that takes or gives up a place: a busy desk (or 200 attempts at once)
 * queues for a connection longer than Prisma's 2 s default before giving up with an error.
 */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

/** The slot has no free seat (any more). */
export class SlotFull extends Error {}

/** The lowest seat of this slot no booking holds; SlotFull when there is none. */
export async function freeSeat(tx: Tx, resource: Pick<SlotResource, 'id' | 'capacity'>, slotStart: Date, prefer?: number): Promise<number> {
  const rows = await tx.$queryRaw<{ seat: number }[]>`
    SELECT seat FROM booking WHERE resource_id = ${resource.id}::uuid AND slot_start = ${slotStart}
      AND status IN ('booked', 'checked_in')`;
  const taken = new Set(rows.map((r) => r.seat));
  if (prefer && prefer <= resource.capacity && !taken.has(prefer)) return prefer;
  for (let seat = 1; seat <= resource.capacity; seat++) if (!taken.has(seat)) return seat;
  throw new SlotFull();
}

/** Whether a database error is another booking holding the seat (or, rarely, the same form's key: see placeBooking). */
export function isSeatConflict(error: unknown): boolean {
  return isUniqueViolation(error);
}

/**
 * Runs `attempt` (one transaction) again while it loses a seat to a concurrent booking. Each
 * loss means one more seat was taken, so capacity + 1 rounds always end in a seat or a full slot.
 */
export async function withSeatRetry<T>(capacity: number, attempt: () => Promise<T>): Promise<T> {
  for (let round = 0; ; round++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isSeatConflict(error)) throw error;
      if (round >= capacity) throw new SlotFull();
    }
  }
}

/** "That place was just taken — next free is 10:30 (Shower 2)." as a refusal. */
export async function takenError(kind: Kind, day: string, now: Date): Promise<AppError> {
  const next = await nextFreePlace(db, kind, day, now);
  return new AppError('conflict', takenMessage(kind, next, dayWord(day, now)));
}

/** Gives out the next ticket number of a day and kind (bookings and the waitlist share them). */
export async function nextTicket(tx: Tx, day: string, kind: Kind): Promise<number> {
  const [row] = await tx.$queryRaw<{ last: number }[]>`
    INSERT INTO booking_ticket (day, kind, last) VALUES (${day}::date, ${kind}::"ResourceKind", 1)
    ON CONFLICT (day, kind) DO UPDATE SET last = booking_ticket.last + 1 RETURNING last`;
  return row!.last;
}

export type PlaceRequest = {
  resource: SlotResource;
  slot: Slot;
  participantId: string | null;
  idempotencyKey: string;
  via: 'grid' | 'next_free' | 'waitlist';
  /** Booking someone from the waitlist: their entry, whose ticket number the booking keeps. */
  entry?: { id: string; ticket: number };
};

export type Placed = { bookingId: string; ticket: number; seat: number; duplicate: boolean };

/** The booking an earlier submit of the same form made, if any (a double click, a network retry). */
export async function earlierSubmit(actor: Actor, idempotencyKey: string): Promise<Placed | null> {
  const first = await db.booking.findUnique({ where: { idempotencyKey }, select: { id: true, ticket: true, seat: true, createdById: true } });
  return first && ownSubmit(actor, first);
}

/** The first booking of a repeated submit, if it was this person's own form. */
export function ownSubmit(actor: Actor, first: { id: string; ticket: number; seat: number; createdById: string }): Placed {
  // A key is a random uuid held by one browser tab; someone else's key is a forged request.
  if (first.createdById !== actor.id) throw new AppError('conflict', FORM_EXPIRED);
  return { bookingId: first.id, ticket: first.ticket, seat: first.seat, duplicate: true };
}

type NewRow = { id: string; day: string; seat: number; ticket: number | null };

/**
 * The booking row and, unless it keeps a waitlist ticket, the day's next ticket number, in one
 * statement. The ticket counter is the one row every booking of that day and kind waits on, so
 * it is taken last, right before the commit, and held as briefly as possible.
 */
async function insertRow(tx: Tx, actor: Actor, req: PlaceRequest, row: NewRow, now: Date): Promise<number> {
  const { resource, slot } = req;
  const [inserted] = await tx.$queryRaw<{ ticket: number }[]>`
    WITH touched AS (
      -- A booking is activity: retention counts from the person's last activity.
      UPDATE participant SET last_activity_at = greatest(last_activity_at, now()) WHERE id = ${req.participantId}::uuid
    ),
    counter AS (
      INSERT INTO booking_ticket (day, kind, last)
      SELECT ${row.day}::date, ${resource.kind}::"ResourceKind", 1 WHERE ${row.ticket}::int IS NULL
      ON CONFLICT (day, kind) DO UPDATE SET last = booking_ticket.last + 1
      RETURNING last
    )
    INSERT INTO booking (id, resource_id, kind, participant_id, day, ticket, slot_start, slot_end, seat, idempotency_key, created_by_id, booked_at)
    SELECT ${row.id}::uuid, ${resource.id}::uuid, ${resource.kind}::"ResourceKind", ${req.participantId}::uuid, ${row.day}::date,
           coalesce(${row.ticket}::int, (SELECT last FROM counter)), ${slot.start}, ${slot.end}, ${row.seat}, ${req.idempotencyKey}::uuid, ${actor.id}::uuid, ${now}
    RETURNING ticket`;
  return inserted!.ticket;
}

async function insertBooking(tx: Tx, actor: Actor, req: PlaceRequest, now: Date): Promise<Placed> {
  const { resource, slot, participantId } = req;
  const day = localDay(slot.start);
  if (participantId) await lockOpenParticipant(tx, participantId, { kind: resource.kind, day });
  const seat = await freeSeat(tx, resource, slot.start);
  const id = randomUUID();
  // Written before the row (its id is made here) so the ticket counter is the last thing taken.
  await recordAudit(tx, actor, 'booking.created', {
    entityType: 'booking', entityId: id, details: { resourceId: resource.id, participantId, seat, via: req.via, waitlistEntryId: req.entry?.id ?? null },
  });
  const ticket = await insertRow(tx, actor, req, { id, day, seat, ticket: req.entry?.ticket ?? null }, now);
  if (req.entry) {
    // Two desks booking the same waitlist entry at once: only the first finds it still waiting.
    const { count } = await tx.waitlistEntry.updateMany({
      where: { id: req.entry.id, status: { in: ['waiting', 'offered'] } }, data: { status: 'booked', bookingId: id, closedAt: now },
    });
    if (count !== 1) throw new AppError('conflict', ENTRY_CLOSED);
  }
  return { bookingId: id, ticket, seat, duplicate: false };
}

/**
 * Books a free seat in a checked slot. SlotFull when none is left; the idempotency key turns a
 * repeated submit into the first booking. Callers have checked the actor and the slot.
 */
export async function placeBooking(actor: Actor, req: PlaceRequest, now: Date): Promise<Placed> {
  try {
    return await withSeatRetry(req.resource.capacity, () => db.$transaction((tx) => insertBooking(tx, actor, req, now), TX_OPTIONS));
  } catch (error) {
    // The same form submitted twice at once: the second insert met the first one's key.
    if (error instanceof SlotFull || isUniqueViolation(error)) {
      const first = await earlierSubmit(actor, req.idempotencyKey);
      if (first) return first;
    }
    throw limitRefusal(error, req.resource.kind) ?? error;
  }
}
