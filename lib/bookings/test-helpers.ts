// Shared by the bookings data-layer tests (not a test file itself).
import { randomInt, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { daySlots, slotIsPast, type Kind, type Slot, type SlotResource } from './slots.ts';
import { addDays, localDay, programNow } from '@/lib/calendar/index.ts';

const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const code = () => `${[0, 1, 2].map(() => ALPHABET[randomInt(ALPHABET.length)]).join('')}-${[0, 1, 2].map(() => ALPHABET[randomInt(ALPHABET.length)]).join('')}`;

/** A resource open round the clock every day, so tests find slots whatever time they run. */
export async function makeResource(opts: { name?: string; kind?: Kind; capacity?: number; slotMinutes?: number; active?: boolean; opensMin?: number; closesMin?: number } = {}): Promise<SlotResource> {
  const r = await db.resource.create({
    data: {
      name: opts.name ?? `Shower ${randomUUID().slice(0, 4)}`, kind: opts.kind ?? 'shower', capacity: opts.capacity ?? 1,
      slotMinutes: opts.slotMinutes ?? 30, active: opts.active ?? true,
      hours: { create: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMin: opts.opensMin ?? 0, closesMin: opts.closesMin ?? 1440 })) },
    },
    select: { id: true, name: true, kind: true, capacity: true, slotMinutes: true, active: true, hours: { select: { weekday: true, opensMin: true, closesMin: true } } },
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

export async function makePerson(by: Actor, opts: { alias?: string; deidentified?: boolean } = {}) {
  return db.participant.create({
    data: {
      alias: opts.deidentified ? null : (opts.alias ?? `Robin ${randomUUID().slice(0, 4)}`), code: code(), consentAt: programNow(),
      consentById: by.id, createdById: by.id, deidentifiedAt: opts.deidentified ? programNow() : null,
    },
    select: { id: true, alias: true, code: true },
  });
}

/** Asserts a promise rejects with an AppError of this code (and message, and field, when given). */
export async function expectAppError(promise: Promise<unknown>, code: AppError['code'] | undefined, message?: string | RegExp, field?: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  const e = error as AppError;
  if (code) expect(e.code).toBe(code);
  if (message) expect(e.userMessage).toMatch(message);
  if (field !== undefined) expect(e.field).toBe(field);
  return e;
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
