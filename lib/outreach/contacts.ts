import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, notFound } from '@/lib/errors.ts';
import { lockOpenParticipant } from '@/lib/participants/lock.ts';
import { answerReplay, checkOptions } from './entries.ts';
import { refusingPlainly } from './refusals.ts';
import { entryTimeProblem, insideShift, voidProblem } from './rules.ts';
import {
  AddContactSchema, CONTACT_OUTSIDE_SHIFT, KIND_NOT_IN_LIST, parseOrRefuse, SHIFT_NOT_FOUND, SHIFT_VOIDED, SUPPLY_NOT_IN_LIST,
  VoidSchema,
} from './schema.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// Contacts made on an outreach shift: added, never edited; a mistaken one is voided with a reason.
// The id is made on the phone, so a contact sent again from an offline queue is stored once.

async function checkShift(tx: Tx, shiftId: string, at: Date): Promise<void> {
  // Share-locked: the shift cannot be ended or voided under this contact (the trigger locks it too).
  const [shift] = await tx.$queryRaw<{ startedAt: Date; endedAt: Date | null; voided: boolean }[]>`
    SELECT started_at AS "startedAt", ended_at AS "endedAt", voided_at IS NOT NULL AS voided
    FROM outreach_shift WHERE id = ${shiftId}::uuid FOR SHARE`;
  if (!shift) throw new AppError('invalid', SHIFT_NOT_FOUND, 'shiftId');
  if (shift.voided) throw new AppError('invalid', SHIFT_VOIDED, 'shiftId');
  if (!insideShift(at, shift)) throw new AppError('invalid', CONTACT_OUTSIDE_SHIFT, 'contactedAt');
}

/** Supplies come from the drop-in's list: supply types still offered. */
async function checkSupplies(tx: Tx, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await tx.serviceType.count({ where: { id: { in: ids }, kind: 'supply', active: true } });
  if (found !== ids.length) throw new AppError('invalid', SUPPLY_NOT_IN_LIST, 'supplies');
}

/**
 * Adds a contact to a shift: a participant, or anonymous with a count of people; new or returning;
 * what happened; supplies given, for them and for someone else. The same id sent again returns
 * `duplicate: true` and writes nothing; an id voided since it was sent is refused. Outreach workers,
 * coordinators and managers (`outreach:log`).
 */
export async function addContact(actor: Actor, input: unknown, now = programNow()): Promise<{ contactId: string; duplicate: boolean }> {
  assertCan(actor, 'outreach:log');
  const v = parseOrRefuse(AddContactSchema, input);
  const contactedAt = v.contactedAt ?? now;
  const problem = entryTimeProblem(contactedAt, now, 'time of the contact');
  if (problem) throw new AppError('invalid', problem, 'contactedAt');
  return refusingPlainly(() => db.$transaction(async (tx) => {
    if (await answerReplay(tx, 'outreach_contact', v.id, actor)) return { contactId: v.id, duplicate: true };
    await checkShift(tx, v.shiftId, contactedAt);
    await checkOptions(tx, 'contact_kind', v.kindIds, 'kindIds', KIND_NOT_IN_LIST);
    await checkSupplies(tx, v.supplies.map((s) => s.serviceTypeId));
    if (v.participantId) {
      await lockOpenParticipant(tx, v.participantId, 'This person’s record was de-identified. Record the contact as anonymous.');
    }
    // The primary key decides between two sends of the same contact at once, not the look-up above.
    const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO outreach_contact (id, shift_id, participant_id, people_count, is_new, contacted_at, contacted_on, created_by_id)
      VALUES (${v.id}::uuid, ${v.shiftId}::uuid, ${v.participantId}::uuid, ${v.peopleCount}, ${v.isNew}, ${contactedAt},
              ${localDay(contactedAt)}::date, ${actor.id}::uuid)
      ON CONFLICT (id) DO NOTHING RETURNING id::text`;
    if (!inserted.length) {
      await answerReplay(tx, 'outreach_contact', v.id, actor);
      return { contactId: v.id, duplicate: true };
    }
    await tx.outreachContactKind.createMany({ data: v.kindIds.map((kindId) => ({ contactId: v.id, kindId })) });
    if (v.supplies.length) await tx.outreachContactSupply.createMany({ data: v.supplies.map((s) => ({ contactId: v.id, ...s })) });
    if (v.participantId) await tx.participant.update({ where: { id: v.participantId }, data: { lastActivityAt: now }, select: { id: true } });
    await recordAudit(tx, actor, 'outreach_contact.added', {
      entityType: 'outreach_contact', entityId: v.id,
      details: { shiftId: v.shiftId, participantId: v.participantId, peopleCount: v.peopleCount, kindIds: v.kindIds, supplies: v.supplies.length },
    });
    return { contactId: v.id, duplicate: false };
  }));
}

/** Voids a mistaken contact with a reason: kept, shown muted, left out of every count. Its author, a coordinator or a manager. */
export async function voidContact(actor: Actor, input: unknown, now = programNow()): Promise<void> {
  assertCan(actor, 'outreach:log');
  const { id, reason } = parseOrRefuse(VoidSchema, input);
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ createdById: string; voided: boolean; participantId: string | null }[]>`
      SELECT created_by_id::text AS "createdById", voided_at IS NOT NULL AS voided, participant_id::text AS "participantId"
      FROM outreach_contact WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) throw notFound('That contact');
    const problem = voidProblem(actor, row);
    if (problem) throw new AppError('forbidden', problem);
    if (row.voided) throw new AppError('conflict', 'This contact is already voided.');
    await tx.outreachContact.update({ where: { id }, data: { voidedAt: now, voidedById: actor.id, voidReason: reason }, select: { id: true } });
    // The reason is free text and may name someone: it stays on the contact, not in the audit log.
    await recordAudit(tx, actor, 'outreach_contact.voided', { entityType: 'outreach_contact', entityId: id, details: { participantId: row.participantId } });
  });
}
