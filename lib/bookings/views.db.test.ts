import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { bookNextFree, bookSlot } from './book.ts';
import { deskQueue, participantBookings } from './desk.ts';
import { bookingDay } from './queries.ts';
import { bookingTimelineEntries } from './timeline.ts';
import { changeBooking } from './transitions.ts';
import { expectAppError, key, makePerson, makeResource, soonSlot, tomorrowSlot } from './test-helpers.ts';
import { addDays, fixClock, localDay, localTime } from '@/lib/calendar/index.ts';
import { addToWaitlist } from './waitlist.ts';

describe('bookingDay (the desk’s grid)', () => {
  it('gives every slot with its seats, the booking in each (alias and code only), and what no longer holds a seat', async () => {
    const peer = await makeActor('peer');
    const person = await makePerson(peer, { alias: 'Wren' });
    const laundry = await makeResource({ kind: 'laundry', name: 'Laundry', capacity: 2, slotMinutes: 90, opensMin: 540, closesMin: 960 });
    const day = addDays(localDay(new Date()), 1);
    const first = tomorrowSlot(laundry, 0);
    const kept = await bookSlot(peer, { idempotencyKey: key(), resourceId: laundry.id, slotStart: first.start.toISOString(), participantId: person.id });
    const gone = await bookSlot(peer, { idempotencyKey: key(), resourceId: laundry.id, slotStart: first.start.toISOString(), participantId: 'anonymous' });
    await changeBooking(peer, { bookingId: gone.bookingId, transition: 'cancel' });
    const view = await bookingDay(await makeActor('coordinator'), day);
    expect(view.day).toBe(day);
    const [r] = view.resources;
    expect(r).toMatchObject({ name: 'Laundry', kind: 'laundry', seatLabel: 'Pair' });
    expect(r!.slots.map((s) => s.time)).toEqual(['9:00', '10:30', '12:00', '13:30']);
    expect(r!.slots[0]!.seats).toEqual([
      {
        seat: 1,
        booking: { id: kept.bookingId, ticket: 'L-01', seat: 1, status: 'booked', person: { alias: 'Wren', code: person.code }, flag: null },
        earlier: [],
      },
      // The cancelled one stays in the seat it had (the second pair), under the seat's column.
      { seat: 2, booking: null, earlier: [{ id: gone.bookingId, ticket: 'L-02', seat: 2, status: 'cancelled', person: null, flag: null }] },
    ]);
  });

  it('shows a peer whom each booking is for today only: on other days the seat, ticket and status, not the person', async () => {
    const peer = await makeActor('peer');
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator, { alias: 'Sorrel' });
    const shower = await makeResource({ name: 'Shower 1', opensMin: 0, closesMin: 1440 });
    const now = new Date('2026-12-09T19:00:00Z'); // 11:00 in Kamloops
    fixClock(now);
    const today = localDay(now);
    const tomorrow = addDays(today, 1);
    for (const day of [today, tomorrow]) {
      // 12:00 in Kamloops (UTC-8)
      await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: `${day}T20:00:00.000Z`, participantId: person.id });
    }
    const waiting = await makePerson(coordinator, { alias: 'Tansy' });
    await addToWaitlist(coordinator, { kind: 'shower', day: tomorrow, participantId: waiting.id });
    const seatOf = (view: Awaited<ReturnType<typeof bookingDay>>) => view.resources[0]!.slots.flatMap((s) => s.seats).find((s) => s.booking)!.booking!;

    expect(seatOf(await bookingDay(peer, today, now)).person).toEqual({ alias: 'Sorrel', code: person.code });
    const later = await bookingDay(peer, tomorrow, now);
    expect(seatOf(later)).toMatchObject({ ticket: 'S-01', status: 'booked', person: 'withheld' });
    expect(later.waitlists.shower.map((e) => e.person)).toEqual(['withheld']);
    expect(JSON.stringify(later)).not.toContain('Sorrel');
    expect(JSON.stringify(later)).not.toContain(person.code);
    expect(JSON.stringify(later)).not.toContain('Tansy');
    // A worker sees the same day in full.
    const full = await bookingDay(coordinator, tomorrow, now);
    expect(seatOf(full).person).toEqual({ alias: 'Sorrel', code: person.code });
    expect(full.waitlists.shower.map((e) => e.person)).toEqual([{ alias: 'Tansy', code: waiting.code }]);
  });

  it('shows a booking whose slot the hours no longer give, and hides an inactive resource with nothing booked', async () => {
    const peer = await makeActor('peer');
    const shower = await makeResource({ name: 'Shower 1' });
    await makeResource({ name: 'Shower 9', active: false });
    const slot = tomorrowSlot(shower, 2); // 1:00
    await bookSlot(peer, { idempotencyKey: key(), resourceId: shower.id, slotStart: slot.start.toISOString(), participantId: 'anonymous' });
    await db.resourceHours.updateMany({ where: { resourceId: shower.id }, data: { opensMin: 540, closesMin: 600 } });
    const view = await bookingDay(peer, localDay(slot.start));
    expect(view.resources.map((r) => r.name)).toEqual(['Shower 1']);
    expect(view.resources[0]!.slots.map((s) => s.time)).toEqual(['1:00', '9:00', '9:30']);
  });
});

describe('deskQueue (the Today page) and a participant’s own bookings', () => {
  it('shows now, next and the next free place per kind, and the person’s bookings from today', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator, { alias: 'Ash' });
    const shower = await makeResource({ name: 'Shower 1' });
    const soon = soonSlot(shower);
    if (localDay(soon.start) !== localDay(new Date())) return; // just before midnight: nothing left today
    const booked = await bookNextFree(coordinator, { idempotencyKey: key(), kind: 'shower', participantId: person.id });
    const [showers, laundry] = await deskQueue(coordinator);
    const line = [...showers!.now, ...showers!.next].find((l) => l.id === booked.bookingId);
    expect(line).toMatchObject({ ticket: 'S-01', resourceName: 'Shower 1', time: localTime(soon.start), person: { alias: 'Ash' } });
    expect(showers!.nextFree?.resourceName).toBe('Shower 1');
    expect(laundry).toMatchObject({ kind: 'laundry', now: [], next: [], nextFree: null, waiting: 0, offered: [] });
    expect((await participantBookings(coordinator, person.id)).map((b) => b.id)).toEqual([booked.bookingId]);
    expect(await participantBookings(coordinator, 'not-an-id')).toEqual([]);
  });

  it('is not for IT support', async () => {
    const admin = await makeActor('admin');
    await expectAppError(deskQueue(admin), 'forbidden');
    await expectAppError(bookingDay(admin, '2026-11-21'), 'forbidden');
  });
});

describe('bookingTimelineEntries', () => {
  it('lists each booking used, missed, booked or cancelled (muted) at its slot time, for roles that see a person’s past (not peers)', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator);
    const shower = await makeResource({ name: 'Shower 1' });
    const slot = tomorrowSlot(shower, 20);
    const a = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: slot.start.toISOString(), participantId: person.id });
    await changeBooking(coordinator, { bookingId: a.bookingId, transition: 'cancel' });
    const b = await bookSlot(coordinator, {
      idempotencyKey: key(),
      resourceId: shower.id,
      slotStart: tomorrowSlot(shower, 24).start.toISOString(),
      participantId: person.id,
    });
    const entries = await bookingTimelineEntries(coordinator, person.id);
    expect(entries.map((e) => ({ title: e.title, muted: e.muted ?? false }))).toEqual([
      { title: 'Shower booking booked', muted: false },
      { title: 'Shower booking cancelled', muted: true },
    ]);
    expect(entries[0]).toMatchObject({
      kind: 'booking',
      detail: `Shower 1 at ${localTime(tomorrowSlot(shower, 24).start)}, ticket ${b.ticket}`,
      href: `/bookings?day=${localDay(slot.start)}`,
    });
    for (const role of ROLES) {
      const got = await bookingTimelineEntries(await makeActor(role), person.id);
      expect(got.length > 0).toBe(roleCan(role, 'participant:history'));
    }
    expect(await bookingTimelineEntries(coordinator, 'nope')).toEqual([]);
  });
});
