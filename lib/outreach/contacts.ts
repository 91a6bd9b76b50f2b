import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, notFound } from '@/lib/errors.ts';
import { participantRefusal } from '@/lib/participants/lock.ts';
import { replayAnswer } from './entries.ts';
import { refusingPlainly } from './refusals.ts';
import { entryTimeProblem, voidProblem } from './rules.ts';
import { AddContactSchema, parseOrRefuse, SUPPLY_NOT_IN_LIST, VoidSchema } from './schema.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { contactVoidContext } from './void-reason.ts';

// Contacts made on an outreach shift: added, never edited; a mistaken one is voided with a reason.
// The id is made on the phone, so a contact sent again from an offline queue is stored once.

const DEIDENTIFIED = 'This person’s record was de-identified. Record the contact as anonymous.';

type AddAnswer = { duplicate: boolean; createdById?: string; voided?: boolean; refused?: string };

/**
 * Adds a contact to a shift: a participant, or anonymous with a count of people; new or returning;
 * what happened; supplies given, for them and for someone else. The same id sent again returns
 * `duplicate: true` and writes nothing; an id voided since it was sent is refused. Outreach workers,
 * coordinators and managers (`outreach:log`).
 *
 * One statement, the database function add_outreach_contact (migration
 * 20261207030000_add_outreach_contact): it checks and writes what a transaction of a dozen round
 * trips did. The shift and the kinds are refused by the tables' triggers and keys, read back here as
 * the same plain messages (refusals.ts).
 */
export async function addContact(actor: Actor, input: unknown, now = programNow()): Promise<{ contactId: string; duplicate: boolean }> {
  assertCan(actor, 'outreach:log');
  const v = parseOrRefuse(AddContactSchema, input);
  const contactedAt = v.contactedAt ?? now;
  const problem = entryTimeProblem(contactedAt, now, 'time of the contact');
  if (problem) throw new AppError('invalid', problem, 'contactedAt');
  const [row] = await refusingPlainly(
    () => db.$queryRaw<{ answer: AddAnswer }[]>`
    SELECT add_outreach_contact(${v.id}::uuid, ${v.shiftId}::uuid, ${v.participantId}::uuid, ${v.peopleCount}::int, ${v.isNew},
      ${contactedAt}, ${localDay(contactedAt)}::date, ${actor.id}::uuid, ${actor.role}::"Role", ${v.kindIds}::uuid[],
      ${JSON.stringify(v.supplies)}::jsonb, ${now}) AS answer`,
  );
  const answer = row!.answer;
  if (answer.refused === 'supply_not_in_list') throw new AppError('invalid', SUPPLY_NOT_IN_LIST, 'supplies');
  if (answer.refused) throw participantRefusal(answer.refused, DEIDENTIFIED) ?? new Error(`add_outreach_contact: ${answer.refused}`);
  if (answer.duplicate) replayAnswer(actor, { createdById: answer.createdById!, voided: answer.voided! });
  return { contactId: v.id, duplicate: answer.duplicate };
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
    await tx.outreachContact.update({
      where: { id },
      data: { voidedAt: now, voidedById: actor.id, voidReasonEnc: encryptField(reason, contactVoidContext(id)) },
      select: { id: true },
    });
    // The reason is free text and may name someone: encrypted on the contact, never in the audit log.
    await recordAudit(tx, actor, 'outreach_contact.voided', { entityType: 'outreach_contact', entityId: id, details: { participantId: row.participantId } });
  });
}
