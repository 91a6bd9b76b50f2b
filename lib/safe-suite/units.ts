import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { parseStayInput, UNIT_NOT_FOUND, UnitSchema, UnitUpdateSchema } from './schema.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Units of the Safe Suite, managed in settings: a name and an active flag (never an address).
// Nothing is deleted: a unit no longer used is marked not in use, and its stays remain.

export type UnitSetting = { id: string; name: string; active: boolean; comingStays: number };

const NAME_TAKEN = 'A unit already has this name. Choose another.';

/** Every unit with its count of stays still to come. Program managers and IT support (`settings:manage`). */
export async function listUnitSettings(actor: Actor, now = programNow()): Promise<UnitSetting[]> {
  assertCan(actor, 'settings:manage');
  const units = await db.suiteUnit.findMany({
    select: {
      id: true,
      name: true,
      active: true,
      _count: { select: { stays: { where: { status: { in: ['confirmed', 'checked_in'] }, endAt: { gt: now } } } } },
    },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
  });
  return units.map((u) => ({ id: u.id, name: u.name, active: u.active, comingStays: u._count.stays }));
}

/** Adds a unit. Program managers and IT support (`settings:manage`). */
export async function createUnit(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'settings:manage');
  const data = parseStayInput(UnitSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const max = await tx.suiteUnit.aggregate({ _max: { sortOrder: true } });
      const unit = await tx.suiteUnit.create({
        data: { name: data.name, active: data.active, sortOrder: (max._max.sortOrder ?? 0) + 10 },
        select: { id: true },
      });
      await recordAudit(tx, actor, 'suite_unit.created', { entityType: 'suite_unit', entityId: unit.id, details: { active: data.active } });
      return unit;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/**
 * Renames a unit or takes it in or out of use; a unit with stays still to come stays in use
 * until they are cancelled. Program managers and IT support (`settings:manage`).
 */
export async function updateUnit(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const data = parseStayInput(UnitUpdateSchema, input);
  try {
    await db.$transaction(async (tx) => {
      const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM suite_unit WHERE id = ${data.id}::uuid FOR UPDATE`;
      if (!row) throw new AppError('not_found', UNIT_NOT_FOUND);
      if (!data.active) {
        const coming = await tx.stay.count({ where: { unitId: data.id, status: { in: ['confirmed', 'checked_in'] }, endAt: { gt: programNow() } } });
        if (coming > 0)
          throw new AppError(
            'conflict',
            `This unit has ${coming} ${coming === 1 ? 'stay' : 'stays'} booked or in progress. It stays in use until they end or are cancelled.`,
            'active',
          );
      }
      await tx.suiteUnit.update({ where: { id: data.id }, data: { name: data.name, active: data.active }, select: { id: true } });
      await recordAudit(tx, actor, 'suite_unit.updated', { entityType: 'suite_unit', entityId: data.id, details: { active: data.active } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}
