import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { bookNextOf, bookSlot } from './book.ts';
import { bookingDay } from './queries.ts';
import { addToWaitlist, bookFromWaitlist, removeFromWaitlist } from './waitlist.ts';
import { daySlots } from './slots.ts';
import { expectAppError, key, makePerson, makeResource, tomorrowSlot } from './test-helpers.ts';
import { addDays, localDay, programNow } from '@/lib/calendar/index.ts';

const today = () => localDay(new Date());

describe('the waitlist', () => {
  it('keeps people in the order they asked, each with a ticket from the day’s sequence and a position', async () => {
    const peer = await makeActor('peer');
    const person = await makePerson(peer, { alias: 'Juniper' });
    const shower = await makeResource();
    const day = addDays(today(), 1);
    await bookSlot(peer, { idempotencyKey: key(), resourceId: shower.id, slotStart: tomorrowSlot(shower, 20).start.toISOString(), participantId: 'anonymous' });
    const a = await addToWaitlist(peer, { kind: 'shower', day, participantId: 'anonymous' });
    const b = await addToWaitlist(peer, { kind: 'shower', day, participantId: person.id });
    expect([a, b].map(({ ticket, position }) => ({ ticket, position }))).toEqual([
      { ticket: 'S-02', position: 1 },
      { ticket: 'S-03', position: 2 },
    ]);
    await expectAppError(
      addToWaitlist(peer, { kind: 'shower', day, participantId: person.id }),
      'conflict',
      'This person is already on the shower waitlist (number 2).',
      'participantId',
    );
    await removeFromWaitlist(peer, { entryId: a.entryId });
    const list = (await bookingDay(await makeActor('coordinator'), day)).waitlists.shower;
    expect(list.map((e) => ({ ticket: e.ticket, position: e.position, alias: e.person && e.person !== 'withheld' ? e.person.alias : undefined }))).toEqual([
      { ticket: 'S-03', position: 1, alias: 'Juniper' },
    ]);
    await expectAppError(removeFromWaitlist(peer, { entryId: a.entryId }), 'conflict', /no longer waiting/);
    expect(await db.auditEvent.count({ where: { action: { startsWith: 'waitlist_entry.' } } })).toBe(3);
  });

  it('books the next free place for someone waiting, keeping their ticket number, once', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator);
    const shower = await makeResource({ name: 'Shower 1' });
    const day = addDays(today(), 1);
    const entry = await addToWaitlist(coordinator, { kind: 'shower', day, participantId: person.id });
    const booked = await bookFromWaitlist(coordinator, { entryId: entry.entryId, idempotencyKey: key() });
    expect(booked).toMatchObject({ ticket: entry.ticket, resourceName: 'Shower 1', day });
    expect(await db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.entryId } })).toMatchObject({ status: 'booked', bookingId: booked.bookingId });
    await expectAppError(bookFromWaitlist(coordinator, { entryId: entry.entryId, idempotencyKey: key() }), 'conflict', /no longer waiting/);
    expect(await db.booking.count()).toBe(1);
    expect(daySlots(shower, day)[0]!.start.toISOString()).toBe((await db.booking.findFirstOrThrow()).slotStart.toISOString());
  });

  it('tells the desk someone waiting keeps their place when nothing is free yet, rather than to add them again', async () => {
    const coordinator = await makeActor('coordinator');
    const shower = await makeResource({ opensMin: 540, closesMin: 570 }); // one slot a day
    const day = addDays(today(), 1);
    await bookSlot(coordinator, {
      idempotencyKey: key(),
      resourceId: shower.id,
      slotStart: tomorrowSlot(shower, 0).start.toISOString(),
      participantId: 'anonymous',
    });
    const entry = await addToWaitlist(coordinator, { kind: 'shower', day, participantId: 'anonymous' });
    await expectAppError(
      bookFromWaitlist(coordinator, { entryId: entry.entryId, idempotencyKey: key() }),
      'conflict',
      `No shower is free that day yet. ${entry.ticket} keeps its place on the waitlist.`,
    );
    expect(await db.waitlistEntry.findUniqueOrThrow({ where: { id: entry.entryId }, select: { status: true } })).toEqual({ status: 'waiting' });
    // "Next free" for someone not waiting still says where to go.
    await expectAppError(
      bookNextOf(coordinator, 'shower', day, { participantId: null, idempotencyKey: key(), via: 'next_free' }, programNow()),
      'conflict',
      'No shower is free that day. Add the person to the waitlist.',
    );
  });

  it('two desks booking the same waitlist entry at once make one booking', async () => {
    const coordinator = await makeActor('coordinator');
    await makeResource({ capacity: 3 });
    const entry = await addToWaitlist(coordinator, { kind: 'shower', day: addDays(today(), 1), participantId: 'anonymous' });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 6 }, () => bookFromWaitlist(coordinator, { entryId: entry.entryId, idempotencyKey: key() })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(await db.booking.count()).toBe(1);
  });

  it('refuses a past day, a de-identified person, someone already booked that day', async () => {
    const coordinator = await makeActor('coordinator');
    const shower = await makeResource();
    const person = await makePerson(coordinator);
    const day = addDays(today(), 1);
    await expectAppError(
      addToWaitlist(coordinator, { kind: 'shower', day: addDays(today(), -1), participantId: 'anonymous' }),
      'invalid',
      /today or one of the next days/,
      'day',
    );
    await expectAppError(addToWaitlist(coordinator, { kind: 'shower', day: '2026-02-30', participantId: 'anonymous' }), 'invalid', /Choose a day/, 'day');
    const gone = await makePerson(coordinator, { deidentified: true });
    await expectAppError(addToWaitlist(coordinator, { kind: 'shower', day, participantId: gone.id }), 'invalid', /de-identified/, 'participantId');
    await bookSlot(coordinator, {
      idempotencyKey: key(),
      resourceId: shower.id,
      slotStart: tomorrowSlot(shower, 3).start.toISOString(),
      participantId: person.id,
    });
    await expectAppError(addToWaitlist(coordinator, { kind: 'shower', day, participantId: person.id }), 'conflict', /already has a shower booked/);
    expect(await db.waitlistEntry.count()).toBe(0);
  });
});
