// Shared by the front-desk data-layer tests (not a test file itself).
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';

import { makeParticipant as make, type ParticipantFields } from '@/lib/db/test/factories.ts';

export { randomCode } from '@/lib/db/test/factories.ts';

/** A consented participant record (the one factory), called Robin unless given another alias. */
export function makeParticipant(by: Actor, fields: ParticipantFields = {}) {
  return make(by, { alias: 'Robin', ...fields });
}

/** The default service types (seeded by the migration) by key: shower, meal, naloxone… */
export async function serviceTypeIds(): Promise<Record<string, string>> {
  const rows = await db.serviceType.findMany({ select: { id: true, key: true } });
  return Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key!, r.id]));
}

export function visitCount(): Promise<number> {
  return db.visit.count();
}
