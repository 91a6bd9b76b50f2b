import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { bookSlot } from './book.ts';
import { changeBooking } from './transitions.ts';
import { type Kind } from './slots.ts';
import { key, makePerson, makeResource, soonSlot } from './test-helpers.ts';
import { localDay } from '@/lib/calendar/index.ts';

// A checked-in shower or laundry booking counts as that service in the person's visit of the day.

async function typeId(k: string) {
  return (await db.serviceType.findUniqueOrThrow({ where: { key: k }, select: { id: true } })).id;
}

async function visitToday(by: Actor, participantId: string, services: string[], voided = false) {
  const day = localDay(new Date());
  return db.visit.create({
    data: {
      participantId,
      visitedAt: new Date(),
      visitDate: new Date(`${day}T00:00:00Z`),
      idempotencyKey: randomUUID(),
      createdById: by.id,
      ...(voided ? { voidedAt: new Date(), voidedById: by.id } : {}),
      services: { create: await Promise.all(services.map(async (k) => ({ serviceTypeId: await typeId(k), quantity: 1 }))) },
    },
    select: { id: true },
  });
}

async function checkIn(by: Actor, participantId: string | 'anonymous', kind: Kind = 'shower') {
  const resource = await makeResource({ kind, slotMinutes: 30 });
  const { bookingId } = await bookSlot(by, {
    idempotencyKey: key(),
    resourceId: resource.id,
    slotStart: soonSlot(resource).start.toISOString(),
    participantId,
  });
  await changeBooking(by, { bookingId, transition: 'check_in' });
  return bookingId;
}

const servicesOf = async (visitId: string) =>
  (await db.visitService.findMany({ where: { visitId }, select: { serviceType: { select: { key: true } } } })).map((s) => s.serviceType.key).sort();

describe('checking in a booking counts the service in the day’s visit', () => {
  it('logs a visit with the shower when the person has none today, audited as via the booking', async () => {
    const peer = await makeActor('peer');
    const person = await makePerson(peer);
    const bookingId = await checkIn(peer, person.id);
    const visits = await db.visit.findMany({ where: { participantId: person.id }, select: { id: true, visitDate: true, createdById: true } });
    expect(visits).toHaveLength(1);
    expect(visits[0]!.visitDate.toISOString().slice(0, 10)).toBe(localDay(new Date()));
    expect(await servicesOf(visits[0]!.id)).toEqual(['shower']);
    expect((await db.participant.findUniqueOrThrow({ where: { id: person.id }, select: { visitCount: true } })).visitCount).toBe(1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'visit.logged' }, select: { entityId: true, details: true } });
    expect(audit).toMatchObject({ entityId: visits[0]!.id, details: { via: 'booking', bookingId, participantId: person.id } });
    expect((await db.auditEvent.findFirstOrThrow({ where: { action: 'booking.checked_in' }, select: { details: true } })).details).toMatchObject({
      visitId: visits[0]!.id,
    });
  });

  it('adds laundry to the visit already logged today, once, leaving its other services', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator);
    const visit = await visitToday(coordinator, person.id, ['meal']);
    await checkIn(coordinator, person.id, 'laundry');
    expect(await db.visit.count({ where: { participantId: person.id } })).toBe(1);
    expect(await servicesOf(visit.id)).toEqual(['laundry', 'meal']);
    expect(await db.auditEvent.count({ where: { action: 'visit.updated', entityId: visit.id } })).toBe(1);
  });

  it('adds nothing when the visit already has the shower (no double entry)', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator);
    const visit = await visitToday(coordinator, person.id, ['shower']);
    await checkIn(coordinator, person.id);
    expect(await servicesOf(visit.id)).toEqual(['shower']);
    expect(await db.auditEvent.count({ where: { action: { in: ['visit.updated', 'visit.logged'] } } })).toBe(0);
  });

  it('ignores a voided visit and logs a new one', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator);
    const voided = await visitToday(coordinator, person.id, ['meal'], true);
    await checkIn(coordinator, person.id);
    const visits = await db.visit.findMany({ where: { participantId: person.id, voidedAt: null }, select: { id: true } });
    expect(visits).toHaveLength(1);
    expect(visits[0]!.id).not.toBe(voided.id);
    expect(await servicesOf(voided.id)).toEqual(['meal']);
  });

  it('creates nothing for an anonymous booking', async () => {
    const peer = await makeActor('peer');
    await checkIn(peer, 'anonymous');
    expect(await db.visit.count()).toBe(0);
  });

  it('creates nothing when the service type is no longer offered', async () => {
    const peer = await makeActor('peer');
    const person = await makePerson(peer);
    await db.serviceType.update({ where: { key: 'shower' }, data: { active: false } });
    await checkIn(peer, person.id);
    expect(await db.visit.count()).toBe(0);
    expect(await db.booking.count({ where: { status: 'checked_in' } })).toBe(1);
  });
});
