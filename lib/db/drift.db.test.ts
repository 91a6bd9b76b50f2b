// prisma/schema.prisma and prisma/migrations must describe the same database. Prisma's own schema
// engine replays the migrations on a throwaway database and diffs the result against the schema,
// as `prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma
// --exit-code` does. To fix a failure, put the printed SQL in a new migration:
//   npx tsx scripts/migrate-diff.ts > prisma/migrations/<timestamp>_<name>/migration.sql
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { diffMigrationsToSchema } from './drift.ts';
import { freshDatabase } from './test/servers.ts';

const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const drop of drops) await drop();
});

/** Where migrations are replayed: a database created on the test server, or a fresh embedded one. */
async function shadowDb(): Promise<{ adminUrl: string } | { url: string }> {
  if (process.env.TEST_SERVER_URL) return { adminUrl: process.env.TEST_SERVER_URL };
  const db = await freshDatabase();
  drops.push(db.drop);
  return { url: db.url };
}
const MIGRATIONS = path.resolve('prisma/migrations');
const SCHEMA = path.resolve('prisma/schema.prisma');
const work = mkdtempSync(path.join(tmpdir(), 'lantern-drift-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A copy of the project's schema and migrations, to break on purpose. */
function copyProject(name: string) {
  const dir = path.join(work, name);
  cpSync(MIGRATIONS, path.join(dir, 'migrations'), { recursive: true });
  cpSync(SCHEMA, path.join(dir, 'schema.prisma'));
  return { migrationsDir: path.join(dir, 'migrations'), schemaPath: path.join(dir, 'schema.prisma') };
}

describe('schema.prisma and the migrations', () => {
  it('agree (no drift)', async () => {
    const result = await diffMigrationsToSchema({ migrationsDir: MIGRATIONS, schemaPath: SCHEMA, shadow: await shadowDb() });
    expect(result.drift, `schema.prisma needs a migration with this SQL:\n${result.sql}`).toBe(false);
  });

  it('disagree when a model field is added without a migration', async () => {
    const copy = copyProject('field-without-migration');
    const schema = readFileSync(copy.schemaPath, 'utf8');
    const broken = schema.replace(/^model StaffUser \{\n/m, '$&  nickname String? @map("nickname")\n');
    expect(broken).not.toBe(schema);
    writeFileSync(copy.schemaPath, broken);
    const result = await diffMigrationsToSchema({ ...copy, shadow: await shadowDb() });
    expect(result.drift).toBe(true);
    expect(result.sql).toMatch(/ALTER TABLE "staff_user" ADD COLUMN\s+"nickname" TEXT;/);
  });

  it('disagree when a migration adds a column, index or cascade the schema lacks', async () => {
    const copy = copyProject('migration-without-field');
    mkdirSync(path.join(copy.migrationsDir, '99991231000000_drift_probe'));
    writeFileSync(
      path.join(copy.migrationsDir, '99991231000000_drift_probe', 'migration.sql'),
      [
        'ALTER TABLE "setting" ADD COLUMN "note" TEXT;',
        'CREATE INDEX "login_attempt_success_idx" ON "login_attempt"("success");',
        'ALTER TABLE "auth_session" DROP CONSTRAINT "auth_session_user_id_fkey";',
        'ALTER TABLE "auth_session" ADD CONSTRAINT "auth_session_user_id_fkey" FOREIGN KEY ("user_id")',
        '  REFERENCES "staff_user"("id") ON DELETE RESTRICT ON UPDATE CASCADE;',
      ].join('\n'),
    );
    const result = await diffMigrationsToSchema({ ...copy, shadow: await shadowDb() });
    expect(result.drift).toBe(true);
    expect(result.sql).toContain('ALTER TABLE "setting" DROP COLUMN "note";');
    expect(result.sql).toContain('DROP INDEX "login_attempt_success_idx";');
    expect(result.sql).toMatch(/"auth_session_user_id_fkey" FOREIGN KEY .* ON DELETE CASCADE/);
  });
});
