import { randomUUID } from 'node:crypto';
import { subDays, subHours } from 'date-fns';
import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { encryptField } from '../../lib/crypto/fields.ts';
import { moveOldNotes } from '../../lib/privacy/move-old-notes.ts';
import { programNow } from '../../lib/calendar/index.ts';
import { staffIds } from './participants.ts';

// Demo notes. The participant generator (shared with the benchmark) writes the old single Notes
// field; here those become first entries exactly as an upgraded program's do (migration
// 20261209010000 and lib/privacy/move-old-notes.ts), and a few people get dated crisis and
// safety-plan entries signed by the demo's coordinators. Invented words, no real person.

const ENTRIES: { kind: string; daysAgo: number; text: string }[] = [
  {
    kind: 'crisis',
    daysAgo: 12,
    text: 'Came in shaken after a bad date near the rail yard. Sat with her, made tea, called the crisis line together. Will check in Thursday.',
  },
  {
    kind: 'safety_plan',
    daysAgo: 11,
    text: 'Safety plan: texts the desk when starting and finishing; uses the buddy system on weekends; knows the Safe Suite is open.',
  },
  { kind: 'note', daysAgo: 3, text: 'Checked in as planned, doing better. Asked about the know-your-rights workshop.' },
];

// The same associated data as lib/participants/notes.ts (server-only, so the seed cannot import it).
const context = (id: string) => `participant_note:${id}:text`;

export async function seedNotes(db: PrismaClient, now = programNow()): Promise<void> {
  if (!process.env.ENCRYPTION_KEY) return; // no key: no words (as for the safe contacts)
  await db.$executeRawUnsafe(`
    INSERT INTO participant_note (id, participant_id, kind_id, written_at, author_id, migrated)
    SELECT gen_random_uuid(), p.id, k.id, p.updated_at, NULL, true
    FROM participant p CROSS JOIN note_kind k WHERE k.key = 'note' AND p.notes_enc IS NOT NULL`);
  await moveOldNotes(db);
  const [coordinator] = await staffIds(db, ['coordinator']);
  const kinds = new Map((await db.noteKind.findMany({ select: { id: true, key: true } })).map((k) => [k.key, k.id]));
  const people = await db.participant.findMany({ where: { alias: { not: null } }, select: { id: true }, orderBy: { code: 'asc' }, take: 2 });
  for (const [i, person] of people.entries()) {
    for (const e of ENTRIES) {
      const id = randomUUID();
      await db.participantNote.create({
        data: {
          id,
          participantId: person.id,
          kindId: kinds.get(e.kind)!,
          textEnc: encryptField(e.text, context(id)),
          writtenAt: subHours(subDays(now, e.daysAgo + i), 3),
          authorId: coordinator!,
        },
        select: { id: true },
      });
    }
  }
}
