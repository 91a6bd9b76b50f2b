import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { createParticipant } from '@/lib/participants/mutations.ts';
import { OPERATOR, runRetention } from '@/lib/participants/retention.ts';
import { getAccessRequest } from '@/lib/participants/access-request.ts';
import { logVisit, voidVisit } from '@/lib/visits/mutations.ts';
import { createReferral } from '@/lib/referrals/create.ts';
import { changeReferralStatus } from '@/lib/referrals/change.ts';
import { addLogEntry } from '@/lib/safe-suite/log.ts';
import { changeStay } from '@/lib/safe-suite/transitions.ts';
import { book, makeUnit, moveStay } from '@/lib/safe-suite/test-helpers.ts';
import { addContact, voidContact } from '@/lib/outreach/contacts.ts';
import { contactInput, NOW as OUTREACH_NOW, streetShift } from '@/lib/outreach/test-helpers.ts';
import { addNote } from '@/lib/participants/notes.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { FREE_TEXT_INVENTORY, OUTSIDE_INVENTORY, personLinkedColumns } from './free-text-inventory.ts';

// An outside check's question, asked of the whole database: words typed about a person, through
// the app's own functions, never appear in a dump in clear (audit log included), and after the
// person is de-identified the columns that held them are empty.

const SECRET = `zq${randomUUID().slice(0, 8)}`; // in encrypted columns: never in a dump
const SHOWN = `Wx${randomUUID().slice(0, 6)}`; // in the columns kept in clear (alias…): gone after de-identification
// A dump writes bytea as hex: words stored as bytes without encryption would show up so.
const SECRET_HEX = Buffer.from(SECRET).toString('hex');

async function dump(): Promise<string> {
  const c = await rawClient();
  const { rows: tables } = await c.query<{ t: string }>(
    `SELECT format('%I', table_name) AS t FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`,
  );
  const out: string[] = [];
  for (const { t } of tables) {
    if (OUTSIDE_INVENTORY.has(t)) continue;
    const { rows } = await c.query<{ line: string }>(`SELECT t::text AS line FROM ${t} t`);
    out.push(...rows.map((r) => `${t}: ${r.line}`));
  }
  return out.join('\n');
}

/** Every person-linked column of every row that belongs to this person, with whether it holds anything. */
async function heldFor(participantId: string): Promise<Record<string, number>> {
  const c = await rawClient();
  const held: Record<string, number> = {};
  for (const { table, column, person } of personLinkedColumns()) {
    const { rows } = await c.query<{ n: number }>(`SELECT count(${column})::int AS n FROM ${table} WHERE ${person} = $1`, [participantId]);
    held[`${table}.${column}`] = rows[0]!.n;
  }
  return held;
}

/** Writes words in every person-linked column, each through the function the app uses. */
async function plantEverywhere(): Promise<{ personId: string }> {
  const manager = await makeActor('manager');
  const { id: personId } = await createParticipant(manager, {
    alias: `${SHOWN} alias`,
    consent: 'on',
    gender: 'self_described',
    genderSelfDescribed: `${SHOWN} g`,
    pronouns: `${SHOWN} p`,
    language: `${SHOWN} l`,
    homeCommunity: `${SHOWN} h`,
    safeContact: `${SECRET} safe contact`,
    notes: `${SECRET} notes`,
  });
  const crisis = await db.noteKind.findUniqueOrThrow({ where: { key: 'crisis' }, select: { id: true } });
  await addNote(manager, { participantId: personId, kindId: crisis.id, text: `${SECRET} crisis entry` });
  // The old single Notes field, as an upgraded database holds it until `npm start` moves it (nothing writes it now).
  await db.participant.update({
    where: { id: personId },
    data: { notesEnc: encryptField(`${SECRET} old notes`, `participant:${personId}:notes`) },
    select: { id: true },
  });
  const { visitId } = await logVisit(manager, { idempotencyKey: randomUUID(), participantId: personId, services: [] });
  await voidVisit(manager, { visitId, reason: `${SECRET} void` });
  const agency = await db.agency.create({ data: { name: 'Plant agency', categories: ['legal_advocacy'] }, select: { id: true } });
  const { referralId } = await createReferral(manager, {
    idempotencyKey: randomUUID(),
    participantId: personId,
    agencyId: agency.id,
    category: 'legal_advocacy',
    reasonCategory: 'legal',
    reasonDetail: `${SECRET} court date`,
    consent: 'summary',
    consentConfirmed: 'on',
    summary: `${SECRET} summary`,
  });
  await changeReferralStatus(manager, { referralId, status: 'closed', outcome: `${SECRET} outcome` });
  const unit = await makeUnit();
  const stay = await book(manager, unit.id, personId, 1, 2);
  await moveStay(stay.stayId, new Date(Date.now() - 3_600_000), new Date(Date.now() + 20 * 3_600_000));
  await changeStay(manager, { stayId: stay.stayId, transition: 'check_in' });
  await addLogEntry(manager, { stayId: stay.stayId, kind: 'handover', text: `${SECRET} handover` });
  const shiftId = await streetShift(manager);
  const contact = await contactInput(shiftId, { participantId: personId });
  await addContact(manager, contact, OUTREACH_NOW);
  await voidContact(manager, { id: contact.id, reason: `${SECRET} wrong person` }, OUTREACH_NOW);
  return { personId };
}

describe('a full dump of the database', () => {
  it('holds no planted words in clear, and none at all once the person is de-identified', async () => {
    const { personId } = await plantEverywhere();

    // Every person-linked column was planted (a column added to the inventory joins this test).
    const before = await heldFor(personId);
    expect(
      Object.entries(before)
        .filter(([, n]) => n === 0)
        .map(([k]) => k),
    ).toEqual([]);

    const text = await dump();
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(SECRET_HEX);
    expect(text).toContain(SHOWN); // the dump is real: the alias is kept in clear by decision
    // The person may still ask for what is held about them: the access request reads it all.
    const held = JSON.stringify(await getAccessRequest(await makeActor('manager'), personId, 'view'));
    for (const words of ['safe contact', 'notes', 'crisis entry', 'old notes', 'void', 'court date', 'summary', 'outcome', 'handover', 'wrong person'])
      expect(held).toContain(`${SECRET} ${words}`);

    await db.participant.update({ where: { id: personId }, data: { lastActivityAt: new Date('2020-01-01T00:00:00Z') } });
    expect((await runRetention(OPERATOR)).count).toBe(1);

    // Encrypted words never show in a dump, so ask the notes table itself: entries stay (kind, time, author), their words go.
    const c = await rawClient();
    expect((await c.query(`SELECT count(*)::int AS n, count(text_enc)::int AS t FROM participant_note WHERE participant_id = $1`, [personId])).rows[0]).toEqual(
      { n: 2, t: 0 },
    ); // the create form’s first note and the crisis entry
    const after = await heldFor(personId);
    expect(
      Object.entries(after)
        .filter(([, n]) => n > 0)
        .map(([k]) => k),
    ).toEqual([]);
    const afterText = await dump();
    expect(afterText).not.toContain(SECRET);
    expect(afterText).not.toContain(SHOWN);
  });

  it('covers every encrypted or clear column the inventory ties to a person', () => {
    const linked = FREE_TEXT_INVENTORY.filter((e) => e.person).map((e) => e.decision);
    expect(new Set(linked)).toEqual(new Set(['encrypted', 'clear']));
  });
});
