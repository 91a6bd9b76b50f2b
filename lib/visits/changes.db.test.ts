import { randomUUID } from 'node:crypto';
import { decryptField } from '@/lib/crypto/fields.ts';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { logVisit, updateVisit, voidVisit } from './mutations.ts';
import { makeParticipant, serviceTypeIds } from './test-helpers.ts';

// Editing and voiding visits: who may, when, and what is kept.

async function setUp() {
  const author = await makeActor('coordinator');
  const t = await serviceTypeIds();
  const person = await makeParticipant(author);
  const { visitId } = await logVisit(author, {
    idempotencyKey: randomUUID(),
    participantId: person.id,
    services: [
      { serviceTypeId: t.shower!, quantity: 1 },
      { serviceTypeId: t.naloxone!, quantity: 2 },
    ],
  });
  return { author, t, person, visitId };
}

const lines = (visitId: string) =>
  db.visitService.findMany({ where: { visitId }, select: { serviceTypeId: true, quantity: true }, orderBy: { serviceTypeId: 'asc' } });

/** Moves a visit's logging back a day, as if it had been logged yesterday. */
async function ageVisit(visitId: string) {
  await (await rawClient()).query(`UPDATE visit SET created_at = created_at - interval '1 day' WHERE id = $1`, [visitId]);
}

describe('updateVisit', () => {
  it('lets the author change services and quantities the same day, audited with the changed fields', async () => {
    const { author, t, visitId } = await setUp();
    const auditBefore = await db.auditEvent.count();
    const result = await updateVisit(author, {
      visitId,
      services: [
        { serviceTypeId: t.naloxone!, quantity: 5 },
        { serviceTypeId: t.meal!, quantity: 1 },
      ],
    });
    expect(result.changed).toEqual(['services', 'quantity']);
    const expected = [
      { serviceTypeId: t.naloxone!, quantity: 5 },
      { serviceTypeId: t.meal!, quantity: 1 },
    ].sort((a, b) => a.serviceTypeId.localeCompare(b.serviceTypeId));
    expect(await lines(visitId)).toEqual(expected);
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'visit.updated' }, select: { actorId: true, entityId: true, details: true } });
    expect(event).toEqual({
      actorId: author.id,
      entityId: visitId,
      details: { fields: ['services', 'quantity'], added: [t.meal], removed: [t.shower], requantified: [t.naloxone] },
    });
    expect(await db.auditEvent.count()).toBe(auditBefore + 1);
  });

  it('writes nothing when nothing changed', async () => {
    const { author, t, visitId } = await setUp();
    const auditBefore = await db.auditEvent.count();
    const result = await updateVisit(author, {
      visitId,
      services: [
        { serviceTypeId: t.naloxone!, quantity: 2 },
        { serviceTypeId: t.shower!, quantity: 1 },
      ],
    });
    expect(result.changed).toEqual([]);
    expect(await db.auditEvent.count()).toBe(auditBefore);
  });

  it('refuses other staff, and the author on a later day; a program manager may any day', async () => {
    const { author, t, visitId } = await setUp();
    const change = { visitId, services: [{ serviceTypeId: t.meal!, quantity: 1 }] };
    for (const role of ['peer', 'coordinator', 'outreach'] as const) {
      await expectAppError(updateVisit(await makeActor(role), change), 'forbidden', /Only the person who logged this visit/);
    }
    await expectAppError(updateVisit(await makeActor('admin'), change), 'forbidden', /not available to your role/);
    await ageVisit(visitId);
    await expectAppError(updateVisit(author, change), 'forbidden', /on the day they logged it/);
    expect(await lines(visitId)).toHaveLength(2);
    await updateVisit(await makeActor('manager'), change);
    expect(await lines(visitId)).toEqual([{ serviceTypeId: t.meal, quantity: 1 }]);
  });

  it('keeps a type no longer offered on the visit, but will not add one', async () => {
    const { author, t, visitId } = await setUp();
    await db.serviceType.updateMany({ where: { id: { in: [t.shower!, t.laundry!] } }, data: { active: false } });
    await updateVisit(author, {
      visitId,
      services: [
        { serviceTypeId: t.shower!, quantity: 1 },
        { serviceTypeId: t.naloxone!, quantity: 3 },
      ],
    });
    await expectAppError(
      updateVisit(author, { visitId, services: [{ serviceTypeId: t.laundry!, quantity: 1 }] }),
      'invalid',
      /Laundry is no longer offered/,
      'services',
    );
    expect(await lines(visitId)).toHaveLength(2);
  });

  it('refuses bad input with a plain message and changes nothing', async () => {
    const { author, t, visitId } = await setUp();
    const before = await lines(visitId);
    const cases: [unknown, 'invalid' | 'not_found', string | undefined, RegExp][] = [
      [{ visitId: randomUUID(), services: [] }, 'not_found', undefined, /visit was not found/],
      [{ visitId: 'nope', services: [] }, 'invalid', undefined, /visit was not found/],
      [{ visitId, services: [{ serviceTypeId: randomUUID(), quantity: 1 }] }, 'invalid', 'services', /services was not found/],
      [{ visitId, services: [{ serviceTypeId: t.naloxone!, quantity: 0 }] }, 'invalid', `quantity.${t.naloxone}`, /from 1 to 500/],
      [{ visitId, services: [{ serviceTypeId: t.naloxone!, quantity: 501 }] }, 'invalid', `quantity.${t.naloxone}`, /from 1 to 500/],
      [
        {
          visitId,
          services: [
            { serviceTypeId: t.meal!, quantity: 1 },
            { serviceTypeId: t.meal!, quantity: 1 },
          ],
        },
        'invalid',
        'services',
        /only once/,
      ],
      [{ visitId, services: null }, 'invalid', 'services', /services was not found/],
    ];
    for (const [input, code, field, message] of cases) {
      const error = await expectAppError(updateVisit(author, input), code, message);
      expect(error.field, JSON.stringify(input)).toBe(field);
    }
    expect(await lines(visitId)).toEqual(before);
    expect(await db.auditEvent.count({ where: { action: 'visit.updated' } })).toBe(0);
  });

  it('refuses to change a de-identified person’s visit', async () => {
    const { author, t, person, visitId } = await setUp();
    await db.participant.update({ where: { id: person.id }, data: { alias: null, deidentifiedAt: new Date() }, select: { id: true } });
    await expectAppError(updateVisit(author, { visitId, services: [{ serviceTypeId: t.meal!, quantity: 1 }] }), 'conflict', /de-identified/);
    expect(await lines(visitId)).toHaveLength(2);
  });
});

describe('voidVisit', () => {
  it('keeps the visit, marks it voided with the reason, leaves it out of the person’s count, and audits no reason', async () => {
    const { author, person, visitId } = await setUp();
    expect((await db.participant.findUniqueOrThrow({ where: { id: person.id }, select: { visitCount: true } })).visitCount).toBe(1);
    await voidVisit(author, { visitId, reason: 'Logged for the wrong person — Robin' });
    const visit = await db.visit.findUniqueOrThrow({ where: { id: visitId }, select: { voidedAt: true, voidedById: true, voidReasonEnc: true } });
    expect(visit.voidedById).toBe(author.id);
    // Encrypted at rest (it names someone), bound to this visit; the desk reads it back.
    expect(Buffer.from(visit.voidReasonEnc!).includes('Robin')).toBe(false);
    expect(decryptField(visit.voidReasonEnc, `visit:${visitId}:void_reason`)).toBe('Logged for the wrong person — Robin');
    expect(await lines(visitId)).toHaveLength(2);
    expect(await db.participant.findUniqueOrThrow({ where: { id: person.id }, select: { visitCount: true, lastSeenAt: true } })).toEqual({
      visitCount: 0,
      lastSeenAt: null,
    });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'visit.voided' }, select: { entityId: true, details: true } });
    expect(event).toEqual({ entityId: visitId, details: { participantId: person.id } });
  });

  it('refuses a second void, an empty or long reason, markup, and other staff', async () => {
    const { author, visitId } = await setUp();
    await expectAppError(voidVisit(author, { visitId, reason: '  ' }), 'invalid', /Enter a reason/, 'reason');
    await expectAppError(voidVisit(author, { visitId, reason: 'x'.repeat(201) }), 'invalid', /200 characters/, 'reason');
    await expectAppError(voidVisit(author, { visitId, reason: '<b>no</b>' }), 'invalid', /< and >/, 'reason');
    await expectAppError(voidVisit(author, { visitId, reason: 42 }), 'invalid', /Enter a reason/, 'reason');
    await expectAppError(voidVisit(await makeActor('peer'), { visitId, reason: 'wrong' }), 'forbidden');
    await expectAppError(voidVisit(author, { visitId: randomUUID(), reason: 'wrong' }), 'not_found');
    expect((await db.visit.findUniqueOrThrow({ where: { id: visitId }, select: { voidedAt: true } })).voidedAt).toBeNull();
    await voidVisit(author, { visitId, reason: 'Twice by mistake' });
    await expectAppError(voidVisit(await makeActor('manager'), { visitId, reason: 'again' }), 'conflict', /voided/);
    await expectAppError(updateVisit(author, { visitId, services: [] }), 'conflict', /voided/);
    expect(await db.auditEvent.count({ where: { action: 'visit.voided' } })).toBe(1);
  });
});
