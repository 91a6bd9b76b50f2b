import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { dayBounds, loadHeld } from './load.ts';
import { freeSeat, SlotFull } from './place.ts';
import { freeSeats } from './slots.ts';
import { makeResource, tomorrowSlot } from './test-helpers.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// The grid shows free seats with the pure freeSeats (slots.ts); the seat a booking takes is the
// database function free_seat's pick. On the same rows, the first seat the grid shows is the seat
// a booking gets, and a slot the grid shows full is full for the database too.

const CAPACITY = 4;
/** Seats held in one slot, and seats only cancelled there (which do not hold a place). */
const CASES: { held: number[]; cancelled: number[] }[] = [
  { held: [], cancelled: [] },
  { held: [1], cancelled: [] },
  { held: [1, 2], cancelled: [3] },
  { held: [2, 3], cancelled: [1] },
  { held: [1, 3], cancelled: [] },
  { held: [1, 2, 4], cancelled: [] },
  { held: [1, 2, 3, 4], cancelled: [] },
  { held: [4], cancelled: [1, 2] },
];

describe('the seat a booking takes and the seats the grid shows', () => {
  it('agree on the same rows: the lowest free seat, or full', async () => {
    const by = await makeActor('coordinator');
    const resource = await makeResource({ capacity: CAPACITY });
    let ticket = 0;
    for (const [n, { held, cancelled }] of CASES.entries()) {
      const slot = tomorrowSlot(resource, n);
      const day = localDay(slot.start);
      const row = (seat: number, status: 'booked' | 'cancelled') => ({
        resourceId: resource.id,
        kind: resource.kind,
        day: new Date(`${day}T00:00:00Z`),
        ticket: ++ticket,
        slotStart: slot.start,
        slotEnd: slot.end,
        seat,
        status,
        cancelledAt: status === 'cancelled' ? programNow() : null,
        idempotencyKey: randomUUID(),
        createdById: by.id,
        bookedAt: programNow(),
      });
      for (const seat of cancelled) await db.booking.create({ data: row(seat, 'cancelled'), select: { id: true } });
      for (const seat of held) await db.booking.create({ data: row(seat, 'booked'), select: { id: true } });

      const { from, to } = dayBounds(day);
      const shown = freeSeats(resource, slot, await loadHeld(db, [resource.id], from, to));
      const taken = await freeSeat(db, resource, slot.start).catch((e: unknown) => (e instanceof SlotFull ? null : Promise.reject(e)));
      expect(taken, `held ${held.join(',')}`).toBe(shown[0] ?? null);
      expect(shown).toEqual([1, 2, 3, 4].filter((s) => !held.includes(s)));
    }
  });

  it('takes the preferred seat when it is free, else the lowest free one', async () => {
    const by = await makeActor('coordinator');
    const resource = await makeResource({ capacity: CAPACITY });
    const slot = tomorrowSlot(resource, 0);
    await db.booking.create({
      data: {
        resourceId: resource.id,
        kind: resource.kind,
        day: new Date(`${localDay(slot.start)}T00:00:00Z`),
        ticket: 90,
        slotStart: slot.start,
        slotEnd: slot.end,
        seat: 3,
        idempotencyKey: randomUUID(),
        createdById: by.id,
        bookedAt: programNow(),
      },
      select: { id: true },
    });
    expect(await freeSeat(db, resource, slot.start, 2)).toBe(2);
    expect(await freeSeat(db, resource, slot.start, 3)).toBe(1);
    expect(await freeSeat(db, resource, slot.start, CAPACITY + 1)).toBe(1);
  });
});
