// Shared by the Safe Suite data-layer tests (not a test file itself).
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { createStay } from './create.ts';
import type { CreateStayInput } from './schema.ts';
import { addDays, localDay, programNow } from '@/lib/calendar/index.ts';

export { expectAppError, key, makePerson, setSetting } from '@/lib/bookings/test-helpers.ts';

/**
 * A unit, in use since `since` (its creation): by default long before any date a test uses, since
 * nights are available only from the day a unit came into use.
 */
export async function makeUnit(name = `Suite ${randomUUID().slice(0, 4)}`, active = true, since = new Date('2025-01-01T20:00:00Z')) {
  return db.suiteUnit.create({ data: { name, active, createdAt: since }, select: { id: true, name: true } });
}

/** A program date `n` days from today. */
export const dayFromToday = (n: number, now = programNow()) => addDays(localDay(now), n);

/** Form input for a stay from day `from` 15:00 to day `to` 11:00 (days counted from today). */
export function stayInput(unitId: string, participantId: string, from: number, to: number, extra: Partial<CreateStayInput> = {}): CreateStayInput {
  return {
    idempotencyKey: randomUUID(),
    unitId,
    participantId,
    startDate: dayFromToday(from),
    startTime: '15:00',
    endDate: dayFromToday(to),
    endTime: '11:00',
    mode: 'book',
    ...extra,
  };
}

export function book(actor: Actor, unitId: string, participantId: string, from: number, to: number, extra: Partial<CreateStayInput> = {}) {
  return createStay(actor, stayInput(unitId, participantId, from, to, extra));
}

/** Puts a stay's times where a test needs them (e.g. started an hour ago), keeping the row consistent. */
export async function moveStay(id: string, startAt: Date, endAt: Date) {
  const s = await db.stay.findUniqueOrThrow({ where: { id }, select: { turnoverMinutes: true } });
  await db.stay.update({
    where: { id },
    data: {
      startAt,
      endAt,
      blockedUntil: new Date(endAt.getTime() + s.turnoverMinutes * 60_000),
      startDay: new Date(`${localDay(startAt)}T00:00:00Z`),
      endDay: new Date(`${localDay(endAt)}T00:00:00Z`),
    },
  });
}

/** Everything the suite's tables hold, to prove a refusal changed nothing. */
export async function snapshot() {
  const [stays, log, ext, audit] = await Promise.all([
    db.stay.findMany({ orderBy: { id: 'asc' } }),
    db.stayLogEntry.findMany({ orderBy: { id: 'asc' } }),
    db.stayExtension.findMany({ orderBy: { id: 'asc' } }),
    db.auditEvent.count(),
  ]);
  return JSON.stringify({ stays, log, ext, audit });
}
