import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation, notFound } from '@/lib/errors.ts';
import { parseOrRefuse } from './schema.ts';
import { CreateNoteKindSchema, SetNoteKindStatusSchema } from './notes-schema.ts';

// The kinds a note may have (note, crisis, safety plan…), a list kept in Settings like the
// outreach lists: added, taken out of use, never deleted (entries point at them).

export type NoteKindRow = { id: string; key: string | null; name: string; active: boolean };
const select = { id: true, key: true, name: true, active: true } as const;
const order = [{ sortOrder: 'asc' as const }, { name: 'asc' as const }];
const NAME_TAKEN = 'There is already a kind of note with this name.';

/** The kinds in use, in the program's order: the "Add entry" form's choices. Roles that write notes (`participant:update`). */
export async function activeNoteKinds(actor: Actor): Promise<NoteKindRow[]> {
  assertCan(actor, 'participant:update');
  return db.noteKind.findMany({ where: { active: true }, select, orderBy: order });
}

/** Every kind, in use or not, for the settings page. Managers and IT support (`settings:manage`): names only, no participant data. */
export async function listNoteKinds(actor: Actor): Promise<NoteKindRow[]> {
  assertCan(actor, 'settings:manage');
  return db.noteKind.findMany({ select, orderBy: order });
}

/** Adds a kind at the end of the list. Managers and IT support (`settings:manage`). */
export async function createNoteKind(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'settings:manage');
  const { name } = parseOrRefuse(CreateNoteKindSchema, input);
  const clash = await db.noteKind.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true } });
  if (clash) throw new AppError('conflict', NAME_TAKEN, 'name');
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.noteKind.aggregate({ _max: { sortOrder: true } });
      const row = await tx.noteKind.create({ data: { name, sortOrder: (last._max.sortOrder ?? 0) + 1 }, select: { id: true } });
      await recordAudit(tx, actor, 'note_kind.created', { entityType: 'note_kind', entityId: row.id });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/** Takes a kind out of use (past entries keep it) or back into use. Managers and IT support (`settings:manage`). */
export async function setNoteKindStatus(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const { id, status } = parseOrRefuse(SetNoteKindStatusSchema, input);
  await db.$transaction(async (tx) => {
    const kind = await tx.noteKind.findUnique({ where: { id }, select: { key: true, active: true } });
    if (!kind) throw notFound('That kind of note');
    if (kind.key === 'note' && status === 'retired')
      throw new AppError('conflict', 'The plain “Note” kind stays in use: new records and merges write under it.');
    if (kind.active === (status === 'active')) return;
    await tx.noteKind.update({ where: { id }, data: { active: status === 'active' }, select: { id: true } });
    await recordAudit(tx, actor, status === 'active' ? 'note_kind.restored' : 'note_kind.retired', { entityType: 'note_kind', entityId: id });
  });
}
