import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { logVisit, updateVisit, voidVisit } from './mutations.ts';
import { todayVisitOf } from './queries.ts';
import { addToVisit, saveDeskVisit } from './same-day.ts';
import { makeParticipant, serviceTypeIds, visitCount } from './test-helpers.ts';

// A person back the same day: the desk is asked, and may add to the visit already logged.

async function setUp(role: 'coordinator' | 'peer' = 'coordinator') {
  const author = await makeActor(role);
  const t = await serviceTypeIds();
  const person = await makeParticipant(author);
  const { visitId } = await logVisit(author, {
    idempotencyKey: randomUUID(),
    participantId: person.id,
    services: [
      { serviceTypeId: t.shower!, quantity: 1 },
      { serviceTypeId: t.condoms!, quantity: 2 },
    ],
  });
  return { author, t, person, visitId };
}

const lines = (visitId: string) =>
  db.visitService.findMany({ where: { visitId }, select: { serviceTypeId: true, quantity: true }, orderBy: { serviceTypeId: 'asc' } });
const sorted = (l: { serviceTypeId: string; quantity: number }[]) => [...l].sort((a, b) => a.serviceTypeId.localeCompare(b.serviceTypeId));

describe('addToVisit', () => {
  it('merges services, adds quantities, and audits it as a change to that visit', async () => {
    const { author, t, person, visitId } = await setUp();
    const key = randomUUID();
    const services = [
      { serviceTypeId: t.condoms!, quantity: 3 },
      { serviceTypeId: t.meal!, quantity: 1 },
      { serviceTypeId: t.shower!, quantity: 1 },
    ];
    expect(await addToVisit(author, { idempotencyKey: key, visitId, participantId: person.id, services })).toEqual({ visitId, duplicate: false });
    expect(await lines(visitId)).toEqual(
      sorted([
        { serviceTypeId: t.shower!, quantity: 1 },
        { serviceTypeId: t.condoms!, quantity: 5 },
        { serviceTypeId: t.meal!, quantity: 1 },
      ]),
    );
    expect(await visitCount()).toBe(1);
    const events = await db.auditEvent.findMany({ where: { action: 'visit.updated' }, select: { actorId: true, entityId: true, details: true } });
    expect(events).toEqual([
      {
        actorId: author.id,
        entityId: visitId,
        details: { fields: ['services', 'quantity'], added: [t.meal], removed: [], requantified: [t.condoms], merged: key },
      },
    ]);
    // The same save again (a retry): nothing added twice, no second audit row.
    expect(await addToVisit(author, { idempotencyKey: key, visitId, participantId: person.id, services })).toEqual({ visitId, duplicate: true });
    expect((await lines(visitId)).find((l) => l.serviceTypeId === t.condoms)?.quantity).toBe(5);
    expect(await db.auditEvent.count({ where: { action: 'visit.updated' } })).toBe(1);
  });

  it('refuses a voided visit, another day’s, another person’s, and a sum past the limit', async () => {
    const { author, t, person, visitId } = await setUp();
    const meal = [{ serviceTypeId: t.meal!, quantity: 1 }];
    const add = (v: string, who = person.id, services = meal) => addToVisit(author, { idempotencyKey: randomUUID(), visitId: v, participantId: who, services });
    await expectAppError(add(visitId, (await makeParticipant(author)).id), 'conflict', /not this person’s visit today/, 'sameDay');
    await expectAppError(add(visitId, person.id, [{ serviceTypeId: t.condoms!, quantity: 499 }]), 'invalid', /makes 501/, `quantity.${t.condoms}`);
    const yesterday = new Date(programNow().getTime() - 86_400_000);
    const { visitId: older } = await logVisit(author, { idempotencyKey: randomUUID(), participantId: person.id, services: meal, visitedAt: yesterday });
    await expectAppError(add(older), 'conflict', /not this person’s visit today/, 'sameDay');
    await expectAppError(
      addToVisit(await makeActor('manager'), { idempotencyKey: randomUUID(), visitId: older, participantId: person.id, services: meal }),
      'conflict',
      /not this person’s/,
    );
    await voidVisit(author, { visitId, reason: 'Wrong person' });
    await expectAppError(add(visitId), 'conflict', /voided/);
    expect(await lines(visitId)).toHaveLength(2);
    expect(await db.auditEvent.count({ where: { action: 'visit.updated' } })).toBe(0);
  });

  it('lets anyone who logs visits add to today’s visit (a shared desk), never IT support; removing stays the author’s', async () => {
    const { t, person, visitId } = await setUp('peer');
    const input = (serviceTypeId: string) => ({ idempotencyKey: randomUUID(), visitId, participantId: person.id, services: [{ serviceTypeId, quantity: 1 }] });
    await expectAppError(addToVisit(await makeActor('admin'), input(t.meal!)), 'forbidden', /not available to your role/);
    expect(await lines(visitId)).toHaveLength(2);
    await addToVisit(await makeActor('coordinator'), input(t.meal!));
    expect(await lines(visitId)).toHaveLength(3);
    await addToVisit(await makeActor('manager'), input(t.meal!));
    expect(await lines(visitId)).toHaveLength(3);
    // An edit that would take a line away is still refused to anyone but its author or a manager.
    await expectAppError(
      updateVisit(await makeActor('coordinator'), { visitId, services: [{ serviceTypeId: t.meal!, quantity: 1 }] }),
      'forbidden',
      /Only the person who logged this visit/,
    );
  });
});

describe('saveDeskVisit', () => {
  it('asks when the person is already in today and no choice was sent; New visit logs a second one', async () => {
    const { author, t, person, visitId } = await setUp();
    const base = { participantId: person.id, services: [{ serviceTypeId: t.meal!, quantity: 1 }] };
    await expectAppError(
      saveDeskVisit(author, { ...base, idempotencyKey: randomUUID(), sameDay: 'ask' }),
      'conflict',
      /^Already in today at \d\d:\d\d\./,
      'sameDay',
    );
    expect(await visitCount()).toBe(1);
    const key = randomUUID();
    const second = await saveDeskVisit(author, { ...base, idempotencyKey: key, sameDay: 'new' });
    expect(second).toMatchObject({ duplicate: false, added: false });
    expect(await visitCount()).toBe(2);
    // A retry of that save returns it.
    expect(await saveDeskVisit(author, { ...base, idempotencyKey: key, sameDay: 'new' })).toMatchObject({ visitId: second.visitId, duplicate: true });
    await saveDeskVisit(author, { ...base, idempotencyKey: randomUUID(), sameDay: 'add', addToVisitId: visitId });
    expect((await lines(visitId)).map((l) => l.serviceTypeId)).toContain(t.meal);
    await expectAppError(saveDeskVisit(author, { ...base, idempotencyKey: randomUUID(), sameDay: 'add' }), 'invalid', /not this person’s visit/);
  });

  it('does not ask for an anonymous visit, a first visit today, or once today’s visit was voided', async () => {
    const { author, t, person, visitId } = await setUp();
    const services = [{ serviceTypeId: t.meal!, quantity: 1 }];
    await saveDeskVisit(author, { idempotencyKey: randomUUID(), participantId: null, services, sameDay: 'ask' });
    const first = { idempotencyKey: randomUUID(), participantId: (await makeParticipant(author)).id, services, sameDay: 'ask' as const };
    const { visitId: firstId } = await saveDeskVisit(author, first);
    // A retry of a first visit whose answer was lost returns that visit; it is not asked about itself.
    expect(await saveDeskVisit(author, first)).toMatchObject({ visitId: firstId, duplicate: true });
    await voidVisit(author, { visitId, reason: 'Wrong person' });
    await saveDeskVisit(author, { idempotencyKey: randomUUID(), participantId: person.id, services, sameDay: 'ask' });
    expect(await visitCount()).toBe(4);
  });
});

describe('todayVisitOf', () => {
  it('gives the time and whether this actor may add to it; nothing for another person or a bad id', async () => {
    const { author, person, visitId } = await setUp();
    expect(await todayVisitOf(author, person.id)).toEqual({ visitId, time: expect.stringMatching(/^\d\d:\d\d$/), mayAdd: true, refusal: null });
    expect(await todayVisitOf(await makeActor('peer'), person.id)).toMatchObject({ visitId, mayAdd: true, refusal: null });
    expect(await todayVisitOf(author, (await makeParticipant(author)).id)).toBeNull();
    expect(await todayVisitOf(author, 'nope')).toBeNull();
    await expectAppError(todayVisitOf(await makeActor('admin'), person.id), 'forbidden');
  });
});
