import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { dayWord, loadResources, nextFreePlace, slotContext } from './load.ts';
import { earlierSubmit, ownSubmit, placeBooking, SlotFull, takenError, type Placed, type PlaceRequest } from './place.ts';
import { noneFreeMessage, SEAT_LABEL, ticketLabel } from './rules.ts';
import { BookNextSchema, BookSlotSchema, parseOrRefuse, RESOURCE_NOT_FOUND } from './schema.ts';
import { slotProblem, type Kind, type SlotResource } from './slots.ts';
import { sweepNoShows } from './sweep.ts';
import { localDay, localTime, programNow } from '@/lib/calendar/index.ts';

// Booking a place: a chosen slot on the grid, or the next free one of a kind in one action.

export type BookingResult = {
  bookingId: string;
  ticket: string;
  resourceName: string;
  time: string;
  day: string;
  seat: number;
  /** "Stall 1", "Pair 2". */
  place: string;
  duplicate: boolean;
};

function result(resource: SlotResource, start: Date, placed: Placed): BookingResult {
  return {
    bookingId: placed.bookingId,
    ticket: ticketLabel(resource.kind, placed.ticket),
    resourceName: resource.name,
    time: localTime(start),
    day: localDay(start),
    seat: placed.seat,
    place: `${SEAT_LABEL[resource.kind]} ${placed.seat}`,
    duplicate: placed.duplicate,
  };
}

/** What a repeated submit made, described like a fresh booking. */
export async function describeEarlier(placed: Placed): Promise<BookingResult> {
  const b = await db.booking.findUniqueOrThrow({
    where: { id: placed.bookingId },
    select: { slotStart: true, resource: { select: { name: true, kind: true } } },
  });
  return {
    bookingId: placed.bookingId,
    ticket: ticketLabel(b.resource.kind, placed.ticket),
    resourceName: b.resource.name,
    time: localTime(b.slotStart),
    day: localDay(b.slotStart),
    seat: placed.seat,
    place: `${SEAT_LABEL[b.resource.kind]} ${placed.seat}`,
    duplicate: true,
  };
}

/**
 * Books a place in a chosen slot for a participant or anonymously. Staff at the desk
 * (`booking:manage`). Refuses a slot outside the opening hours, in a closure, gone, misaligned or
 * on an inactive resource; a full slot answers with the next free time.
 */
export async function bookSlot(actor: Actor, input: unknown): Promise<BookingResult> {
  assertCan(actor, 'booking:manage');
  const data = parseOrRefuse(BookSlotSchema, input);
  const now = programNow();
  const day = localDay(data.slotStart);
  const { resource, closures, earlier } = await slotContext(db, data.resourceId, data.idempotencyKey, day, now);
  if (earlier) return describeEarlier(ownSubmit(actor, earlier));
  if (!resource) throw new AppError('not_found', RESOURCE_NOT_FOUND);
  const problem = slotProblem(resource, data.slotStart, closures, now);
  if (problem) throw new AppError('invalid', problem);
  const slot = { start: data.slotStart, end: new Date(data.slotStart.getTime() + resource.slotMinutes * 60_000) };
  const req: PlaceRequest = { resource, slot, participantId: data.participantId, idempotencyKey: data.idempotencyKey, via: 'grid' };
  try {
    return result(resource, slot.start, await placeBooking(actor, req, now));
  } catch (error) {
    if (error instanceof SlotFull) throw await takenError(resource.kind, day, now);
    throw error;
  }
}

/** How many times "next free" moves on when the place it found is taken under it. */
const NEXT_FREE_ROUNDS = 10;

/**
 * Books the earliest free place of a kind today, in one action. Staff at the desk
 * (`booking:manage`). Used by the Today page, the bookings page and a participant's profile.
 */
export async function bookNextFree(actor: Actor, input: unknown): Promise<BookingResult> {
  assertCan(actor, 'booking:manage');
  const data = parseOrRefuse(BookNextSchema, input);
  const now = programNow();
  await sweepNoShows(now);
  const earlier = await earlierSubmit(actor, data.idempotencyKey);
  if (earlier) return describeEarlier(earlier);
  return bookNextOf(actor, data.kind, localDay(now), { participantId: data.participantId, idempotencyKey: data.idempotencyKey, via: 'next_free' }, now);
}

/** The earliest free place of a kind on a day, taken for this request; moves on when it is taken under it. */
export async function bookNextOf(
  actor: Actor,
  kind: Kind,
  day: string,
  req: Pick<PlaceRequest, 'participantId' | 'idempotencyKey' | 'via' | 'entry'>,
  now: Date,
): Promise<BookingResult> {
  assertCan(actor, 'booking:manage');
  const resources = await loadResources(db, { kind });
  for (let round = 0; round < NEXT_FREE_ROUNDS; round++) {
    const next = await nextFreePlace(db, kind, day, now);
    if (!next) throw new AppError('conflict', noneFreeMessage(kind, dayWord(day, now), req.entry && ticketLabel(kind, req.entry.ticket)));
    const resource = resources.find((r) => r.id === next.resourceId)!;
    try {
      return result(resource, next.start, await placeBooking(actor, { ...req, resource, slot: next }, now));
    } catch (error) {
      if (!(error instanceof SlotFull)) throw error;
    }
  }
  throw await takenError(kind, day, now);
}
