import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { bookSlot } from './book.ts';
import { deskQueue } from './desk.ts';
import { moveBooking } from './move.ts';
import { bookingDay, type BookingDay } from './queries.ts';
import { changeBooking } from './transitions.ts';
import { key, makePerson, makeResource } from './test-helpers.ts';
import { addDays, atLocal, fixClock } from '@/lib/calendar/index.ts';

// The grid as the desk reads it after the fact: past slots with who was there and how it went,
// and bookings that a closure added later now covers (flagged, with where they could go).

const DAY = '2026-12-09'; // a Wednesday
const at = (hhmm: string, day = DAY) => atLocal(day, Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3)));
const seatsAt = (view: BookingDay, resource: string, time: string) =>
  view.resources.find((r) => r.name === resource)!.slots.find((s) => s.time === time)!.seats;

describe('past slots on the grid', () => {
  it('keep each booking in its seat with its outcome; a peer sees the names on that day only', async () => {
    const coordinator = await makeActor('coordinator');
    const peer = await makeActor('peer');
    const used = await makePerson(coordinator, { alias: 'Juniper' });
    const missed = await makePerson(coordinator, { alias: 'Yarrow' });
    await makeResource({ name: 'Shower 1' });
    const shower = (await db.resource.findFirstOrThrow({ where: { name: 'Shower 1' }, select: { id: true } })).id;
    fixClock(at('08:00'));
    const a = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower, slotStart: at('09:00').toISOString(), participantId: used.id });
    const b = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower, slotStart: at('09:30').toISOString(), participantId: missed.id });
    fixClock(at('09:00'));
    await changeBooking(coordinator, { bookingId: a.bookingId, transition: 'check_in' });
    await changeBooking(coordinator, { bookingId: a.bookingId, transition: 'done' });
    fixClock(at('09:31')); // before the grace period's sweep would mark it
    await changeBooking(coordinator, { bookingId: b.bookingId, transition: 'no_show' });

    const now = at('11:00');
    const view = await bookingDay(peer, DAY, now);
    expect(seatsAt(view, 'Shower 1', '9:00')).toEqual([
      {
        seat: 1,
        booking: null,
        earlier: [{ id: a.bookingId, ticket: 'S-01', seat: 1, status: 'done', person: { alias: 'Juniper', code: used.code }, flag: null }],
      },
    ]);
    expect(seatsAt(view, 'Shower 1', '9:30')).toMatchObject([
      { seat: 1, booking: null, earlier: [{ id: b.bookingId, status: 'no_show', person: { alias: 'Yarrow' } }] },
    ]);
    expect(seatsAt(view, 'Shower 1', '10:00')).toEqual([{ seat: 1, booking: null, earlier: [] }]);

    // The next day the same slots still show what happened; the peer no longer sees whom.
    const nextDay = at('11:00', addDays(DAY, 1));
    const later = await bookingDay(peer, DAY, nextDay);
    expect(seatsAt(later, 'Shower 1', '9:00')[0]!.earlier).toMatchObject([{ status: 'done', person: 'withheld' }]);
    expect(JSON.stringify(later)).not.toContain('Juniper');
    expect(JSON.stringify(later)).not.toContain(missed.code);
    const worker = await bookingDay(coordinator, DAY, nextDay);
    expect(seatsAt(worker, 'Shower 1', '9:30')[0]!.earlier).toMatchObject([{ status: 'no_show', person: { alias: 'Yarrow', code: missed.code } }]);
  });
});

describe('bookings inside a closure', () => {
  async function setUp() {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator, { alias: 'Clover' });
    const one = await makeResource({ name: 'Shower 1' });
    const two = await makeResource({ name: 'Shower 2' });
    fixClock(at('08:10'));
    const book = (time: string, participantId = 'anonymous') =>
      bookSlot(coordinator, { idempotencyKey: key(), resourceId: two.id, slotStart: at(time).toISOString(), participantId });
    const inside = await book('13:00', person.id);
    const lastInside = await book('15:30');
    const before = await book('12:30');
    const after = await book('16:00');
    await db.resourceClosure.create({ data: { resourceId: two.id, startsAt: at('13:00'), endsAt: at('16:00'), reason: 'repairs' } });
    return { coordinator, person, one, two, inside, lastInside, before, after };
  }

  it('are flagged in plain words on the grid and on Today, with the first free place at or after the booked time; the edges are not', async () => {
    const { coordinator, person, one, inside, lastInside, before, after } = await setUp();
    const now = at('08:10');
    const flagTo = (time: string) => ({
      message: 'Shower 2 is closed then (repairs) — move this booking.',
      moveTo: { value: `${one.id}@${at(time).toISOString()}`, label: `Shower 1 at ${time}` },
    });
    const view = await bookingDay(coordinator, DAY, now);
    const flags = Object.fromEntries(
      view.resources.flatMap((r) => r.slots.flatMap((s) => s.seats.flatMap((seat) => (seat.booking ? [[seat.booking.id, seat.booking.flag]] : [])))),
    );
    expect(flags).toEqual({ [before.bookingId]: null, [inside.bookingId]: flagTo('13:00'), [lastInside.bookingId]: flagTo('15:30'), [after.bookingId]: null });

    const [showers, laundry] = await deskQueue(coordinator, now);
    expect(showers!.toMove.map((l) => ({ id: l.id, time: l.time, flag: l.flag }))).toEqual([
      { id: inside.bookingId, time: '13:00', flag: flagTo('13:00') },
      { id: lastInside.bookingId, time: '15:30', flag: flagTo('15:30') },
    ]);
    expect(showers!.toMove[0]!.person).toEqual({ alias: 'Clover', code: person.code });
    expect(laundry!.toMove).toEqual([]);
    // A peer at the desk sees the same flags today (names as the queue shows them).
    const [peerShowers] = await deskQueue(await makeActor('peer'), now);
    expect(peerShowers!.toMove.map((l) => l.id)).toEqual([inside.bookingId, lastInside.bookingId]);
  });

  it('moving the booking to the offered place clears its flag; a cancelled one is not flagged', async () => {
    const { coordinator, inside, lastInside } = await setUp();
    const now = at('08:10');
    const [first] = (await deskQueue(coordinator, now))[0]!.toMove;
    const [resourceId, slotStart] = first!.flag.moveTo!.value.split('@');
    await moveBooking(coordinator, { bookingId: inside.bookingId, resourceId, slotStart });
    await changeBooking(coordinator, { bookingId: lastInside.bookingId, transition: 'cancel' });
    expect((await deskQueue(coordinator, now))[0]!.toMove).toEqual([]);
    const view = await bookingDay(coordinator, DAY, now);
    const all = view.resources.flatMap((r) => r.slots.flatMap((s) => s.seats.flatMap((seat) => [seat.booking, ...seat.earlier])));
    expect(all.filter((b) => b?.flag)).toEqual([]);
    expect(all.find((b) => b?.id === inside.bookingId)).toMatchObject({ status: 'booked' });
  });

  it('when nothing of its kind is free from the booked time on, the earliest free place left that day is offered', async () => {
    const { coordinator, one, lastInside } = await setUp();
    await db.resourceClosure.create({ data: { resourceId: null, startsAt: at('15:00'), endsAt: at('23:59'), reason: 'cleaning' } });
    const view = await bookingDay(coordinator, DAY, at('08:10'));
    const flag = view.resources.flatMap((r) => r.slots.flatMap((s) => s.seats.map((seat) => seat.booking))).find((b) => b?.id === lastInside.bookingId)!.flag;
    expect(flag?.moveTo).toEqual({ value: `${one.id}@${at('08:00').toISOString()}`, label: 'Shower 1 at 8:00' });
  });

  it('a closure of every resource (no resource named) flags them all; once the slot is over nothing is flagged', async () => {
    const { coordinator, before, after } = await setUp();
    await db.resourceClosure.create({ data: { resourceId: null, startsAt: at('12:00'), endsAt: at('13:00'), reason: 'staff meeting' } });
    const view = await bookingDay(coordinator, DAY, at('08:10'));
    const booking = (id: string) => view.resources.flatMap((r) => r.slots.flatMap((s) => s.seats.map((seat) => seat.booking))).find((b) => b?.id === id);
    expect(booking(before.bookingId)!.flag?.message).toBe('Shower 2 is closed then (staff meeting) — move this booking.');
    expect(booking(after.bookingId)!.flag).toBeNull();
    const evening = await bookingDay(coordinator, DAY, at('18:00'));
    expect(JSON.stringify(evening)).not.toContain('move this booking');
    expect((await deskQueue(coordinator, at('18:00')))[0]!.toMove).toEqual([]);
  });
});
