import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { bookSlot } from './book.ts';
import { moveBooking } from './move.ts';
import { changeBooking } from './transitions.ts';
import { bookingRow, expectAppError, key, makeResource, soonSlot, tomorrowSlot } from './test-helpers.ts';
import { localTime } from '@/lib/calendar/index.ts';

async function setup(opts: { soon?: boolean; capacity?: number; name?: string } = {}) {
  const coordinator = await makeActor('coordinator');
  const shower = await makeResource({ name: opts.name ?? 'Shower 1', capacity: opts.capacity ?? 1 });
  const slot = opts.soon ? soonSlot(shower) : tomorrowSlot(shower, 20);
  const book = async (participantId = 'anonymous', start = slot.start) =>
    (await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: start.toISOString(), participantId })).bookingId;
  const change = (bookingId: string, transition: string) => changeBooking(coordinator, { bookingId, transition });
  return { coordinator, shower, slot, book, change };
}

describe('a booking’s life', () => {
  it('booked → checked in → done, with a timestamp and an audit row for each', async () => {
    const s = await setup({ soon: true });
    const id = await s.book();
    expect(await s.change(id, 'check_in')).toEqual({ status: 'checked_in' });
    expect(await s.change(id, 'done')).toEqual({ status: 'done' });
    const row = await bookingRow(id);
    expect(row.checkedInAt).not.toBeNull();
    expect(row.doneAt).not.toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { entityId: id }, orderBy: { id: 'asc' }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(['booking.created', 'booking.checked_in', 'booking.done']);
  });

  it('a cancelled place is free for someone else; checking in the cancelled booking is refused, nothing changed', async () => {
    const s = await setup();
    const id = await s.book();
    await s.change(id, 'cancel');
    const other = await s.book();
    expect((await bookingRow(other)).seat).toBe(1);
    const before = await db.auditEvent.count();
    await expectAppError(s.change(id, 'check_in'), 'conflict', 'This booking was cancelled. Reinstate it first, or make a new booking.');
    expect((await bookingRow(id)).status).toBe('cancelled');
    expect(await db.auditEvent.count()).toBe(before);
  });

  it('reinstating into a seat someone else took is refused with the next free time; with a seat free it works', async () => {
    const s = await setup();
    const id = await s.book();
    await s.change(id, 'cancel');
    await s.book();
    await expectAppError(s.change(id, 'reinstate'), 'conflict', /^That place was just taken — next free is \d+:\d\d \(Shower 1\)\.$/);
    expect((await bookingRow(id)).status).toBe('cancelled');

    const two = await setup({ capacity: 2, name: 'Showers 2 and 3' });
    const mine = await two.book();
    await two.change(mine, 'cancel');
    await two.book(); // takes seat 1, which was mine
    await two.change(mine, 'reinstate');
    expect(await bookingRow(mine)).toMatchObject({ status: 'booked', seat: 2, cancelledAt: null });
  });

  it('refuses what the timing does not allow: checking in long before, a no-show before the slot starts', async () => {
    const s = await setup();
    const id = await s.book();
    await expectAppError(s.change(id, 'check_in'), 'conflict', /Check-in opens 30 minutes before the slot/);
    await expectAppError(s.change(id, 'no_show'), 'conflict', /not started yet/);
    await expectAppError(s.change(id, 'done'), 'conflict', /Check the person in first/);
    await expectAppError(s.change(id, 'reinstate'), 'conflict', /already active/);
    expect((await bookingRow(id)).status).toBe('booked');
  });

  it('answers not found or invalid for unknown, malformed and unknown-change input', async () => {
    const s = await setup();
    await expectAppError(s.change('00000000-0000-4000-8000-000000000000', 'cancel'), 'not_found', /booking was not found/);
    await expectAppError(s.change('nope', 'cancel'), 'invalid', /booking was not found/);
    const id = await s.book();
    await expectAppError(s.change(id, 'delete'), 'invalid', /not possible/);
    expect((await bookingRow(id)).status).toBe('booked');
  });

  it('is not for roles without booking:manage', async () => {
    const s = await setup();
    const id = await s.book();
    for (const role of ROLES.filter((r) => !roleCan(r, 'booking:manage'))) {
      await expectAppError(changeBooking(await makeActor(role), { bookingId: id, transition: 'cancel' }), 'forbidden');
    }
    expect((await bookingRow(id)).status).toBe('booked');
  });
});

describe('moveBooking', () => {
  it('moves a booked place to another slot or resource of the same kind that day, keeping its ticket', async () => {
    const s = await setup();
    const other = await makeResource({ name: 'Shower 2' });
    const id = await s.book();
    const target = tomorrowSlot(other, 22);
    expect(await moveBooking(s.coordinator, { bookingId: id, resourceId: other.id, slotStart: target.start.toISOString() })).toEqual({
      resourceName: 'Shower 2',
      time: localTime(target.start),
    });
    expect(await bookingRow(id)).toMatchObject({ resourceId: other.id, slotStart: target.start, ticket: 1, seat: 1 });
    // The old place is free again.
    await s.book();
  });

  it('refuses a full target, another kind, another day, a checked-in booking; nothing changes', async () => {
    const s = await setup();
    const id = await s.book();
    const busy = await s.book('anonymous', tomorrowSlot(s.shower, 21).start);
    const laundry = await makeResource({ kind: 'laundry', slotMinutes: 90 });
    const move = (resourceId: string, start: Date) => moveBooking(s.coordinator, { bookingId: id, resourceId, slotStart: start.toISOString() });
    await expectAppError(move(s.shower.id, tomorrowSlot(s.shower, 21).start), 'conflict', /just taken/);
    await expectAppError(move(laundry.id, tomorrowSlot(laundry, 3).start), 'invalid', /Move a shower booking to another shower/);
    await expectAppError(move(s.shower.id, tomorrowSlot(s.shower, 20, new Date(Date.now() + 86_400_000)).start), 'invalid', /moves within its day/);
    await expectAppError(move(s.shower.id, tomorrowSlot(s.shower, 20).start), 'invalid', /already in that slot/);
    expect(await bookingRow(id)).toMatchObject({ slotStart: tomorrowSlot(s.shower, 20).start });
    expect(busy).toBeTruthy();
  });
});
