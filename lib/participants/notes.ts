import 'server-only';
import { randomUUID } from 'node:crypto';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, notFound } from '@/lib/errors.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { editRefusal } from './rules.ts';
import { parseOrRefuse } from './schema.ts';
import { AddNoteSchema } from './notes-schema.ts';

// A participant's notes: dated, signed entries of a kind from the program's list (note, crisis,
// safety plan…). Append-only: a correction is a new entry (a trigger refuses rewrites). The text
// is encrypted at rest, bound to its entry, and read only inside an audited reveal
// (revealSensitive in ./sensitive.ts); writing one is audited with its kind, never its words.

export const noteContext = (noteId: string) => `participant_note:${noteId}:text`;

export type NoteEntry = {
  id: string;
  kind: string;
  writtenAt: string;
  /** The author's name; null for the entry moved from the old Notes field. */
  author: string | null;
  migrated: boolean;
  /** Null once erased at de-identification. */
  text: string | null;
};

/** The entries with their text, newest first. Internal: the caller authorizes and audits the reading. */
export async function notesWithText(tx: Tx, participantId: string): Promise<NoteEntry[]> {
  const rows = await tx.participantNote.findMany({
    where: { participantId },
    select: { id: true, writtenAt: true, migrated: true, textEnc: true, kind: { select: { name: true } }, author: { select: { displayName: true } } },
    orderBy: [{ writtenAt: 'desc' }, { id: 'desc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind.name,
    writtenAt: r.writtenAt.toISOString(),
    author: r.author?.displayName ?? null,
    migrated: r.migrated,
    text: decryptField(r.textEnc, noteContext(r.id)),
  }));
}

/** Writes one entry inside the caller's transaction (also used by create and merge). Internal: the caller authorizes and audits. */
export async function insertNote(tx: Tx, actor: Actor, input: { participantId: string; kindId: string; text: string; at: Date }): Promise<string> {
  const id = randomUUID();
  await tx.participantNote.create({
    data: {
      id,
      participantId: input.participantId,
      kindId: input.kindId,
      textEnc: encryptField(input.text, noteContext(id)),
      writtenAt: input.at,
      authorId: actor.id,
    },
    select: { id: true },
  });
  return id;
}

/** The built-in kind "note", for text that arrives without one (the create form, a merge). Internal. */
export async function plainNoteKindId(tx: Tx): Promise<string> {
  const kind = await tx.noteKind.findUnique({ where: { key: 'note' }, select: { id: true } });
  if (!kind) throw new Error('note kind "note" is missing (migration 20261209010000)');
  return kind.id;
}

/**
 * Adds a dated, signed entry to a participant's notes, dated by the program clock and signed by
 * the actor; audits `participant.note_added` with the entry's id and kind, never its text.
 * Counts as activity for retention. Roles with `participant:update` (never peer or IT support).
 */
export async function addNote(actor: Actor, input: unknown): Promise<{ noteId: string }> {
  assertCan(actor, 'participant:update');
  const data = parseOrRefuse(AddNoteSchema, input);
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM participant WHERE id = ${data.participantId}::uuid FOR UPDATE`;
    const person = await tx.participant.findUnique({ where: { id: data.participantId }, select: { deidentifiedAt: true, mergedIntoId: true } });
    if (!person) throw notFound('That participant');
    const refusal = editRefusal(person);
    if (refusal) throw new AppError('conflict', refusal);
    const kind = await tx.noteKind.findUnique({ where: { id: data.kindId }, select: { active: true } });
    if (!kind?.active) throw new AppError('invalid', 'Choose one of the kinds offered.', 'kindId');
    const now = programNow();
    const noteId = await insertNote(tx, actor, { ...data, at: now });
    await tx.participant.update({ where: { id: data.participantId }, data: { lastActivityAt: now }, select: { id: true } });
    await recordAudit(tx, actor, 'participant.note_added', {
      entityType: 'participant',
      entityId: data.participantId,
      details: { noteId, kindId: data.kindId },
    });
    return { noteId };
  });
}
