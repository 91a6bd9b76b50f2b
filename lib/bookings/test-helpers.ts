// Shared by the bookings data-layer tests (not a test file itself).
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { daySlots, slotIsPast, type Kind, type Slot, type SlotResource } from './slots.ts';
import { addDays, localDay, programNow } from '@/lib/calendar/index.ts';

export { expectAppError, makeParticipant as makePerson } from '@/lib/db/test/factories.ts';

/** A resource open round the clock every day, so tests find slots whatever time they run. */
export async function makeResource(
  opts: { name?: string; kind?: Kind; capacity?: number; slotMinutes?: number; active?: boolean; opensMin?: number; closesMin?: number } = {},
): Promise<SlotResource> {
  const r = await db.resource.create({
    data: {
      name: opts.name ?? `Shower ${randomUUID().slice(0, 4)}`,
      kind: opts.kind ?? 'shower',
      capacity: opts.capacity ?? 1,
      slotMinutes: opts.slotMinutes ?? 30,
      active: opts.active ?? true,
      hours: { create: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMin: opts.opensMin ?? 0, closesMin: opts.closesMin ?? 1440 })) },
    },
    select: {
      id: true,
      name: true,
      kind: true,
      capacity: true,
      slotMinutes: true,
      active: true,
      hours: { select: { weekday: true, opensMin: true, closesMin: true } },
    },
  });
  return r;
}

/** The first slot from now that can still be booked (today, or just after midnight tomorrow). */
export function soonSlot(r: SlotResource, now = programNow()): Slot {
  const today = localDay(now);
  return [...daySlots(r, today), ...daySlots(r, addDays(today, 1))].find((s) => !slotIsPast(s, now))!;
}

/** The n-th slot of tomorrow: safely in the future whatever time the test runs. */
export function tomorrowSlot(r: SlotResource, n = 0, now = programNow()): Slot {
  return daySlots(r, addDays(localDay(now), 1))[n]!;
}

export const key = () => randomUUID();

export async function auditActions(): Promise<string[]> {
  return (await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { action: true } })).map((e) => e.action);
}

export async function setSetting(key: string, value: number) {
  await db.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

export function bookingRow(id: string) {
  return db.booking.findUniqueOrThrow({ where: { id } });
}
