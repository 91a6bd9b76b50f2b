// Shared by the outreach data-layer tests (not a test file itself).
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { startShift } from './shifts.ts';

/** A fixed instant (a Saturday evening, program time 19:00): no test depends on the day it runs. */
export const NOW = new Date('2026-11-14T02:00:00Z');
export const minutes = (n: number, from = NOW) => new Date(from.getTime() + n * 60_000);

/** The default outreach lists (seeded by the migration): option ids by list and name. */
export async function optionIds(): Promise<Record<string, string>> {
  const rows = await db.outreachOption.findMany({ select: { id: true, list: true, name: true } });
  return Object.fromEntries(rows.map((r) => [`${r.list}:${r.name}`, r.id]));
}

/** A street shift in Downtown that started two hours before NOW and is still under way. */
export async function streetShift(actor: Actor, fields: { startedAt?: Date; endedAt?: Date } = {}): Promise<string> {
  const ids = await optionIds();
  const id = randomUUID();
  await startShift(actor, { id, mode: 'street', zoneId: ids['zone:Downtown'], startedAt: fields.startedAt ?? minutes(-120), endedAt: fields.endedAt }, NOW);
  return id;
}

/** A contact the phone would send: one returning participant or anonymous, with a talk. */
export async function contactInput(shiftId: string, fields: Record<string, unknown> = {}) {
  const ids = await optionIds();
  return { id: randomUUID(), shiftId, participantId: null, isNew: false, contactedAt: minutes(-30), kindIds: [ids['contact_kind:Talk']], ...fields };
}
