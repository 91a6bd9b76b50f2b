import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixClock } from '../../calendar/clock.ts';
import { migrate } from '../migrate.ts';
import { freshDatabase, withDatabase, type TestDatabase } from '../test/servers.ts';
import { seedDemoIfEmpty } from '../../../prisma/seed.ts';
import { defaultBackupName, writeBackup } from './dump.ts';
import { restoreBackup } from './restore.ts';
import { addLiveRows, fingerprint, sql, tableCount } from './test-helpers.ts';

const key = randomBytes(32);
const dir = mkdtempSync(path.join(tmpdir(), 'lantern-backup-test-'));
const databases: TestDatabase[] = [];
async function fresh(): Promise<TestDatabase> {
  const db = await freshDatabase();
  databases.push(db);
  return db;
}

let source: TestDatabase;
let file: string;

beforeAll(async () => {
  source = await fresh();
  await migrate(source.url);
  await seedDemoIfEmpty(source.url, () => {});
  await addLiveRows(source.url);
  file = path.join(dir, 'demo.backup');
  await writeBackup(source.url, file, { key });
}, 300_000);

afterAll(async () => {
  for (const db of databases) await db.drop().catch(() => {});
  rmSync(dir, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores every table row for row, the sequences, and the triggers as they were', async () => {
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const before = await fingerprint(source.url);
    // Every table the demo fills, and the live rows beside them, are in the backup.
    for (const t of [
      'participant',
      'visit',
      'booking',
      'referral',
      'alert_report',
      'stay_log_entry',
      'attendance',
      'outreach_contact',
      'audit_event',
      'audit_chain',
      'login_attempt',
      'setting',
      '_prisma_migrations',
    ]) {
      expect(before.tables[t], t).not.toMatch(/^0:/);
    }
    const target = await fresh();
    const progress: number[] = [];
    // Small batches: the merged participant's row is inserted before the one it points at.
    await restoreBackup(target.url, file, { key, batchRows: 7, onProgress: (p) => progress.push(p.tablesDone) });
    expect(await fingerprint(target.url)).toEqual(before);
    expect(progress.at(-1)).toBe(Object.keys(before.tables).length);

    // Encrypted columns came back byte for byte, and the hash chain still verifies.
    const [enc] = await sql<{ n: number }>(
      target.url,
      'SELECT count(*)::int AS n FROM participant WHERE notes_enc IS NOT NULL OR safe_contact_enc IS NOT NULL',
    );
    expect(enc!.n).toBeGreaterThan(0);
    const [chain] = await sql<{ problem: string | null; checked: string }>(
      target.url,
      `SELECT problem, checked::text FROM audit_chain_check(0, '\\x${'00'.repeat(32)}'::bytea, (SELECT max(seq) FROM audit_chain), 1000000)`,
    );
    expect(chain).toEqual({ problem: null, checked: before.tables.audit_chain!.split(':')[0] });
    // The triggers work again: the log is append-only, and a new event is chained at commit.
    await expect(sql(target.url, 'DELETE FROM audit_event')).rejects.toThrow(/append-only|not allowed|cannot/i);
    await sql(target.url, `INSERT INTO audit_event (action, outcome, entity_type) VALUES ('system.test', 'ok', 'system')`);
    const [chained] = await sql<{ n: number }>(target.url, 'SELECT count(*)::int AS n FROM audit_event e JOIN audit_chain c ON c.event_id = e.id');
    expect(chained!.n).toBe(Number(before.tables.audit_event!.split(':')[0]) + 1);
  });

  it('refuses a database that has data, and changes nothing in it', async () => {
    const before = await fingerprint(source.url);
    await expect(restoreBackup(source.url, file, { key })).rejects.toThrow(/^the database is not empty \(table \w+ has rows\)/);
    expect(await fingerprint(source.url)).toEqual(before);
  });

  it('refuses a wrong key and a damaged or cut-short file before touching the database', async () => {
    const target = await fresh();
    await expect(restoreBackup(target.url, file, { key: randomBytes(32) })).rejects.toThrow(/made with another key/);
    const bytes = readFileSync(file);
    const cut = path.join(dir, 'cut.backup');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expect(restoreBackup(target.url, cut, { key })).rejects.toThrow(/damaged or incomplete/);
    const flipped = Buffer.from(bytes);
    flipped[Math.floor(bytes.length / 2)]! ^= 1;
    writeFileSync(cut, flipped);
    await expect(restoreBackup(target.url, cut, { key })).rejects.toThrow(/damaged or incomplete/);
    writeFileSync(cut, 'not a backup');
    await expect(restoreBackup(target.url, cut, { key })).rejects.toThrow(/is not a Lantern backup/);
    expect(await tableCount(target.url)).toBe(0);
  });

  it('refuses a backup with migrations this code does not know', async () => {
    const older = await subsetOfMigrations(1);
    const target = await fresh();
    await expect(restoreBackup(target.url, file, { key, migrationsDir: older.dir })).rejects.toThrow(
      new RegExp(`has migrations this version of Lantern does not know \\(${older.left[0]}\\)`),
    );
    expect(await tableCount(target.url)).toBe(0);
    await rm(older.dir, { recursive: true });
  });

  it('restores an older backup at its own migrations, then applies the newer ones', async () => {
    const older = await subsetOfMigrations(2);
    const old = await fresh();
    await migrate(old.url, { migrationsDir: older.dir });
    await sql(
      old.url,
      `INSERT INTO staff_user (id, email, display_name, role, password_hash, updated_at)
      VALUES (gen_random_uuid(), 'old@example.org', 'Old', 'coordinator', 'x', now())`,
    );
    const oldFile = path.join(dir, 'old.backup');
    await writeBackup(old.url, oldFile, { key });
    const target = await fresh();
    const { applied } = await restoreBackup(target.url, oldFile, { key });
    expect(applied).toEqual(older.left);
    expect(await sql(target.url, 'SELECT email FROM staff_user')).toEqual([{ email: 'old@example.org' }]);
    await rm(older.dir, { recursive: true });
  });

  it.runIf(process.env.TEST_SERVER_URL)('restores as the database owner, who is no superuser', async () => {
    const server = process.env.TEST_SERVER_URL!;
    const role = `lantern_backup_owner_${randomBytes(3).toString('hex')}`;
    const name = `${role}_db`;
    await sql(withDatabase(server, 'postgres'), `CREATE ROLE ${role} LOGIN NOSUPERUSER`);
    try {
      await sql(withDatabase(server, 'postgres'), `CREATE DATABASE ${name} OWNER ${role}`);
      const url = new URL(withDatabase(server, name));
      url.username = role;
      url.password = '';
      await restoreBackup(url.toString(), file, { key });
      expect((await fingerprint(url.toString())).tables).toEqual((await fingerprint(source.url)).tables);
    } finally {
      await sql(withDatabase(server, 'postgres'), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await sql(withDatabase(server, 'postgres'), `DROP ROLE IF EXISTS ${role}`);
    }
  });

  // On a server only: the embedded one runs one transaction at a time, so there a write waits for
  // the dump to end (and this test's write, awaited by the dump, would never run).
  it.runIf(process.env.TEST_SERVER_URL)('is one snapshot: what commits while the dump runs is not in it', async () => {
    const db = await fresh();
    await migrate(db.url);
    const addStaff = (email: string) =>
      sql(
        db.url,
        `WITH s AS (INSERT INTO staff_user (id, email, display_name, role, password_hash, updated_at)
      VALUES (gen_random_uuid(), $1, 'S', 'peer', 'h', now()) RETURNING id)
      INSERT INTO audit_event (actor_id, actor_role, action, entity_type, entity_id) SELECT id, 'peer', 'staff_user.created', 'staff_user', id::text FROM s`,
        [email],
      );
    await addStaff('first@example.org');
    const before = await fingerprint(db.url);
    const during = path.join(dir, 'during.backup');
    let wrote = false;
    await writeBackup(db.url, during, {
      key,
      onProgress: async (p) => {
        if (p.tablesDone !== 1 || wrote) return;
        wrote = true; // after the first table, rows for tables still to come (and their hash chain)
        await addStaff('second@example.org');
      },
    });
    expect(wrote).toBe(true);
    const target = await fresh();
    await restoreBackup(target.url, during, { key });
    expect((await fingerprint(target.url)).tables).toEqual(before.tables);
    expect((await fingerprint(db.url)).tables.staff_user).toMatch(/^2:/);
  });

  it('names the file by the program clock, with no personal data', () => {
    fixClock('2026-12-06T10:30:05.123Z');
    expect(defaultBackupName()).toBe('lantern-2026-12-06T103005Z.backup');
  });
});

/** A migrations folder without the newest `drop` migrations (a backup made before them). */
async function subsetOfMigrations(drop: number): Promise<{ dir: string; left: string[] }> {
  const all = path.resolve(import.meta.dirname, '../../../prisma/migrations');
  const names = (await readdir(all, { withFileTypes: true }))
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const subset = await mkdtemp(path.join(tmpdir(), 'lantern-migrations-'));
  for (const n of names.slice(0, -drop)) await cp(path.join(all, n), path.join(subset, n), { recursive: true });
  return { dir: subset, left: names.slice(-drop) };
}
