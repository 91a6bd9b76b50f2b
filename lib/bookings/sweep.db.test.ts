import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { bookSlot } from './book.ts';
import { slotContext } from './load.ts';
import { sweepNoShows } from './sweep.ts';
import { changeBooking } from './transitions.ts';
import { addWaiting } from './waitlist-test-helpers.ts';
import { bookingRow, key, makeResource, setSetting, tomorrowSlot } from './test-helpers.ts';
import { localDay } from '@/lib/calendar/index.ts';

// No-shows are applied lazily: the sweep runs at the start of booking reads and writes, with the
// time it is given, in one statement.

const minutes = (d: Date, m: number) => new Date(d.getTime() + m * 60_000);

async function setup() {
  const coordinator = await makeActor('coordinator');
  const shower = await makeResource({ slotMinutes: 30 });
  const slot = tomorrowSlot(shower, 20);
  const { bookingId } = await bookSlot(coordinator, {
    idempotencyKey: key(),
    resourceId: shower.id,
    slotStart: slot.start.toISOString(),
    participantId: 'anonymous',
  });
  return { coordinator, shower, slot, bookingId };
}

describe('sweepNoShows', () => {
  it('marks a booking not checked in within the grace period as missed, frees its seat, once', async () => {
    const s = await setup();
    expect(await sweepNoShows(minutes(s.slot.start, 9))).toMatchObject({ missed: 0 });
    expect((await bookingRow(s.bookingId)).status).toBe('booked');
    expect(await sweepNoShows(minutes(s.slot.start, 10))).toEqual({ missed: 1, finished: 0, offered: 0 });
    const row = await bookingRow(s.bookingId);
    expect(row.status).toBe('no_show');
    expect(row.noShowAt).toEqual(minutes(s.slot.start, 10));
    // Idempotent: a second sweep finds nothing, and writes no second audit row.
    expect(await sweepNoShows(minutes(s.slot.start, 11))).toEqual({ missed: 0, finished: 0, offered: 0 });
    const audit = await db.auditEvent.findMany({ where: { action: 'booking.no_show' }, select: { actorId: true, entityId: true, details: true } });
    expect(audit).toEqual([{ actorId: null, entityId: s.bookingId, details: { auto: true, participantId: null } }]);
  });

  it('runs inside the read a booking starts with, so a missed place is free before the seat is chosen', async () => {
    const s = await setup();
    await slotContext(db, s.shower.id, key(), localDay(s.slot.start), minutes(s.slot.start, 9));
    expect((await bookingRow(s.bookingId)).status).toBe('booked');
    await slotContext(db, s.shower.id, key(), localDay(s.slot.start), minutes(s.slot.start, 10));
    expect((await bookingRow(s.bookingId)).status).toBe('no_show');
  });

  it('follows the grace setting, and counts from a late booking or reinstatement, not only the slot start', async () => {
    const s = await setup();
    await setSetting('bookings.graceMinutes', 20);
    expect((await sweepNoShows(minutes(s.slot.start, 15))).missed).toBe(0);
    await db.booking.update({ where: { id: s.bookingId }, data: { bookedAt: minutes(s.slot.start, 12) } });
    expect((await sweepNoShows(minutes(s.slot.start, 25))).missed).toBe(0);
    expect((await sweepNoShows(minutes(s.slot.start, 32))).missed).toBe(1);
  });

  it('offers the freed place to the first person waiting that day and kind, in order', async () => {
    const s = await setup();
    const [first, second] = [await addWaiting(s.coordinator, 'shower', s.slot.start), await addWaiting(s.coordinator, 'shower', s.slot.start)];
    const laundry = await addWaiting(s.coordinator, 'laundry', s.slot.start);
    expect(await sweepNoShows(minutes(s.slot.start, 10))).toMatchObject({ missed: 1, offered: 1 });
    const statuses = await db.waitlistEntry.findMany({ select: { id: true, status: true, offeredAt: true } });
    const status = (id: string) => statuses.find((e) => e.id === id)!.status;
    expect([status(first), status(second), status(laundry)]).toEqual(['offered', 'waiting', 'waiting']);
    expect(await db.auditEvent.count({ where: { action: 'waitlist_entry.offered', entityId: first } })).toBe(1);
  });

  it('offers nothing for a place whose slot is already over', async () => {
    const s = await setup();
    const waiting = await addWaiting(s.coordinator, 'shower', s.slot.start);
    expect(await sweepNoShows(minutes(s.slot.start, 45))).toMatchObject({ missed: 1, offered: 0 });
    expect((await db.waitlistEntry.findUniqueOrThrow({ where: { id: waiting } })).status).toBe('waiting');
  });

  it('finishes a checked-in booking once its slot is over', async () => {
    const s = await setup();
    await db.booking.update({ where: { id: s.bookingId }, data: { status: 'checked_in', checkedInAt: s.slot.start } });
    expect((await sweepNoShows(minutes(s.slot.start, 29))).finished).toBe(0);
    expect(await sweepNoShows(minutes(s.slot.start, 30))).toMatchObject({ finished: 1, missed: 0 });
    expect(await bookingRow(s.bookingId)).toMatchObject({ status: 'done', doneAt: s.slot.end });
  });

  it('two sweeps at once mark each booking once', async () => {
    const s = await setup();
    const at = minutes(s.slot.start, 10);
    const results = await Promise.all(Array.from({ length: 8 }, () => sweepNoShows(at)));
    expect(results.reduce((n, r) => n + r.missed, 0)).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'booking.no_show' } })).toBe(1);
  });

  it('a cancel offers the freed place as well', async () => {
    const s = await setup();
    const waiting = await addWaiting(s.coordinator, 'shower', s.slot.start);
    await changeBooking(s.coordinator, { bookingId: s.bookingId, transition: 'cancel' });
    expect((await db.waitlistEntry.findUniqueOrThrow({ where: { id: waiting } })).status).toBe('offered');
  });
});
