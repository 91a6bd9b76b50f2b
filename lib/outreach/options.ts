import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation, notFound } from '@/lib/errors.ts';
import { CreateOptionSchema, parseOrRefuse, RenameOptionSchema, SetOptionStatusSchema, type OutreachList } from './schema.ts';

// The program's outreach lists (street zones, online platforms, what happened at a contact), like
// the service types: added, renamed, taken out of use, never deleted (past shifts point at them).

export type OutreachOptionRow = { id: string; list: OutreachList; key: string | null; name: string; active: boolean };
const NAME_TAKEN = 'This list already has an entry with this name.';
const select = { id: true, list: true, key: true, name: true, active: true } as const;

/** The entries in use, in the program's order: the phone's choices. Outreach workers, coordinators, managers (`outreach:read`). */
export async function activeOptions(actor: Actor): Promise<Record<OutreachList, OutreachOptionRow[]>> {
  assertCan(actor, 'outreach:read');
  const rows = await db.outreachOption.findMany({ where: { active: true }, select, orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }] });
  return {
    zone: rows.filter((r) => r.list === 'zone'),
    platform: rows.filter((r) => r.list === 'platform'),
    contact_kind: rows.filter((r) => r.list === 'contact_kind'),
  };
}

/** Every entry, in use or not, for the settings page. Managers and IT support (`settings:manage`). */
export async function listOptions(actor: Actor): Promise<OutreachOptionRow[]> {
  assertCan(actor, 'settings:manage');
  return db.outreachOption.findMany({ select, orderBy: [{ list: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }] });
}

async function nameFree(list: OutreachList, name: string, exceptId?: string): Promise<void> {
  const clash = await db.outreachOption.findFirst({
    where: { list, name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError('conflict', NAME_TAKEN, 'name');
}

/** Adds an entry at the end of a list. Managers and IT support (`settings:manage`). */
export async function createOption(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'settings:manage');
  const { list, name } = parseOrRefuse(CreateOptionSchema, input);
  await nameFree(list, name);
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.outreachOption.aggregate({ where: { list }, _max: { sortOrder: true } });
      const row = await tx.outreachOption.create({ data: { list, name, sortOrder: (last._max.sortOrder ?? 0) + 10 }, select: { id: true } });
      await recordAudit(tx, actor, 'outreach_option.created', { entityType: 'outreach_option', entityId: row.id, details: { list } });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/** Renames an entry (past shifts and contacts show the new name). Managers and IT support (`settings:manage`). */
export async function renameOption(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const { id, name } = parseOrRefuse(RenameOptionSchema, input);
  const current = await db.outreachOption.findUnique({ where: { id }, select: { list: true, name: true } });
  if (!current) throw notFound('That entry');
  if (current.name === name) return;
  await nameFree(current.list, name, id);
  await db.$transaction(async (tx) => {
    await tx.outreachOption.update({ where: { id }, data: { name }, select: { id: true } });
    await recordAudit(tx, actor, 'outreach_option.renamed', { entityType: 'outreach_option', entityId: id });
  });
}

/** Takes an entry out of use (gone from the phone, kept on past entries), or back. Managers and IT support. */
export async function setOptionStatus(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const { id, status } = parseOrRefuse(SetOptionStatusSchema, input);
  const active = status === 'active';
  await db.$transaction(async (tx) => {
    const [row] = await tx.$queryRaw<{ active: boolean }[]>`SELECT active FROM outreach_option WHERE id = ${id}::uuid FOR UPDATE`;
    if (!row) throw notFound('That entry');
    if (row.active === active) throw new AppError('conflict', active ? 'It is already in use.' : 'It is already out of use.');
    await tx.outreachOption.update({ where: { id }, data: { active }, select: { id: true } });
    await recordAudit(tx, actor, active ? 'outreach_option.reactivated' : 'outreach_option.deactivated', { entityType: 'outreach_option', entityId: id });
  });
}
