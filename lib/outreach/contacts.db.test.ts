import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { makeParticipant, serviceTypeIds } from '@/lib/visits/test-helpers.ts';
import { addContact, voidContact } from './contacts.ts';
import { endShift, voidShift } from './shifts.ts';
import { contactInput, minutes, NOW, optionIds, streetShift } from './test-helpers.ts';

describe('adding a contact', () => {
  it('records a participant, an anonymous group, supplies for them and for someone else, audited by id only', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    const person = await makeParticipant(worker, { alias: 'Sunny' });
    const [ids, supply] = [await optionIds(), await serviceTypeIds()];
    const one = await contactInput(shiftId, {
      participantId: person.id,
      isNew: true,
      kindIds: [ids['contact_kind:Talk'], ids['contact_kind:Supplies']],
      supplies: [
        { serviceTypeId: supply.naloxone, quantity: 1, forOthers: 2 },
        { serviceTypeId: supply.condoms, quantity: 5 },
      ],
    });
    expect(await addContact(worker, one, NOW)).toEqual({ contactId: one.id, duplicate: false });
    const group = await contactInput(shiftId, { peopleCount: 4 });
    await addContact(worker, group, NOW);
    const stored = await db.outreachContact.findUniqueOrThrow({
      where: { id: one.id },
      select: { isNew: true, participantId: true, contactedOn: true, supplies: { select: { serviceTypeId: true, quantity: true, forOthers: true } } },
    });
    expect(stored).toMatchObject({ isNew: true, participantId: person.id, contactedOn: new Date('2026-11-13T00:00:00Z') });
    expect(stored.supplies).toEqual(
      expect.arrayContaining([
        { serviceTypeId: supply.naloxone, quantity: 1, forOthers: 2 },
        { serviceTypeId: supply.condoms, quantity: 5, forOthers: 0 },
      ]),
    );
    expect(await db.outreachContact.findUniqueOrThrow({ where: { id: group.id }, select: { peopleCount: true, participantId: true } })).toEqual({
      peopleCount: 4,
      participantId: null,
    });
    const events = await db.auditEvent.findMany({ where: { action: 'outreach_contact.added' }, select: { details: true } });
    expect(JSON.stringify(events)).not.toContain('Sunny');
    expect(events).toHaveLength(2);
  });

  it('refuses plainly beside the field and writes nothing', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker, { endedAt: minutes(-10) });
    const [ids, supply] = [await optionIds(), await serviceTypeIds()];
    const person = await makeParticipant(worker);
    const cases: [Record<string, unknown>, RegExp, string][] = [
      [{ contactedAt: minutes(-5) }, /outside the shift/, 'contactedAt'],
      [{ contactedAt: minutes(-121) }, /outside the shift/, 'contactedAt'],
      [{ contactedAt: minutes(30) }, /future/, 'contactedAt'],
      [{ supplies: [{ serviceTypeId: supply.naloxone, quantity: 501 }] }, /0 to 500/, `quantity.${supply.naloxone}`],
      [{ supplies: [{ serviceTypeId: supply.naloxone, quantity: 1, forOthers: -1 }] }, /0 to 500/, `forOthers.${supply.naloxone}`],
      [{ supplies: [{ serviceTypeId: supply.naloxone, quantity: 0, forOthers: 0 }] }, /how many were given/, `quantity.${supply.naloxone}`],
      [{ supplies: [{ serviceTypeId: supply.shower, quantity: 1 }] }, /supplies from the list/, 'supplies'],
      [{ kindIds: [ids['zone:Downtown']] }, /what happened from the list/, 'kindIds'],
      [{ kindIds: [] }, /Choose what happened/, 'kindIds'],
      [{ peopleCount: 51 }, /1 to 50/, 'peopleCount'],
      [{ participantId: person.id, peopleCount: 2 }, /as anonymous/, 'peopleCount'],
      [{ shiftId: randomUUID() }, /Start a shift first/, 'shiftId'],
    ];
    for (const [fields, message, field] of cases) await expectAppError(addContact(worker, await contactInput(shiftId, fields), NOW), 'invalid', message, field);
    expect(await db.outreachContact.count()).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'outreach_contact.added' } })).toBe(0);
  });

  it('refuses a person whose record was de-identified or merged, or who does not exist, beside the person', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    const [gone, kept, merged] = [await makeParticipant(worker), await makeParticipant(worker), await makeParticipant(worker)];
    await db.participant.update({ where: { id: gone.id }, data: { deidentifiedAt: new Date(), alias: null } });
    await db.participant.update({ where: { id: merged.id }, data: { mergedIntoId: kept.id } });
    await expectAppError(
      addContact(worker, await contactInput(shiftId, { participantId: gone.id }), NOW),
      'invalid',
      /de-identified\. Record the contact as anonymous/,
      'participantId',
    );
    await expectAppError(addContact(worker, await contactInput(shiftId, { participantId: merged.id }), NOW), 'invalid', /merged into another/, 'participantId');
    await expectAppError(addContact(worker, await contactInput(shiftId, { participantId: randomUUID() }), NOW), 'invalid', /not found/, 'participantId');
    expect(await db.outreachContact.count()).toBe(0);
  });

  it('refuses a contact on a voided shift', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    await voidShift(worker, { id: shiftId, reason: 'Started twice' }, NOW);
    await expectAppError(addContact(worker, await contactInput(shiftId), NOW), 'invalid', /shift was voided/, 'shiftId');
  });
});

describe('an entry sent more than once', () => {
  it('is stored once however many times it is sent, one after the other', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    const entry = await contactInput(shiftId);
    expect((await addContact(worker, entry, NOW)).duplicate).toBe(false);
    for (let i = 0; i < 3; i++) expect(await addContact(worker, entry, NOW)).toEqual({ contactId: entry.id, duplicate: true });
    expect(await db.outreachContact.count()).toBe(1);
    expect(await db.outreachContactKind.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'outreach_contact.added' } })).toBe(1);
  });

  it('is stored once when the same id is sent twice at the same moment', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    const supply = await serviceTypeIds();
    for (let round = 0; round < 5; round++) {
      const entry = await contactInput(shiftId, { supplies: [{ serviceTypeId: supply.condoms, quantity: 2 }] });
      const answers = await Promise.all([addContact(worker, entry, NOW), addContact(worker, entry, NOW), addContact(worker, entry, NOW)]);
      expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    }
    expect(await db.outreachContact.count()).toBe(5);
    expect(await db.outreachContactSupply.count()).toBe(5);
    expect(await db.auditEvent.count({ where: { action: 'outreach_contact.added' } })).toBe(5);
  });

  it('is refused, not stored again, when it was voided after it was sent; and someone else’s id is refused', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    const entry = await contactInput(shiftId);
    await addContact(worker, entry, NOW);
    await voidContact(worker, { id: entry.id, reason: 'Logged the wrong person' }, NOW);
    await expectAppError(addContact(worker, entry, NOW), 'conflict', /voided after it was first sent/);
    const other = await contactInput(shiftId);
    await addContact(worker, other, NOW);
    await expectAppError(addContact(await makeActor('coordinator'), other, NOW), 'conflict', /could not be matched/);
    expect(await db.outreachContact.count()).toBe(2);
  });

  it('a shift sent twice at once is stored once, and a voided shift replayed is refused', async () => {
    const worker = await makeActor('outreach');
    const ids = await optionIds();
    const shift = { id: randomUUID(), mode: 'street', zoneId: ids['zone:Downtown'], startedAt: minutes(-60) };
    const { startShift } = await import('./shifts.ts');
    const answers = await Promise.all([startShift(worker, shift, NOW), startShift(worker, shift, NOW)]);
    expect(answers.filter((a) => !a.duplicate)).toHaveLength(1);
    expect(await db.outreachShiftStaff.count()).toBe(1);
    await voidShift(worker, { id: shift.id, reason: 'Test' }, NOW);
    await expectAppError(startShift(worker, shift, NOW), 'conflict', /voided after it was first sent/);
    await expectAppError(endShift(worker, { shiftId: shift.id }, NOW), 'conflict', /voided/);
  });
});

describe('voiding a contact', () => {
  it('keeps it with its reason; only its author, a coordinator or a manager; never edited afterwards', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    const entry = await contactInput(shiftId);
    await addContact(worker, entry, NOW);
    await expectAppError(voidContact(await makeActor('outreach'), { id: entry.id, reason: 'x' }, NOW), 'forbidden');
    await expectAppError(voidContact(worker, { id: entry.id, reason: '' }, NOW), 'invalid', /reason/, 'reason');
    await voidContact(await makeActor('coordinator'), { id: entry.id, reason: 'Duplicate' }, NOW);
    await expectAppError(voidContact(worker, { id: entry.id, reason: 'Again' }, NOW), 'conflict', /already voided/);
    const c = await rawClient();
    await expect(c.query(`UPDATE outreach_contact SET people_count = 3 WHERE id = $1`, [entry.id])).rejects.toThrow(/outreach_append_only/);
    await expect(c.query(`DELETE FROM outreach_contact_kind WHERE contact_id = $1`, [entry.id])).rejects.toThrow(/outreach_append_only/);
    await expect(c.query(`UPDATE outreach_contact_supply SET quantity = 9`)).resolves.toBeDefined(); // no rows: nothing to refuse
    await expect(
      c.query(`INSERT INTO outreach_contact_supply (contact_id, service_type_id, quantity) SELECT $1, id, 501 FROM service_type LIMIT 1`, [entry.id]),
    ).rejects.toThrow(/quantity_check/);
  });
});
