import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { ClosureIdSchema, ClosureSchema, CreateResourceSchema, HoursSchema, UpdateResourceSchema } from './resource-schema.ts';
import { parseOrRefuse } from './schema.ts';
import { SEAT_LABEL } from './rules.ts';
import { sweepNoShows } from './sweep.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Settings for showers and laundry: resources, opening hours and closures, each change in one
// transaction with its audit row. A resource is deactivated, never deleted: its bookings stay.

const NAME_TAKEN = 'Another shower or laundry already has this name.';

/** Adds a shower or laundry resource (no opening hours yet: closed until they are set). Managers and IT support (`settings:manage`). */
export async function createResource(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'settings:manage');
  const data = parseOrRefuse(CreateResourceSchema, input, []);
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.resource.aggregate({ _max: { sortOrder: true } });
      const r = await tx.resource.create({ data: { ...data, sortOrder: (last._max.sortOrder ?? 0) + 10 }, select: { id: true } });
      await recordAudit(tx, actor, 'resource.created', {
        entityType: 'resource',
        entityId: r.id,
        details: { kind: data.kind, capacity: data.capacity, slotMinutes: data.slotMinutes },
      });
      return r;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/** Places still held from now on that a change would strand. */
async function heldAfter(tx: Tx, resourceId: string, now: Date, seatAbove?: number): Promise<number[]> {
  const rows = await tx.booking.findMany({
    where: { resourceId, status: { in: ['booked', 'checked_in'] }, slotEnd: { gt: now }, ...(seatAbove ? { seat: { gt: seatAbove } } : {}) },
    select: { seat: true },
  });
  return [...new Set(rows.map((r) => r.seat))].sort((a, b) => a - b);
}

/**
 * Renames, resizes, changes the slot length or (de)activates a resource. A smaller capacity or
 * another slot length is refused while places booked from now on would no longer fit. Managers
 * and IT support (`settings:manage`).
 */
export async function updateResource(actor: Actor, input: unknown): Promise<{ changed: string[] }> {
  assertCan(actor, 'settings:manage');
  const data = parseOrRefuse(UpdateResourceSchema, input, ['id']);
  const now = programNow();
  // Places whose time is up are released first, so they do not hold up the change.
  await sweepNoShows(now);
  try {
    return await db.$transaction(async (tx) => {
      const [before] = await tx.$queryRaw<{ name: string; kind: 'shower' | 'laundry'; capacity: number; slotMinutes: number; active: boolean }[]>`
        SELECT name, kind::text AS kind, capacity, slot_minutes AS "slotMinutes", active FROM resource WHERE id = ${data.id}::uuid FOR UPDATE`;
      if (!before) throw new AppError('not_found', 'That shower or laundry was not found. Reload the page.');
      const changed = (['name', 'capacity', 'slotMinutes', 'active'] as const).filter((k) => before[k] !== data[k]);
      if (!changed.length) return { changed };
      if (data.capacity < before.capacity) {
        const seats = await heldAfter(tx, data.id, now, data.capacity);
        if (seats.length) {
          throw new AppError(
            'conflict',
            `Places are booked in ${SEAT_LABEL[before.kind].toLowerCase()} ${seats.join(', ')} from now on. Move or cancel them first.`,
            'capacity',
          );
        }
      }
      if (data.slotMinutes !== before.slotMinutes && (await heldAfter(tx, data.id, now)).length) {
        throw new AppError(
          'conflict',
          'Places are booked from now on in the current slots. Change the slot length once they are over, or cancel them first.',
          'slotMinutes',
        );
      }
      await tx.resource.update({
        where: { id: data.id },
        data: { name: data.name, capacity: data.capacity, slotMinutes: data.slotMinutes, active: data.active },
        select: { id: true },
      });
      await recordAudit(tx, actor, 'resource.updated', { entityType: 'resource', entityId: data.id, details: { changed } });
      return { changed };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/** Replaces a resource's weekly opening hours (a day left empty is closed). Managers and IT support (`settings:manage`). */
export async function setResourceHours(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const { resourceId, hours } = parseOrRefuse(HoursSchema, input, ['resourceId']);
  await db.$transaction(async (tx) => {
    const found = await tx.$queryRaw<unknown[]>`SELECT 1 FROM resource WHERE id = ${resourceId}::uuid FOR UPDATE`;
    if (!found.length) throw new AppError('not_found', 'That shower or laundry was not found. Reload the page.');
    await tx.resourceHours.deleteMany({ where: { resourceId } });
    await tx.resourceHours.createMany({ data: hours.map((h) => ({ resourceId, ...h })) });
    await recordAudit(tx, actor, 'resource.hours_set', {
      entityType: 'resource',
      entityId: resourceId,
      details: { weekdays: hours.map((h) => String(h.weekday)) },
    });
  });
}

/**
 * Closes one resource or all of them for a while (a holiday, a repair); returns how many places
 * already booked fall in it, for the desk to move or cancel. Managers and IT support (`settings:manage`).
 */
export async function addClosure(actor: Actor, input: unknown): Promise<{ id: string; affected: number }> {
  assertCan(actor, 'settings:manage');
  const data = parseOrRefuse(ClosureSchema, input, []);
  const resourceId = data.resourceId === 'all' ? null : data.resourceId;
  return db.$transaction(async (tx) => {
    if (resourceId && !(await tx.resource.findUnique({ where: { id: resourceId }, select: { id: true } }))) {
      throw new AppError('invalid', 'That shower or laundry was not found. Reload the page.', 'resourceId');
    }
    const closure = await tx.resourceClosure.create({
      data: { resourceId, startsAt: data.startsAt, endsAt: data.endsAt, reason: data.reason },
      select: { id: true },
    });
    const affected = await tx.booking.count({
      where: {
        ...(resourceId ? { resourceId } : {}),
        status: { in: ['booked', 'checked_in'] },
        slotStart: { lt: data.endsAt },
        slotEnd: { gt: data.startsAt },
      },
    });
    // The reason is free text: it stays on the closure, not in the audit log.
    await recordAudit(tx, actor, 'resource_closure.created', { entityType: 'resource_closure', entityId: closure.id, details: { resourceId, affected } });
    return { id: closure.id, affected };
  });
}

/** Removes a closure entered by mistake. Managers and IT support (`settings:manage`). */
export async function removeClosure(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const { id } = parseOrRefuse(ClosureIdSchema, input, ['id']);
  await db.$transaction(async (tx) => {
    const { count } = await tx.resourceClosure.deleteMany({ where: { id } });
    if (count !== 1) throw new AppError('not_found', 'That closure was not found. Reload the page.');
    await recordAudit(tx, actor, 'resource_closure.removed', { entityType: 'resource_closure', entityId: id });
  });
}
