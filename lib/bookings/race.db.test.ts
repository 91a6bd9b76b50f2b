import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { AppError } from '@/lib/errors.ts';
import { bookSlot } from './book.ts';
import { changeBooking } from './transitions.ts';
import { key, makePerson, makeResource, tomorrowSlot } from './test-helpers.ts';
import { localDay } from '@/lib/calendar/index.ts';

// Two desks booking the last place at the same moment get one booking and one clear "taken".
// Here 200 at once, against PostgreSQL: exactly `capacity` succeed, every other attempt gets the
// "taken" answer, and no other error escapes.

const ATTEMPTS = 200;

async function race(capacity: number) {
  const actors = await Promise.all([makeActor('coordinator'), makeActor('peer'), makeActor('outreach'), makeActor('manager')]);
  const resource = await makeResource({ capacity, slotMinutes: 30 });
  const slotStart = tomorrowSlot(resource, 20).start.toISOString();
  const outcomes = await Promise.allSettled(
    Array.from({ length: ATTEMPTS }, (_, i) =>
      bookSlot(actors[i % actors.length]!, { idempotencyKey: key(), resourceId: resource.id, slotStart, participantId: 'anonymous' }),
    ),
  );
  const won = outcomes.filter((o) => o.status === 'fulfilled');
  const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
  return { resource, slotStart, won, lost };
}

function expectOnlyTaken(lost: PromiseRejectedResult[]) {
  const unexpected = lost.map((l) => l.reason as unknown).filter((e) => !(e instanceof AppError && e.code === 'conflict' && /just taken/.test(e.userMessage)));
  expect(unexpected.map((e) => (e instanceof Error ? e.message : String(e)))).toEqual([]);
}

describe('200 concurrent bookings of one slot', () => {
  for (const capacity of [1, 2]) {
    it(`capacity ${capacity}: exactly ${capacity} succeed, the rest are told it was taken`, async () => {
      const { resource, slotStart, won, lost } = await race(capacity);
      expect(won).toHaveLength(capacity);
      expect(lost).toHaveLength(ATTEMPTS - capacity);
      expectOnlyTaken(lost);
      const rows = await db.booking.findMany({ where: { resourceId: resource.id, slotStart: new Date(slotStart) }, select: { seat: true, status: true } });
      expect(rows.map((r) => r.seat).sort()).toEqual(Array.from({ length: capacity }, (_, i) => i + 1));
      expect(await db.auditEvent.count({ where: { action: 'booking.created' } })).toBe(capacity);
    });
  }

  it('reinstating races a new booking for the freed seat: one of them gets it', async () => {
    const coordinator = await makeActor('coordinator');
    const resource = await makeResource({ capacity: 1 });
    const slotStart = tomorrowSlot(resource, 20).start.toISOString();
    const first = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: resource.id, slotStart, participantId: 'anonymous' });
    await changeBooking(coordinator, { bookingId: first.bookingId, transition: 'cancel' });
    const outcomes = await Promise.allSettled([
      changeBooking(coordinator, { bookingId: first.bookingId, transition: 'reinstate' }),
      ...Array.from({ length: 20 }, () => bookSlot(coordinator, { idempotencyKey: key(), resourceId: resource.id, slotStart, participantId: 'anonymous' })),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expectOnlyTaken(outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected'));
    expect(await db.booking.count({ where: { status: { in: ['booked', 'checked_in'] } } })).toBe(1);
  });

  it('the same person booked from 30 desks at once for 30 different slots holds one place (the daily limit)', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator);
    const resource = await makeResource({ capacity: 1 });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) =>
        bookSlot(coordinator, {
          idempotencyKey: key(),
          resourceId: resource.id,
          slotStart: tomorrowSlot(resource, 10 + i).start.toISOString(),
          participantId: person.id,
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    // Told by the code's count, or by the trigger's for those that waited on the person's row.
    for (const o of outcomes)
      if (o.status === 'rejected')
        expect((o.reason as AppError).userMessage).toMatch(/^This person already has (a shower booked|the most shower bookings allowed) that day/);
  });
});

describe('the database itself refuses overbooking, whatever code writes the rows', () => {
  async function insert(resourceId: string, slotStart: Date, seat: number, ticket: number, participantId: string | null = null) {
    const c = await rawClient();
    const creator = (await db.staffUser.findFirstOrThrow({ select: { id: true } })).id;
    return c.query(
      `INSERT INTO booking (id, resource_id, kind, participant_id, day, ticket, slot_start, slot_end, seat, idempotency_key, created_by_id, booked_at)
       VALUES (gen_random_uuid(), $1, 'shower', $2, $7::date, $4, $3, $3::timestamptz + interval '30 minutes', $5, gen_random_uuid(), $6, now())`,
      [resourceId, participantId, slotStart, ticket, seat, creator, localDay(slotStart)],
    );
  }

  it('a second holder of the same seat, a seat beyond the capacity, a second place for one person, a wrong day', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator);
    const resource = await makeResource({ capacity: 2 });
    const [a, b] = [tomorrowSlot(resource, 20).start, tomorrowSlot(resource, 21).start];
    await insert(resource.id, a, 1, 1, person.id);
    await expect(insert(resource.id, a, 1, 2)).rejects.toThrow(/booking_seat_taken_key/);
    await expect(insert(resource.id, a, 3, 3)).rejects.toThrow(/beyond the capacity/);
    await expect(insert(resource.id, b, 1, 4, person.id)).rejects.toThrow(/daily booking limit/);
    await insert(resource.id, a, 2, 5);
    const c = await rawClient();
    await expect(c.query(`UPDATE booking SET day = day + 2 WHERE ticket = 5`)).rejects.toThrow(/booking_day_check/);
    await expect(c.query(`UPDATE booking SET day = day - 2 WHERE ticket = 5`)).rejects.toThrow(/booking_day_check/);
    await expect(c.query(`UPDATE resource SET capacity = 1 WHERE id = $1`, [resource.id])).rejects.toThrow(/beyond the new capacity/);
    await expect(c.query(`DELETE FROM booking`)).rejects.toThrow(/cancelled, not deleted/);
    // A cancelled booking no longer holds its seat.
    await c.query(`UPDATE booking SET status = 'cancelled', cancelled_at = now() WHERE ticket = 5`);
    await insert(resource.id, a, 2, 6);
    expect(await db.booking.count()).toBe(3);
  });
});
