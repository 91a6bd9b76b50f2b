// Shared by the reports data-layer tests (not a test file itself): a small hand-counted October 2026
// of outreach, entered through the outreach data layer as a phone would. Times are midday or evening
// UTC, so each falls on the same program date under any rules.
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/session.ts';
import { addContact, voidContact } from '@/lib/outreach/contacts.ts';
import { endShift, startShift } from '@/lib/outreach/shifts.ts';
import { optionIds } from '@/lib/outreach/test-helpers.ts';
import { person } from './test-helpers.ts';

type Contact = { at: string; who: string | null; people?: number; voided?: boolean };
const later = (iso: string) => new Date(new Date(iso).getTime() + 60_000);

async function shift(by: Actor, mode: 'street' | 'online', from: string, to: string, contacts: Contact[]) {
  const ids = await optionIds();
  const id = randomUUID();
  const where = mode === 'street' ? { zoneId: ids['zone:Downtown'] } : { platformIds: [ids['platform:Dating apps']] };
  await startShift(by, { id, mode, ...where, startedAt: new Date(from) }, later(from));
  for (const c of contacts) {
    const entry = {
      id: randomUUID(),
      shiftId: id,
      participantId: c.who,
      isNew: false,
      peopleCount: c.people ?? 1,
      contactedAt: new Date(c.at),
      kindIds: [ids['contact_kind:Talk']!],
    };
    await addContact(by, entry, later(c.at));
    if (c.voided) await voidContact(by, { id: entry.id, reason: 'Fixture: entered twice' }, later(c.at));
  }
  await endShift(by, { shiftId: id, endedAt: new Date(to) }, later(to));
}

/**
 * October 2026, by week: 1–4 Oct 2 contacts reaching 6 people; 12 Oct 1 reaching 1 (and one voided);
 * 26–31 Oct 2 reaching 4. A September contact lies outside the month. In all: 5 contacts, 11 people.
 */
export async function outreachFixture(by: Actor): Promise<void> {
  const [p1, p2] = [(await person(by)).id, (await person(by)).id];
  await shift(by, 'street', '2026-09-30T20:00:00Z', '2026-09-30T22:00:00Z', [{ at: '2026-09-30T21:00:00Z', who: p2 }]);
  await shift(by, 'street', '2026-10-02T20:00:00Z', '2026-10-02T23:00:00Z', [
    { at: '2026-10-02T20:30:00Z', who: p1 },
    { at: '2026-10-02T21:00:00Z', who: null, people: 5 },
  ]);
  await shift(by, 'online', '2026-10-14T18:00:00Z', '2026-10-14T19:00:00Z', [
    { at: '2026-10-14T18:10:00Z', who: p2 },
    { at: '2026-10-14T18:20:00Z', who: null, people: 4, voided: true },
  ]);
  await shift(by, 'street', '2026-10-27T20:00:00Z', '2026-10-27T22:00:00Z', [
    { at: '2026-10-27T20:15:00Z', who: p1 },
    { at: '2026-10-27T21:00:00Z', who: null, people: 3 },
  ]);
}
