import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, expect, it } from 'vitest';
import { migrate } from '../migrate.ts';
import { freshDatabase, type TestDatabase } from '../test/servers.ts';
import { writeBackup } from './dump.ts';
import { restoreBackup } from './restore.ts';
import { fingerprint, sql } from './test-helpers.ts';

const key = randomBytes(32);
const dir = mkdtempSync(path.join(tmpdir(), 'lantern-backup-embedded-'));
const databases: TestDatabase[] = [];
async function fresh(server: string): Promise<TestDatabase> {
  const db = await freshDatabase(server); // '' is the embedded PostgreSQL (PGlite 18)
  databases.push(db);
  return db;
}

afterAll(async () => {
  for (const db of databases) await db.drop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

it('round-trips the embedded database, and its backup restores on a PostgreSQL server too', async () => {
  const source = await fresh('');
  await migrate(source.url);
  await sql(
    source.url,
    `INSERT INTO staff_user (id, email, display_name, role, password_hash, updated_at, totp_secret, totp_enrolled_at)
    VALUES (gen_random_uuid(), 'a@example.org', 'Ä "b"', 'manager', 'h', now(), '\\x00ff10'::bytea, now())`,
  );
  await sql(
    source.url,
    `INSERT INTO audit_event (actor_role, action, entity_type, details)
    VALUES ('manager', 'staff.created', 'staff_user', '{"x": [1, "two"]}'), (NULL, 'system.test', 'system', NULL)`,
  );
  await sql(source.url, `INSERT INTO login_attempt (account_key, ip_key, success) VALUES ('a', 'b', false)`);
  const before = await fingerprint(source.url);
  expect(before.tables.audit_chain).toMatch(/^2:/);
  const file = path.join(dir, 'embedded.backup');
  await writeBackup(source.url, file, { key });

  const target = await fresh('');
  await restoreBackup(target.url, file, { key });
  expect(await fingerprint(target.url)).toEqual(before);

  // Portable: the same file restores on the server the tests run against (PostgreSQL 15 in CI).
  if (process.env.TEST_SERVER_URL) {
    const server = await fresh(process.env.TEST_SERVER_URL);
    await restoreBackup(server.url, file, { key });
    expect((await fingerprint(server.url)).tables).toEqual(before.tables);
  }
}, 180_000);
