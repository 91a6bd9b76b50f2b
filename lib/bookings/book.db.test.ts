import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { bookNextFree, bookSlot } from './book.ts';
import { changeBooking } from './transitions.ts';
import { limitRefusal } from './people.ts';
import { daySlots } from './slots.ts';
import { auditActions, bookingRow, expectAppError, key, makePerson, makeResource, setSetting, soonSlot, tomorrowSlot } from './test-helpers.ts';
import { addDays, atLocal, localDay, localTime } from '@/lib/calendar/index.ts';

describe('bookSlot', () => {
  it('books a seat for a participant with the day’s first ticket, and audits ids only', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator, { alias: 'Marigold' });
    const shower = await makeResource({ name: 'Shower 1' });
    const slot = tomorrowSlot(shower, 20);
    const result = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: slot.start.toISOString(), participantId: person.id });
    expect(result).toMatchObject({ ticket: 'S-01', resourceName: 'Shower 1', time: localTime(slot.start), seat: 1, duplicate: false });
    const row = await bookingRow(result.bookingId);
    expect(row).toMatchObject({ status: 'booked', participantId: person.id, seat: 1, ticket: 1, kind: 'shower', createdById: coordinator.id });
    expect(row.slotEnd.getTime() - row.slotStart.getTime()).toBe(30 * 60_000);
    expect(row.day.toISOString().slice(0, 10)).toBe(localDay(slot.start));
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'booking.created' }, select: { entityId: true, details: true } });
    expect(audit.entityId).toBe(result.bookingId);
    for (const personal of ['Marigold', person.code]) expect(JSON.stringify(audit.details)).not.toContain(personal);
    const again = await bookSlot(coordinator, {
      idempotencyKey: key(),
      resourceId: shower.id,
      slotStart: tomorrowSlot(shower, 21).start.toISOString(),
      participantId: 'anonymous',
    });
    expect(again.ticket).toBe('S-02');
  });

  it('books anonymously (a ticket only), and a double submit makes one booking', async () => {
    const peer = await makeActor('peer');
    const shower = await makeResource();
    const input = { idempotencyKey: key(), resourceId: shower.id, slotStart: tomorrowSlot(shower, 3).start.toISOString(), participantId: 'anonymous' };
    const [a, b] = await Promise.all([bookSlot(peer, input), bookSlot(peer, input)]);
    expect(a.bookingId).toBe(b.bookingId);
    expect([a.duplicate, b.duplicate].sort()).toEqual([false, true]);
    expect(await db.booking.count()).toBe(1);
    expect((await bookingRow(a.bookingId)).participantId).toBeNull();
    // Someone else's form key is not theirs to replay.
    await expectAppError(bookSlot(await makeActor('coordinator'), input), 'conflict', /form has expired/);
  });

  it('answers a full slot with the next free time', async () => {
    const coordinator = await makeActor('coordinator');
    const shower = await makeResource({ name: 'Shower 1' });
    const first = tomorrowSlot(shower, 18);
    await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: first.start.toISOString(), participantId: 'anonymous' });
    await expectAppError(
      bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: first.start.toISOString(), participantId: 'anonymous' }),
      'conflict',
      `That place was just taken — next free is ${localTime(daySlots(shower, localDay(first.start))[0]!.start)} (Shower 1).`,
    );
  });

  it('lets a second seat of the same slot go to someone else', async () => {
    const coordinator = await makeActor('coordinator');
    const laundry = await makeResource({ kind: 'laundry', capacity: 2, slotMinutes: 90 });
    const start = tomorrowSlot(laundry, 5).start.toISOString();
    const seats = [];
    for (let i = 0; i < 2; i++)
      seats.push((await bookSlot(coordinator, { idempotencyKey: key(), resourceId: laundry.id, slotStart: start, participantId: 'anonymous' })).seat);
    expect(seats).toEqual([1, 2]);
    await expectAppError(
      bookSlot(coordinator, { idempotencyKey: key(), resourceId: laundry.id, slotStart: start, participantId: 'anonymous' }),
      'conflict',
      /just taken/,
    );
  });
});

describe('bad input is refused with a plain message and changes nothing', () => {
  async function setup() {
    const coordinator = await makeActor('coordinator');
    const shower = await makeResource({ name: 'Shower 1', opensMin: 540, closesMin: 960 });
    const person = await makePerson(coordinator);
    const tomorrow = addDays(localDay(new Date()), 1);
    const base = { idempotencyKey: key(), resourceId: shower.id, slotStart: atLocal(tomorrow, 600).toISOString(), participantId: person.id };
    return { coordinator, shower, person, tomorrow, base };
  }

  const cases: [string, (s: Awaited<ReturnType<typeof setup>>) => Promise<Record<string, unknown>>, RegExp, string | undefined][] = [
    [
      'a slot outside opening hours',
      async (s) => ({ slotStart: atLocal(s.tomorrow, 1000).toISOString() }),
      /outside Shower 1’s opening hours \(9:00–16:00\)/,
      undefined,
    ],
    [
      'a slot not aligned to the slot length',
      async (s) => ({ slotStart: atLocal(s.tomorrow, 610).toISOString() }),
      /start every 30 minutes from 9:00/,
      undefined,
    ],
    ['a slot in the past', async () => ({ slotStart: atLocal(addDays(localDay(new Date()), -1), 600).toISOString() }), /already gone/, undefined],
    [
      'a slot in a closure',
      async (s) => {
        await db.resourceClosure.create({
          data: { resourceId: null, startsAt: atLocal(s.tomorrow, 540), endsAt: atLocal(s.tomorrow, 720), reason: 'Staff training' },
        });
        return {};
      },
      /closed then \(Staff training\)/,
      undefined,
    ],
    [
      'an inactive resource',
      async (s) => {
        await db.resource.update({ where: { id: s.shower.id }, data: { active: false } });
        return {};
      },
      /not in use/,
      undefined,
    ],
    ['an unknown person', async () => ({ participantId: '00000000-0000-4000-8000-000000000000' }), /participant was not found/, 'participantId'],
    ['a malformed person', async () => ({ participantId: 'robin' }), /participant was not found/, 'participantId'],
    ['no person at all', async () => ({ participantId: undefined }), /Find the participant, or choose Anonymous/, 'participantId'],
    [
      'a de-identified person',
      async (s) => ({ participantId: (await makePerson(s.coordinator, { deidentified: true })).id }),
      /de-identified\. Book anonymously/,
      'participantId',
    ],
    ['an unknown resource', async () => ({ resourceId: '00000000-0000-4000-8000-000000000000' }), /was not found/, undefined],
    ['a malformed slot', async () => ({ slotStart: 'tomorrow at ten' }), /Choose a slot from the grid/, undefined],
    // 30 February at 10:00 Vancouver: `new Date` alone would read it as 2 March, a real, open slot.
    ['a slot on an impossible day', async () => ({ slotStart: '2026-02-30T10:00:00-08:00' }), /Choose a slot from the grid/, undefined],
    ['a slot of the wrong type', async () => ({ slotStart: ['2026-11-21T17:00:00Z'] }), /Choose a slot from the grid/, undefined],
    ['a missing form key', async () => ({ idempotencyKey: 'x' }), /form has expired/, undefined],
  ];
  for (const [what, patch, message, field] of cases) {
    it(what, async () => {
      const s = await setup();
      const before = await db.auditEvent.count();
      await expectAppError(bookSlot(s.coordinator, { ...s.base, ...(await patch(s)) }), undefined, message, field);
      expect(await db.booking.count()).toBe(0);
      expect(await db.bookingTicket.count()).toBe(0);
      expect(await db.auditEvent.count()).toBe(before);
    });
  }

  it('a second booking over the per-person daily limit (and, with the limit at 2, a third)', async () => {
    const s = await setup();
    await bookSlot(s.coordinator, s.base);
    const second = { ...s.base, idempotencyKey: key(), slotStart: atLocal(s.tomorrow, 660).toISOString() };
    await expectAppError(bookSlot(s.coordinator, second), 'conflict', 'This person already has a shower booked that day. One per day.', 'participantId');
    expect(await db.booking.count()).toBe(1);
    // Laundry is counted apart, and another day is another day.
    const laundry = await makeResource({ kind: 'laundry', name: 'Laundry', slotMinutes: 90 });
    await bookSlot(s.coordinator, { ...s.base, idempotencyKey: key(), resourceId: laundry.id, slotStart: tomorrowSlot(laundry, 8).start.toISOString() });
    await setSetting('bookings.perPersonPerDay', 2);
    await bookSlot(s.coordinator, second);
    await expectAppError(
      bookSlot(s.coordinator, { ...second, idempotencyKey: key(), slotStart: atLocal(s.tomorrow, 720).toISOString() }),
      'conflict',
      /already has 2 shower bookings/,
    );
    expect(await db.booking.count()).toBe(3);
  });

  it('reads the limit one way on every path: a limit stored as text is the default for booking and reinstating alike', async () => {
    const s = await setup();
    const first = await bookSlot(s.coordinator, s.base);
    // A limit the settings form would read as 2; the database takes only JSON numbers, so every path reads the default, 1.
    await db.setting.create({ data: { key: 'bookings.perPersonPerDay', value: '2' } });
    const second = { ...s.base, idempotencyKey: key(), slotStart: atLocal(s.tomorrow, 660).toISOString() };
    const oneADay = 'This person already has a shower booked that day. One per day.';
    await expectAppError(bookSlot(s.coordinator, second), 'conflict', oneADay, 'participantId');
    await changeBooking(s.coordinator, { bookingId: first.bookingId, transition: 'cancel' });
    await db.setting.update({ where: { key: 'bookings.perPersonPerDay' }, data: { value: 2 } });
    await bookSlot(s.coordinator, second);
    await db.setting.update({ where: { key: 'bookings.perPersonPerDay' }, data: { value: '2' } });
    // Reinstating counts as booking does, and answers with the same exact limit.
    await expectAppError(changeBooking(s.coordinator, { bookingId: first.bookingId, transition: 'reinstate' }), 'conflict', oneADay, 'participantId');
    expect(await db.booking.count({ where: { status: 'booked' } })).toBe(1);
  });

  it('the booking_daily_limit trigger refuses a place written past the count, and its refusal reads as a plain message', async () => {
    const s = await setup();
    const first = await bookSlot(s.coordinator, s.base);
    // Written straight to the table, as nothing in the product does: only the trigger stands in the way.
    const error = await db.$executeRaw`
      INSERT INTO booking (id, resource_id, kind, participant_id, day, ticket, slot_start, slot_end, seat, status, idempotency_key, created_by_id, booked_at)
      SELECT gen_random_uuid(), resource_id, kind, participant_id, day, ticket + 100, slot_start + interval '1 hour', slot_end + interval '1 hour', seat,
             'booked', gen_random_uuid(), created_by_id, booked_at
      FROM booking WHERE id = ${first.bookingId}::uuid`.then(
      () => null,
      (e: unknown) => e,
    );
    expect(limitRefusal(error, 'shower')?.userMessage).toBe('This person already has the most shower bookings allowed that day.');
    expect(limitRefusal(new Error('something else'), 'shower')).toBeNull();
    expect(await db.booking.count()).toBe(1);
  });

  it('refuses every role without booking:manage', async () => {
    const s = await setup();
    for (const role of ROLES.filter((r) => !roleCan(r, 'booking:manage'))) {
      await expectAppError(bookSlot(await makeActor(role), s.base), 'forbidden');
      await expectAppError(bookNextFree(await makeActor(role), { idempotencyKey: key(), kind: 'shower', participantId: 'anonymous' }), 'forbidden');
    }
    expect(await db.booking.count()).toBe(0);
  });
});

describe('bookNextFree', () => {
  it('books the earliest bookable place of the kind today in one action', async () => {
    const peer = await makeActor('peer');
    const a = await makeResource({ name: 'Shower A' });
    const b = await makeResource({ name: 'Shower B' });
    const soon = soonSlot(a);
    // Just before midnight nothing is left today: that answer is tested below.
    if (localDay(soon.start) !== localDay(new Date())) return;
    const first = await bookNextFree(peer, { idempotencyKey: key(), kind: 'shower', participantId: 'anonymous' });
    const second = await bookNextFree(peer, { idempotencyKey: key(), kind: 'shower', participantId: 'anonymous' });
    expect([first.resourceName, second.resourceName].sort()).toEqual([a.name, b.name].sort());
    expect([first.time, second.time]).toEqual([localTime(soon.start), localTime(soon.start)]);
    expect(first.ticket).toBe('S-01');
  });

  it('says so when nothing of that kind is free today, and books nothing', async () => {
    const peer = await makeActor('peer');
    await makeResource({ kind: 'laundry', active: false });
    await expectAppError(
      bookNextFree(peer, { idempotencyKey: key(), kind: 'laundry', participantId: 'anonymous' }),
      'conflict',
      'No laundry is free today. Add the person to the waitlist.',
    );
    await expectAppError(bookNextFree(peer, { idempotencyKey: key(), kind: 'sauna', participantId: 'anonymous' }), 'invalid', /shower or laundry/, 'kind');
    expect(await db.booking.count()).toBe(0);
    expect(await auditActions()).toEqual([]);
  });
});
