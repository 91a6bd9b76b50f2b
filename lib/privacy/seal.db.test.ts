import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { createDb } from '@/lib/db/create.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { decryptField } from '@/lib/crypto/fields.ts';
import { createReferral } from '@/lib/referrals/create.ts';
import { revealReferralText } from '@/lib/referrals/reveal.ts';
import { logVisit, voidVisit } from '@/lib/visits/mutations.ts';
import { listVisitsForDay } from '@/lib/visits/queries.ts';
import { addContact, voidContact } from '@/lib/outreach/contacts.ts';
import { contactInput, NOW as OUTREACH_NOW, streetShift } from '@/lib/outreach/test-helpers.ts';
import { makePerson } from '@/lib/bookings/test-helpers.ts';
import { OPERATOR, runRetention } from '@/lib/participants/retention.ts';
import { sealFreeText } from './seal.ts';

// Words written in clear before their column was encrypted wait in free_text_to_seal (the
// migration parks them there): the operator's command seals them with the app's key.

// The seal command runs as the operator (the tables' owner), not as the app's runtime role.
const operatorDb = createDb(process.env.TEST_OWNER_URL ?? process.env.DATABASE_URL!, 2);
afterAll(() => operatorDb.$disconnect());

/** What the migration does with a row written before: the words parked, the encrypted column empty. */
async function park(table: string, id: string, column: string, text: string) {
  const c = await rawClient();
  if (table !== 'outreach_contact') await c.query(`UPDATE ${table} SET ${column} = NULL WHERE id = $1`, [id]);
  await c.query(`INSERT INTO free_text_to_seal (table_name, row_id, column_name, text) VALUES ($1, $2, $3, $4)`, [table, id, column, text]);
}

const waiting = async () => (await (await rawClient()).query(`SELECT count(*)::int AS n FROM free_text_to_seal`)).rows[0].n as number;

describe('sealing words written before encryption', () => {
  it('encrypts each into its column, readable as usual, and leaves nothing waiting', async () => {
    const manager = await makeActor('manager');
    const person = await makePerson(manager);
    const agency = await db.agency.create({ data: { name: 'Seal agency', categories: ['legal_advocacy'] }, select: { id: true } });
    const { referralId } = await createReferral(manager, {
      idempotencyKey: randomUUID(),
      participantId: person.id,
      agencyId: agency.id,
      category: 'legal_advocacy',
      reasonCategory: 'other',
      consent: 'nothing',
    });
    await park('referral', referralId, 'reason_detail_enc', 'Court date coming up');
    const { visitId } = await logVisit(manager, { idempotencyKey: randomUUID(), participantId: person.id, services: [] });
    await voidVisit(manager, { visitId, reason: 'placeholder' });
    await park('visit', visitId, 'void_reason_enc', 'Logged for the wrong person');

    expect(await sealFreeText(operatorDb)).toBe(2);
    expect(await waiting()).toBe(0);
    expect((await revealReferralText(manager, { referralId })).detail).toBe('Court date coming up');
    expect((await listVisitsForDay(manager)).find((v) => v.id === visitId)?.voidReason).toBe('Logged for the wrong person');
    expect(await sealFreeText(operatorDb)).toBe(0); // idempotent
  });

  it('seals a voided outreach contact’s reason once (its append-only trigger allows empty → words, never a rewrite)', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    const contact = await contactInput(shiftId);
    await addContact(worker, contact, OUTREACH_NOW);
    // Voided before encryption: the migration left void_reason_enc empty and parked the words.
    await (await rawClient()).query(`UPDATE outreach_contact SET voided_at = now(), voided_by_id = $2 WHERE id = $1`, [contact.id, worker.id]);
    await park('outreach_contact', contact.id, 'void_reason_enc', 'Logged the wrong person');
    expect(await sealFreeText(operatorDb)).toBe(1);
    const row = await db.outreachContact.findUniqueOrThrow({ where: { id: contact.id }, select: { voidReasonEnc: true } });
    expect(decryptField(row.voidReasonEnc, `outreach_contact:${contact.id}:void_reason`)).toBe('Logged the wrong person');
    await expect((await rawClient()).query(`UPDATE outreach_contact SET void_reason_enc = '\\x01'::bytea WHERE id = $1`, [contact.id])).rejects.toThrow(
      /outreach_append_only/,
    );
  });

  it('refuses a parked row for a column the inventory does not call encrypted', async () => {
    await (await rawClient()).query(`INSERT INTO free_text_to_seal VALUES ('participant', gen_random_uuid(), 'alias', 'x')`);
    await expect(sealFreeText(operatorDb)).rejects.toThrow(/not an encrypted column/);
  });

  it('de-identification deletes a person’s words still waiting, and empties a voided contact’s reason', async () => {
    const worker = await makeActor('manager');
    const person = await makePerson(worker);
    const { visitId } = await logVisit(worker, { idempotencyKey: randomUUID(), participantId: person.id, services: [] });
    await voidVisit(worker, { visitId, reason: 'placeholder' });
    await park('visit', visitId, 'void_reason_enc', 'Logged for the wrong person');
    const other = await makePerson(worker);
    const { visitId: kept } = await logVisit(worker, { idempotencyKey: randomUUID(), participantId: other.id, services: [] });
    await voidVisit(worker, { visitId: kept, reason: 'placeholder' });
    await park('visit', kept, 'void_reason_enc', 'Stays: not de-identified');
    const shiftId = await streetShift(worker);
    const contact = await contactInput(shiftId, { participantId: person.id });
    await addContact(worker, contact, OUTREACH_NOW);
    await voidContact(worker, { id: contact.id, reason: 'Wrong person' }, OUTREACH_NOW);

    await db.participant.update({ where: { id: person.id }, data: { lastActivityAt: new Date('2020-01-01T00:00:00Z') } });
    await runRetention(OPERATOR);
    const left = (await (await rawClient()).query(`SELECT row_id::text AS id FROM free_text_to_seal`)).rows.map((r) => r.id);
    expect(left).toEqual([kept]);
    expect((await db.outreachContact.findUniqueOrThrow({ where: { id: contact.id }, select: { voidReasonEnc: true } })).voidReasonEnc).toBeNull();
  });
});
