import type { PrismaClient } from '@/lib/db/generated/client.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';

// The old single Notes field (participant.notes_enc) becomes the first dated entry (migration
// 20261209010000). SQL could copy the ciphertext but not re-bind it: it is bound to
// `participant:<id>:notes` as associated data (lib/crypto/fields.ts), and an entry's text to
// `participant_note:<entry id>:text`; the database never holds the key. So the migration makes the
// entry without text and the app moves the words: decrypt under the old binding, encrypt under the
// entry's, empty the old column, in one transaction per batch. Idempotent; run by `npm start`, the
// demo seed and `npm run seal-free-text`. Not `server-only`: operator commands call it outside Next.

const BATCH = 500;

type Waiting = { noteId: string; participantId: string; old: Uint8Array };

async function moveBatch(db: PrismaClient): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Waiting[]>`
      SELECT n.id::text AS "noteId", p.id::text AS "participantId", p.notes_enc AS old
      FROM participant_note n JOIN participant p ON p.id = n.participant_id
      WHERE n.migrated AND n.text_enc IS NULL AND p.notes_enc IS NOT NULL
      ORDER BY p.id LIMIT ${BATCH} FOR UPDATE OF p SKIP LOCKED`;
    for (const r of rows) {
      const text = decryptField(r.old, `participant:${r.participantId}:notes`);
      await tx.$executeRaw`UPDATE participant_note SET text_enc = ${encryptField(text, `participant_note:${r.noteId}:text`)} WHERE id = ${r.noteId}::uuid`;
      await tx.$executeRaw`UPDATE participant SET notes_enc = NULL WHERE id = ${r.participantId}::uuid`;
    }
    return rows.length;
  });
}

/** Moves every old Notes value into its entry; returns how many. Operator commands and the seed (no actor: nothing is shown). */
export async function moveOldNotes(db: PrismaClient): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await moveBatch(db);
    total += n;
    if (n < BATCH) return total;
  }
}
