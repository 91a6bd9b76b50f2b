import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { timelineFor } from '@/lib/timeline/sources.ts';
import { getVisit } from '@/lib/visits/queries.ts';
import { bookSlot } from '@/lib/bookings/book.ts';
import { participantBookings } from '@/lib/bookings/desk.ts';
import { key, makePerson, makeResource, soonSlot, tomorrowSlot } from '@/lib/bookings/test-helpers.ts';
import { getParticipantProfile } from './queries.ts';
import { localDay } from '@/lib/calendar/index.ts';

// Issue 17, finding 7: a peer saw each person's service history on the profile. Peers see what the
// desk needs (alias, code, today's bookings and queue, attendance taking), not a person's past.

async function visitAt(participantId: string, by: string, at: Date) {
  return db.visit.create({ data: { participantId, visitedAt: at, visitDate: at, idempotencyKey: randomUUID(), createdById: by }, select: { id: true } });
}

describe('what a peer sees of a person', () => {
  it('the profile: alias and code, no details, and an empty timeline', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator, { alias: 'Lark' });
    await visitAt(person.id, coordinator.id, new Date(Date.now() - 86_400_000));
    const peer = await makeActor('peer');
    expect(await getParticipantProfile(peer, person.id)).toMatchObject({ alias: 'Lark', code: person.code, details: null });
    expect(await timelineFor(peer, person.id)).toEqual({ entries: [], more: false });
    expect((await timelineFor(coordinator, person.id)).entries.map((e) => e.kind)).toContain('visit');
  });

  it('a visit from another day is "not found" for a peer, today’s is shown', async () => {
    const coordinator = await makeActor('coordinator');
    const peer = await makeActor('peer');
    const person = await makePerson(coordinator);
    const now = new Date();
    const yesterday = await visitAt(person.id, coordinator.id, new Date(now.getTime() - 86_400_000));
    const today = await visitAt(person.id, coordinator.id, now);
    await expectAppError(getVisit(peer, yesterday.id, now), 'not_found', 'That visit was not found.');
    expect((await getVisit(coordinator, yesterday.id, now)).id).toBe(yesterday.id);
    expect((await getVisit(peer, today.id, now)).id).toBe(today.id);
  });

  it('bookings: a peer sees the person’s places today, not their later plans', async () => {
    const coordinator = await makeActor('coordinator');
    const peer = await makeActor('peer');
    const person = await makePerson(coordinator);
    const shower = await makeResource({ name: 'Shower 1' });
    const later = await bookSlot(coordinator, {
      idempotencyKey: key(),
      resourceId: shower.id,
      slotStart: tomorrowSlot(shower, 2).start.toISOString(),
      participantId: person.id,
    });
    expect((await participantBookings(coordinator, person.id)).map((b) => b.id)).toEqual([later.bookingId]);
    expect(await participantBookings(peer, person.id)).toEqual([]);
    const soon = soonSlot(shower);
    if (localDay(soon.start) !== localDay(new Date())) return; // just before midnight: nothing left today
    const today = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: soon.start.toISOString(), participantId: person.id });
    expect((await participantBookings(peer, person.id)).map((b) => b.id)).toEqual([today.bookingId]);
  });
});
