import 'server-only';
import { z } from 'zod';
import type { Actor } from '@/lib/auth/session.ts';
import { addContact, voidContact } from './contacts.ts';
import { endShift, startShift } from './shifts.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { parseOrRefuse } from '@/lib/validation.ts';

// One outreach entry as the phone sends it, from a form or from its offline queue: what it is, and
// the fields the data layer judges. Entries travel as JSON, so times arrive as ISO strings and are
// turned into instants here; everything else is checked by each mutation's own schema.

export const ENTRY_TYPES = ['shift.start', 'shift.end', 'contact.add', 'contact.void'] as const;
export type EntryType = (typeof ENTRY_TYPES)[number];

export const WireEntrySchema = z.object({
  type: z.enum(ENTRY_TYPES, { error: 'This entry could not be read. Reload the page and try again.' }),
  payload: z.object({}, { error: 'This entry could not be read. Reload the page and try again.' }).loose(),
});
export type WireEntry = z.infer<typeof WireEntrySchema>;

const TIME_FIELDS = ['startedAt', 'endedAt', 'contactedAt'] as const;

/** ISO strings to instants (a malformed one becomes an invalid date, which the schema refuses beside its field). */
function revive(payload: Record<string, unknown>): Record<string, unknown> {
  const out = { ...payload };
  for (const key of TIME_FIELDS) {
    const value = out[key];
    if (typeof value === 'string') out[key] = new Date(value);
    else if (value === null || value === '') delete out[key];
  }
  return out;
}

export type EntryAnswer = { duplicate: boolean };

/**
 * Applies one entry. Each mutation checks the actor's permission itself (`outreach:log`) and
 * answers a resend of the same id without storing it twice.
 */
export async function applyEntry(actor: Actor, input: unknown, now = programNow()): Promise<EntryAnswer> {
  const entry = parseOrRefuse(WireEntrySchema, input, () => undefined);
  const payload = revive(entry.payload);
  switch (entry.type) {
    case 'shift.start':
      return { duplicate: (await startShift(actor, payload, now)).duplicate };
    case 'shift.end':
      return endShift(actor, payload, now);
    case 'contact.add':
      return { duplicate: (await addContact(actor, payload, now)).duplicate };
    case 'contact.void':
      await voidContact(actor, payload, now);
      return { duplicate: false };
  }
}
