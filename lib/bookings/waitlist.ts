import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { bookNextOf, describeEarlier, type BookingResult } from './book.ts';
import { lockParticipantForBooking } from './people.ts';
import { earlierSubmit, nextTicket } from './place.ts';
import { KIND_LABEL, WAITLIST_OPEN, ticketLabel, waitlistOpen } from './rules.ts';
import { AddToWaitlistSchema, BookFromWaitlistSchema, ENTRY_CLOSED, ENTRY_NOT_FOUND, parseOrRefuse, WaitlistEntrySchema } from './schema.ts';
import { BOOKING_HORIZON_DAYS, type Kind } from './slots.ts';
import { sweepNoShows } from './sweep.ts';
import { addDays, localDay, programNow } from '@/lib/calendar/index.ts';

// The waitlist: per kind and day, in the order people asked. Each entry gets a ticket number
// from the day's sequence (the booking made from it keeps the number), so an anonymous person
// can be called by it. A freed place marks the first waiting entry "offered" (sweep.ts,
// transitions.ts); the desk then books them or takes them off.

/** Position among those still waiting or offered (1 = next), by the order they asked. */
async function position(tx: Tx | typeof db, kind: Kind, day: string, entryId: string): Promise<number> {
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM waitlist_entry w, waitlist_entry me
    WHERE me.id = ${entryId}::uuid AND w.kind = ${kind}::"ResourceKind" AND w.day = ${day}::date
      AND w.status = ANY(${WAITLIST_OPEN}::"WaitlistStatus"[]) AND (w.created_at, w.id) <= (me.created_at, me.id)`;
  return row?.n ?? 0;
}

/** Puts a participant or an anonymous person on a day's waitlist. Staff at the desk (`booking:manage`). */
export async function addToWaitlist(actor: Actor, input: unknown): Promise<{ entryId: string; ticket: string; position: number }> {
  assertCan(actor, 'booking:manage');
  const { kind, day, participantId } = parseOrRefuse(AddToWaitlistSchema, input);
  const today = localDay(programNow());
  if (day < today || day > addDays(today, BOOKING_HORIZON_DAYS)) throw new AppError('invalid', 'The waitlist is for today or one of the next days.', 'day');
  return db.$transaction(async (tx) => {
    if (participantId) {
      await lockParticipantForBooking(tx, participantId, { kind, day });
      const waiting = await tx.waitlistEntry.findFirst({
        where: { participantId, kind, day: new Date(`${day}T00:00:00Z`), status: { in: [...WAITLIST_OPEN] } },
        select: { id: true },
      });
      if (waiting) {
        throw new AppError(
          'conflict',
          `This person is already on the ${KIND_LABEL[kind]} waitlist (number ${await position(tx, kind, day, waiting.id)}).`,
          'participantId',
        );
      }
    }
    const ticket = await nextTicket(tx, day, kind);
    const entry = await tx.waitlistEntry.create({ data: { kind, day: new Date(`${day}T00:00:00Z`), ticket, participantId }, select: { id: true } });
    await recordAudit(tx, actor, 'waitlist_entry.added', { entityType: 'waitlist_entry', entityId: entry.id, details: { kind, day, participantId, ticket } });
    return { entryId: entry.id, ticket: ticketLabel(kind, ticket), position: await position(tx, kind, day, entry.id) };
  });
}

/** Takes someone off the waitlist (they left, or found a place another way). Staff at the desk (`booking:manage`). */
export async function removeFromWaitlist(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'booking:manage');
  const { entryId } = parseOrRefuse(WaitlistEntrySchema, input);
  await db.$transaction(async (tx) => {
    const entry = await tx.waitlistEntry.findUnique({ where: { id: entryId }, select: { id: true } });
    if (!entry) throw new AppError('not_found', ENTRY_NOT_FOUND);
    const { count } = await tx.waitlistEntry.updateMany({
      where: { id: entryId, status: { in: [...WAITLIST_OPEN] } },
      data: { status: 'removed', closedAt: programNow() },
    });
    if (count !== 1) throw new AppError('conflict', ENTRY_CLOSED);
    await recordAudit(tx, actor, 'waitlist_entry.removed', { entityType: 'waitlist_entry', entityId: entryId });
  });
}

/**
 * Books the next free place of the entry's kind and day for the person waiting, keeping their
 * ticket number. Staff at the desk (`booking:manage`).
 */
export async function bookFromWaitlist(actor: Actor, input: unknown): Promise<BookingResult> {
  assertCan(actor, 'booking:manage');
  const { entryId, idempotencyKey } = parseOrRefuse(BookFromWaitlistSchema, input);
  const now = programNow();
  await sweepNoShows(now);
  const earlier = await earlierSubmit(actor, idempotencyKey);
  if (earlier) return describeEarlier(earlier);
  const entry = await db.waitlistEntry.findUnique({
    where: { id: entryId },
    select: { id: true, kind: true, day: true, ticket: true, participantId: true, status: true },
  });
  if (!entry) throw new AppError('not_found', ENTRY_NOT_FOUND);
  if (!waitlistOpen(entry.status)) throw new AppError('conflict', ENTRY_CLOSED);
  const day = entry.day.toISOString().slice(0, 10);
  return bookNextOf(
    actor,
    entry.kind,
    day,
    {
      participantId: entry.participantId,
      idempotencyKey,
      via: 'waitlist',
      entry: { id: entry.id, ticket: entry.ticket },
    },
    now,
  );
}
