// Migration 20261209010000 on a database whose participants hold the old single Notes field: each
// becomes a first dated entry, and the move re-encrypts its words under the entry's binding.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db/create.ts';
import { freshDatabase } from '@/lib/db/test/servers.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { moveOldNotes } from './move-old-notes.ts';

const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const THIS_ONE = '20261209010000_participant_notes';
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

function migrationsBefore(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-migrations-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of readdirSync(MIGRATIONS)) {
    if (name === 'migration_lock.toml' || name < THIS_ONE) cpSync(path.join(MIGRATIONS, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

const STAFF = '00000000-0000-4000-8000-000000000001';
const WITH_NOTES = '00000000-0000-4000-8000-000000000002';
const WITHOUT = '00000000-0000-4000-8000-000000000003';
const UPDATED = '2026-10-02T16:45:00.000Z';
const OLD_NOTES = 'Prefers the side door.\nAsked about the Tuesday breakfast.';

describe(`migration ${THIS_ONE}`, () => {
  it('makes the old Notes value the first entry (kind note, dated at the last update, no author), and the move re-encrypts it there', async () => {
    const database = await freshDatabase();
    cleanup.push(database.drop);
    await migrate(database.url, { migrationsDir: migrationsBefore(), log: () => {} });
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    cleanup.push(() => c.end());
    await c.query(
      `INSERT INTO staff_user (id, email, display_name, role, password_hash, updated_at) VALUES ($1, 'm@example.org', 'M', 'manager', 'x', now())`,
      [STAFF],
    );
    const insert = `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at, notes_enc) VALUES ($1, $2, 'Robin', now(), $3, $3, $4, $5)`;
    await c.query(insert, [WITH_NOTES, 'K7Q-4M9', STAFF, UPDATED, Buffer.from(encryptField(OLD_NOTES, `participant:${WITH_NOTES}:notes`)!)]);
    await c.query(insert, [WITHOUT, 'K7Q-4MA', STAFF, UPDATED, null]);

    await migrate(database.url, { log: () => {} });
    const rows = async () =>
      (
        await c.query(
          `SELECT n.id, n.participant_id, k.key, n.written_at, n.author_id, n.migrated, n.text_enc FROM participant_note n JOIN note_kind k ON k.id = n.kind_id`,
        )
      ).rows;
    const [entry, ...others] = await rows();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ participant_id: WITH_NOTES, key: 'note', written_at: new Date(UPDATED), author_id: null, migrated: true, text_enc: null });
    // SQL cannot re-bind the ciphertext: it waits, still encrypted, in the old column.
    const waiting = (await c.query(`SELECT notes_enc FROM participant WHERE id = $1`, [WITH_NOTES])).rows[0].notes_enc as Buffer;
    expect(decryptField(waiting, `participant:${WITH_NOTES}:notes`)).toBe(OLD_NOTES);
    expect(waiting.includes(Buffer.from('side door'))).toBe(false);

    const operator = createDb(database.url, 1);
    cleanup.push(() => operator.$disconnect());
    expect(await moveOldNotes(operator)).toBe(1);
    const [moved] = await rows();
    expect(decryptField(moved.text_enc, `participant_note:${moved.id}:text`)).toBe(OLD_NOTES);
    expect(() => decryptField(moved.text_enc, `participant:${WITH_NOTES}:notes`)).toThrow();
    expect((await c.query(`SELECT count(notes_enc)::int AS n FROM participant`)).rows[0].n).toBe(0);
    expect(await moveOldNotes(operator)).toBe(0); // idempotent
  });
});
