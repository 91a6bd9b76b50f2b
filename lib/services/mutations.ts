import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation, notFound } from '@/lib/errors.ts';
import { CreateServiceTypeSchema, MoveServiceTypeSchema, SetServiceTypeStatusSchema, UpdateServiceTypeSchema } from './schema.ts';
import { parseOrRefuse } from '@/lib/validation.ts';

// Writes to the list of service and supply types, each in one transaction with its audit row.
// Types are never deleted: past visits keep pointing at them. A deactivated type leaves the
// quick log and stays on the visits that used it. The kind (service or supply) is fixed once
// made, so past quantities keep their meaning.

const NAME_TAKEN = 'A service or supply with this name already exists.';

/** The unique index is case-sensitive; "shower" beside "Shower" would still confuse the desk. */
async function assertNameFree(tx: Tx, name: string, exceptId?: string): Promise<void> {
  const clash = await tx.serviceType.findFirst({
    where: { name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new AppError('conflict', NAME_TAKEN, 'name');
}

async function translateUnique<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/** Adds a type at the end of the list. Managers and IT support (`settings:manage`). */
export async function createServiceType(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'settings:manage');
  const { name, kind, unit } = parseOrRefuse(CreateServiceTypeSchema, input);
  return translateUnique(
    db.$transaction(async (tx) => {
      await assertNameFree(tx, name);
      const last = await tx.serviceType.aggregate({ _max: { sortOrder: true } });
      const row = await tx.serviceType.create({
        data: { name, kind, unit: kind === 'supply' ? (unit ?? null) : null, sortOrder: (last._max.sortOrder ?? 0) + 10 },
        select: { id: true },
      });
      await recordAudit(tx, actor, 'service_type.created', { entityType: 'service_type', entityId: row.id, details: { kind } });
      return row;
    }),
  );
}

/** Renames a type, or changes a supply's unit. Managers and IT support (`settings:manage`). */
export async function updateServiceType(actor: Actor, input: unknown): Promise<{ changed: string[] }> {
  assertCan(actor, 'settings:manage');
  const { id, name, unit } = parseOrRefuse(UpdateServiceTypeSchema, input);
  return translateUnique(
    db.$transaction(async (tx) => {
      const [current] = await tx.$queryRaw<{ name: string; kind: string; unit: string | null }[]>`
        SELECT name, kind::text AS kind, unit FROM service_type WHERE id = ${id}::uuid FOR UPDATE`;
      if (!current) throw notFound('That service');
      const nextUnit = current.kind === 'supply' ? (unit ?? null) : null;
      const changed = [...(name !== current.name ? ['name'] : []), ...(nextUnit !== current.unit ? ['unit'] : [])];
      if (!changed.length) return { changed };
      if (changed.includes('name')) await assertNameFree(tx, name, id);
      await tx.serviceType.update({ where: { id }, data: { name, unit: nextUnit }, select: { id: true } });
      await recordAudit(tx, actor, 'service_type.updated', { entityType: 'service_type', entityId: id, details: { fields: changed } });
      return { changed };
    }),
  );
}

/** Moves a type one place up or down the list (the quick log's order and number keys). Managers and IT support (`settings:manage`). */
export async function moveServiceType(actor: Actor, input: unknown): Promise<{ moved: boolean }> {
  assertCan(actor, 'settings:manage');
  const { id, direction } = parseOrRefuse(MoveServiceTypeSchema, input);
  return db.$transaction(async (tx) => {
    // The whole list is locked, so two managers reordering at once cannot interleave.
    const rows = await tx.$queryRaw<{ id: string; sort_order: number }[]>`
      SELECT id::text AS id, sort_order FROM service_type ORDER BY sort_order, name FOR UPDATE`;
    const from = rows.findIndex((r) => r.id === id);
    if (from < 0) throw notFound('That service');
    const to = direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= rows.length) return { moved: false };
    const order = rows.map((r) => r.id);
    [order[from], order[to]] = [order[to]!, order[from]!];
    // Renumber in steps of ten: ties left by older data disappear, and the order is total.
    for (const [index, rowId] of order.entries()) {
      const wanted = (index + 1) * 10;
      if (rows.find((r) => r.id === rowId)!.sort_order !== wanted) {
        await tx.serviceType.update({ where: { id: rowId }, data: { sortOrder: wanted }, select: { id: true } });
      }
    }
    await recordAudit(tx, actor, 'service_type.reordered', { entityType: 'service_type', entityId: id, details: { direction } });
    return { moved: true };
  });
}

/** Stops offering a type (it leaves the quick log, stays on past visits), or offers it again. Managers and IT support (`settings:manage`). */
export async function setServiceTypeStatus(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const { id, status } = parseOrRefuse(SetServiceTypeStatusSchema, input);
  const active = status === 'active';
  await db.$transaction(async (tx) => {
    const [current] = await tx.$queryRaw<{ active: boolean }[]>`SELECT active FROM service_type WHERE id = ${id}::uuid FOR UPDATE`;
    if (!current) throw notFound('That service');
    if (current.active === active) throw new AppError('conflict', active ? 'It is already offered.' : 'It is already no longer offered.');
    await tx.serviceType.update({ where: { id }, data: { active }, select: { id: true } });
    await recordAudit(tx, actor, active ? 'service_type.reactivated' : 'service_type.deactivated', { entityType: 'service_type', entityId: id });
  });
}
