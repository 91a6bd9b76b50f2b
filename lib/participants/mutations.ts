import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, forbidden, isUniqueViolation, notFound } from '@/lib/errors.ts';
import { generateParticipantCode } from './code.ts';
import { editRefusal } from './rules.ts';
import { CreateParticipantSchema, parseOrRefuse, toParticipantData, UpdateParticipantSchema, type ParticipantData } from './schema.ts';
import { decryptSafeContact, encryptSafeContact } from './sensitive.ts';
import { insertNote, plainNoteKindId } from './notes.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Writes to participant records, each in one transaction with its audit row. Audit details
// carry field names only, never what was written in them.

/** Optional questions, and the columns that hold each one's answer. */
const QUESTIONS = {
  birthYear: ['birthYear', 'birthYearState'],
  gender: ['gender', 'genderSelfDescribed'],
  indigenousIdentity: ['indigenousIdentity'],
  pronouns: ['pronouns', 'pronounsState'],
  language: ['language', 'languageState'],
  homeCommunity: ['homeCommunity', 'homeCommunityState'],
  travelling: ['travelling'],
} as const satisfies Record<string, readonly (keyof ParticipantData)[]>;
type Question = keyof typeof QUESTIONS;
const QUESTION_NAMES = Object.keys(QUESTIONS) as Question[];

/** Random codes can collide (25⁶ of them); a few fresh draws make a repeat failure all but impossible. */
const CODE_ATTEMPTS = 5;

function columns(data: ParticipantData) {
  const { safeContact: _s, notes: _n, ...plain } = data;
  return plain;
}

function answerState(data: ParticipantData, q: Question): 'answered' | 'declined' | null {
  const [column, other] = QUESTIONS[q] as readonly (keyof ParticipantData)[];
  const state = other?.endsWith('State') ? data[other] : null;
  if (data[column!] === 'declined' || state === 'declined') return 'declined';
  return data[column!] === null ? null : 'answered';
}

/** Which optional fields were answered or declined, by name: what `participant.created` records. */
function answeredSummary(data: ParticipantData) {
  const answered: string[] = QUESTION_NAMES.filter((q) => answerState(data, q) === 'answered');
  if (data.safeContact) answered.push('safeContact');
  if (data.notes) answered.push('notes');
  return { answered, declined: QUESTION_NAMES.filter((q) => answerState(data, q) === 'declined') };
}

/**
 * Creates a participant record with the person's consent (now, by the actor). The id is made
 * here so the sensitive fields can be encrypted bound to it before the insert. Roles with
 * `participant:create`. `generateCode` exists for tests that force a code collision.
 */
export async function createParticipant(actor: Actor, input: unknown, options: { generateCode?: () => string } = {}): Promise<{ id: string; code: string }> {
  assertCan(actor, 'participant:create');
  const data = toParticipantData(parseOrRefuse(CreateParticipantSchema, input));
  const id = randomUUID();
  const encrypted = encryptSafeContact(id, data.safeContact);
  const now = programNow();
  for (let attempt = 1; ; attempt++) {
    const code = (options.generateCode ?? generateParticipantCode)();
    try {
      await db.$transaction(async (tx) => {
        await tx.participant.create({
          data: { ...columns(data), ...encrypted, id, code, consentAt: now, consentById: actor.id, createdById: actor.id, lastActivityAt: now },
          select: { id: true },
        });
        if (data.notes) await insertNote(tx, actor, { participantId: id, kindId: await plainNoteKindId(tx), text: data.notes, at: now });
        await recordAudit(tx, actor, 'participant.created', { entityType: 'participant', entityId: id, details: answeredSummary(data) });
      });
      return { id, code };
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      if (attempt >= CODE_ATTEMPTS) throw new AppError('conflict', 'A new code could not be made just now. Try again.');
    }
  }
}

/** The names of the fields whose stored value differs from `next`. */
function changedFields(current: ParticipantData, next: ParticipantData, compareSensitive: boolean): string[] {
  const changed: string[] = current.alias === next.alias ? [] : ['alias'];
  for (const q of QUESTION_NAMES) if (QUESTIONS[q].some((c) => current[c] !== next[c])) changed.push(q);
  if (compareSensitive && current.safeContact !== next.safeContact) changed.push('safeContact');
  return changed;
}

async function lockForEdit(tx: Tx, id: string) {
  await tx.$queryRaw`SELECT 1 FROM participant WHERE id = ${id}::uuid FOR UPDATE`;
  const row = await tx.participant.findUnique({
    where: { id },
    select: {
      alias: true,
      birthYear: true,
      birthYearState: true,
      gender: true,
      genderSelfDescribed: true,
      indigenousIdentity: true,
      pronouns: true,
      pronounsState: true,
      language: true,
      languageState: true,
      homeCommunity: true,
      homeCommunityState: true,
      travelling: true,
      safeContactEnc: true,
      deidentifiedAt: true,
      mergedIntoId: true,
    },
  });
  if (!row) throw notFound('That participant');
  const refusal = editRefusal(row);
  if (refusal) throw new AppError('conflict', refusal);
  return row;
}

/**
 * Saves the edit form. The safe contact changes only when the form carried it (the editor
 * revealed it first); otherwise it is kept as it is. Notes are dated entries (./notes.ts), not
 * part of the form. De-identified and merged-away
 * records are refused. Audits `participant.updated` with the changed field names. Roles with
 * `participant:update`.
 */
export async function updateParticipant(actor: Actor, input: unknown): Promise<{ changed: string[] }> {
  assertCan(actor, 'participant:update');
  const { id, sensitive: mode, ...raw } = parseOrRefuse(UpdateParticipantSchema, input);
  const data = toParticipantData(raw);
  const replaceSensitive = mode === 'replace';
  if (replaceSensitive && !can(actor, 'participant:read_sensitive')) throw forbidden();
  return db.$transaction(async (tx) => {
    const row = await lockForEdit(tx, id);
    const { safeContactEnc, deidentifiedAt: _d, mergedIntoId: _m, ...plain } = row;
    // The old text is decrypted only to compare it with a replacement the editor has already seen.
    const safeContact = replaceSensitive ? decryptSafeContact(id, { safeContactEnc }) : null;
    const current = { ...plain, safeContact, notes: null } as ParticipantData;
    const changed = changedFields(current, data, replaceSensitive);
    if (changed.length === 0) return { changed };
    const sensitive = replaceSensitive && changed.includes('safeContact') ? encryptSafeContact(id, data.safeContact) : {};
    await tx.participant.update({ where: { id }, data: { ...columns(data), ...sensitive, lastActivityAt: programNow() }, select: { id: true } });
    await recordAudit(tx, actor, 'participant.updated', { entityType: 'participant', entityId: id, details: { changed } });
    return { changed };
  });
}
