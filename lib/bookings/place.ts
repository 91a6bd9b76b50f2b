import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { dayWord, nextFreePlace } from './load.ts';
import { SETTINGS } from '@/lib/settings/definitions.ts';
import { limitRefusal, personRefusal, type PersonRefusal } from './people.ts';
import { takenMessage } from './rules.ts';
import { ENTRY_CLOSED, FORM_EXPIRED } from './schema.ts';
import { type Kind, type Slot, type SlotResource } from './slots.ts';
import { localDay } from '@/lib/calendar/index.ts';

// Taking a place. The unique key booking_seat_taken_key (resource, slot start, seat) among
// bookings that hold a place is what makes overbooking impossible; the code only picks the seat
// it believes free. When another desk took that seat a moment earlier, the insert fails and the
// attempt is repeated with a fresh read, until a seat is won or the slot is seen full.

export { TX_OPTIONS } from '@/lib/db/client.ts';

/** The slot has no free seat (any more). */
export class SlotFull extends Error {}

/**
 * The seat a booking takes in this slot: `prefer` when it is free, otherwise the lowest free one;
 * SlotFull when there is none. The database function free_seat is the one rule (place_booking
 * picks with it too), asked in one round trip.
 */
export async function freeSeat(tx: Tx, resource: Pick<SlotResource, 'id' | 'capacity'>, slotStart: Date, prefer?: number): Promise<number> {
  const [row] = await tx.$queryRaw<{ seat: number | null }[]>`
    SELECT free_seat(${resource.id}::uuid, ${slotStart}, ${resource.capacity}::int, ${prefer ?? null}::int) AS seat`;
  if (row?.seat == null) throw new SlotFull();
  return row.seat;
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

type PlaceAnswer =
  { bookingId: string; ticket: number; seat: number; refused?: undefined } | PersonRefusal | { refused: 'entry_closed' | 'full'; max?: undefined };

/** The plain refusal for each answer `place_booking` can give; SlotFull when the slot has no seat left. */
function placeRefusal(answer: Extract<PlaceAnswer, { refused: string }>, kind: Kind): Error {
  switch (answer.refused) {
    case 'entry_closed':
      return new AppError('conflict', ENTRY_CLOSED);
    case 'full':
      return new SlotFull();
    default:
      return personRefusal(answer, kind);
  }
}

/**
 * One attempt at a seat: the database function `place_booking` (migration
 * 20261121055000_single_statement_writes) checks the person and their daily limit, picks the
 * seat (free_seat) and writes the booking, its ticket and its audit row, in one round trip.
 */
async function insertBooking(actor: Actor, req: PlaceRequest, now: Date): Promise<Placed> {
  const { resource, slot, participantId } = req;
  const [row] = await db.$queryRaw<{ answer: PlaceAnswer }[]>`
    SELECT place_booking(${randomUUID()}::uuid, ${resource.id}::uuid, ${resource.kind}::"ResourceKind", ${resource.capacity}::int,
                         ${slot.start}, ${slot.end}, ${localDay(slot.start)}::date, ${participantId}::uuid, ${req.idempotencyKey}::uuid,
                         ${actor.id}::uuid, ${actor.role}::"Role", ${req.via}, ${req.entry?.id ?? null}::uuid, ${req.entry?.ticket ?? null}::int,
                         ${SETTINGS['bookings.perPersonPerDay'].default}::int, ${now}) AS answer`;
  const answer = row!.answer;
  if (answer.refused) throw placeRefusal(answer, resource.kind);
  return { bookingId: answer.bookingId, ticket: answer.ticket, seat: answer.seat, duplicate: false };
}

/**
 * Books a free seat in a checked slot. SlotFull when none is left; the idempotency key turns a
 * repeated submit into the first booking. Callers have checked the actor and the slot.
 */
export async function placeBooking(actor: Actor, req: PlaceRequest, now: Date): Promise<Placed> {
  try {
    return await withSeatRetry(req.resource.capacity, () => insertBooking(actor, req, now));
  } catch (error) {
    // The same form submitted twice at once: the second insert met the first one's key.
    if (error instanceof SlotFull || isUniqueViolation(error)) {
      const first = await earlierSubmit(actor, req.idempotencyKey);
      if (first) return first;
    }
    throw limitRefusal(error, req.resource.kind) ?? error;
  }
}
