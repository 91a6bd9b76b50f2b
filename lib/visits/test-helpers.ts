// Shared by the front-desk data-layer tests (not a test file itself).
import { randomInt } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { programNow } from '@/lib/calendar/index.ts';

const ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/** A random code in the participant_code_format shape, e.g. K7Q-4M9. */
export function randomCode(): string {
  const pick = () => Array.from({ length: 3 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${pick()}-${pick()}`;
}

/** A consented participant record, written straight to the table (the participants feature is tested on its own). */
export async function makeParticipant(by: Actor, fields: { alias?: string; code?: string; lastSeenAt?: Date; deidentified?: boolean } = {}) {
  const deidentified = fields.deidentified ?? false;
  return db.participant.create({
    data: {
      alias: deidentified ? null : (fields.alias ?? 'Robin'),
      code: fields.code ?? randomCode(),
      consentAt: programNow(),
      consentById: by.id,
      createdById: by.id,
      lastSeenAt: fields.lastSeenAt ?? null,
      deidentifiedAt: deidentified ? programNow() : null,
    },
    select: { id: true, alias: true, code: true },
  });
}

/** The default service types (seeded by the migration) by key: shower, meal, naloxone… */
export async function serviceTypeIds(): Promise<Record<string, string>> {
  const rows = await db.serviceType.findMany({ select: { id: true, key: true } });
  return Object.fromEntries(rows.filter((r) => r.key).map((r) => [r.key!, r.id]));
}

export function visitCount(): Promise<number> {
  return db.visit.count();
}
