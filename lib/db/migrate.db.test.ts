// Runs against PostgreSQL (the test server, or embedded databases): each test gets a throwaway database.
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDatabase } from './test/servers.ts';
import { migrate, MigrationError } from './migrate.ts';

const dropped: (() => Promise<void>)[] = [];
const tmpDirs: string[] = [];

afterAll(async () => {
  for (const drop of dropped) await drop();
  for (const d of tmpDirs) rmSync(d, { recursive: true, force: true });
});

/** A new empty database: on the test server when there is one, otherwise a fresh embedded one. */
async function freshDb(): Promise<string> {
  const db = await freshDatabase();
  dropped.push(db.drop);
  return db.url;
}

function migrationsDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-migrations-'));
  tmpDirs.push(dir);
  writeFileSync(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"\n');
  for (const [name, sql] of Object.entries(files)) writeMigration(dir, name, sql);
  return dir;
}
function writeMigration(dir: string, name: string, sql: string) {
  mkdirSync(path.join(dir, name), { recursive: true });
  writeFileSync(path.join(dir, name, 'migration.sql'), sql);
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

const M1 = '20260101000000_init';
const M2 = '20260102000000_functions';
const BASE = {
  [M1]: '-- CreateTable\nCREATE TABLE "thing" ("id" SERIAL PRIMARY KEY, "name" TEXT NOT NULL);\n',
  // A $$ body with semicolons inside: must reach the server as one script.
  [M2]: `CREATE FUNCTION thing_name_upper() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.name := upper(NEW.name);
  RETURN NEW;
END;
$$;
CREATE TRIGGER thing_upper BEFORE INSERT ON "thing" FOR EACH ROW EXECUTE FUNCTION thing_name_upper();
`,
};

describe('migrate', () => {
  it('applies pending migrations in order, then finds nothing to do', async () => {
    const url = await freshDb();
    const dir = migrationsDir(BASE);
    const logs: string[] = [];
    expect(await migrate(url, { migrationsDir: dir, log: (m) => logs.push(m) })).toEqual({ applied: [M1, M2] });
    expect(logs.join('\n')).toContain(`Applying migration ${M1}`);
    await query(url, `INSERT INTO thing (name) VALUES ('lamp')`);
    expect(await query(url, 'SELECT name FROM thing')).toEqual([{ name: 'LAMP' }]);

    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [] });
    // Prisma generates BEGIN/COMMIT itself for some changes (enum rewrites): still applied and recorded.
    writeMigration(dir, '20260103000000_more', 'BEGIN;\nALTER TABLE "thing" ADD COLUMN "size" INTEGER;\nCOMMIT;\n');
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: ['20260103000000_more'] });
    expect(await query(url, 'SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL')).toEqual([{ n: 3 }]);
    expect(await query(url, `SELECT column_name FROM information_schema.columns WHERE table_name = 'thing' AND column_name = 'size'`)).toHaveLength(1);
  });

  it("records rows in Prisma's exact format", async () => {
    const url = await freshDb();
    const dir = migrationsDir(BASE);
    await migrate(url, { migrationsDir: dir });
    const cols = await query(
      url,
      `SELECT column_name, data_type, character_maximum_length AS len, is_nullable, column_default
      FROM information_schema.columns WHERE table_name = '_prisma_migrations' ORDER BY ordinal_position`,
    );
    expect(cols).toEqual([
      { column_name: 'id', data_type: 'character varying', len: 36, is_nullable: 'NO', column_default: null },
      { column_name: 'checksum', data_type: 'character varying', len: 64, is_nullable: 'NO', column_default: null },
      { column_name: 'finished_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'migration_name', data_type: 'character varying', len: 255, is_nullable: 'NO', column_default: null },
      { column_name: 'logs', data_type: 'text', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'rolled_back_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'YES', column_default: null },
      { column_name: 'started_at', data_type: 'timestamp with time zone', len: null, is_nullable: 'NO', column_default: 'now()' },
      { column_name: 'applied_steps_count', data_type: 'integer', len: null, is_nullable: 'NO', column_default: '0' },
    ]);
    const pk = await query(
      url,
      `SELECT conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE conrelid = '_prisma_migrations'::regclass AND contype <> 'n'`,
    );
    expect(pk).toEqual([{ conname: '_prisma_migrations_pkey', def: 'PRIMARY KEY (id)' }]);

    const rows = await query<Record<string, unknown>>(url, 'SELECT * FROM _prisma_migrations ORDER BY started_at');
    expect(rows.map((r) => r.migration_name)).toEqual([M1, M2]);
    for (const r of rows) {
      const file = readFileSync(path.join(dir, String(r.migration_name), 'migration.sql'));
      expect(r.checksum).toBe(createHash('sha256').update(file).digest('hex'));
      expect(r.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(r).toMatchObject({ logs: null, rolled_back_at: null, applied_steps_count: 1 });
      expect((r.finished_at as Date).getTime()).toBeGreaterThanOrEqual((r.started_at as Date).getTime());
    }
  });

  it('refuses an applied migration that was edited, but not a line-ending conversion', async () => {
    const url = await freshDb();
    const dir = migrationsDir(BASE);
    await migrate(url, { migrationsDir: dir });
    const file = path.join(dir, M2, 'migration.sql');
    writeFileSync(file, BASE[M2].replace(/\n/g, '\r\n')); // what git autocrlf does on Windows
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [] });
    writeFileSync(file, BASE[M2] + '-- tweak\n');
    const err = await migrate(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toMatch(new RegExp(`migration ${M2} was edited after it was applied`));
    expect((err as Error).message).not.toContain('\n');
  });

  it('refuses when an applied migration is missing from disk', async () => {
    const url = await freshDb();
    await migrate(url, { migrationsDir: migrationsDir(BASE) });
    await expect(migrate(url, { migrationsDir: migrationsDir({ [M1]: BASE[M1] }) })).rejects.toThrow(
      `migration ${M2} is applied to the database but missing from `,
    );
  });

  it('serializes concurrent runs: all succeed, each migration is recorded once', async () => {
    const url = await freshDb();
    const dir = path.resolve('prisma/migrations'); // the project's real migrations
    const results = await Promise.all(Array.from({ length: 5 }, () => migrate(url, { migrationsDir: dir })));
    const expected = (await query(url, 'SELECT migration_name FROM _prisma_migrations')).map((r) => r.migration_name);
    expect(expected.length).toBeGreaterThan(0);
    expect(results.flatMap((r) => r.applied).sort()).toEqual([...expected].sort());
    expect(results.filter((r) => r.applied.length > 0)).toHaveLength(1);
    const dupes = await query(url, 'SELECT migration_name FROM _prisma_migrations GROUP BY 1 HAVING count(*) > 1');
    expect(dupes).toEqual([]);
  });

  it('records a failed migration like Prisma, rolls its changes back, and refuses the next start', async () => {
    const url = await freshDb();
    const bad = '20260104000000_bad';
    const dir = migrationsDir({ ...BASE, [bad]: 'CREATE TABLE "half" ("id" INT);\nSELECT * FROM "nope";\n' });
    const err = await migrate(url, { migrationsDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MigrationError);
    expect((err as Error).message).toMatch(new RegExp(`migration ${bad} failed: relation "nope" does not exist \\(42P01\\)`));

    const [row] = await query<Record<string, unknown>>(url, 'SELECT * FROM _prisma_migrations WHERE migration_name = $1', [bad]);
    expect(row).toMatchObject({ finished_at: null, rolled_back_at: null, applied_steps_count: 0 });
    expect(row!.logs).toContain(`Migration name: ${bad}`);
    expect(row!.logs).toContain('Database error code: 42P01');
    expect(await query(url, `SELECT to_regclass('half') AS t`)).toEqual([{ t: null }]);

    await expect(migrate(url, { migrationsDir: dir })).rejects.toThrow(new RegExp(`migration ${bad} failed .* not resolved`));

    // The documented way out: mark it rolled back, fix the file, run again.
    await query(url, `UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = $1`, [bad]);
    writeMigration(dir, bad, 'CREATE TABLE "half" ("id" INT);\n');
    expect(await migrate(url, { migrationsDir: dir })).toEqual({ applied: [bad] });
    expect(await query(url, 'SELECT count(*)::int AS n FROM _prisma_migrations WHERE migration_name = $1', [bad])).toEqual([{ n: 2 }]);
  });

  // The embedded server runs every client in one PostgreSQL session, where advisory locks are
  // re-entrant; there the wire server's transaction lock keeps runs apart instead (test above).
  it.runIf(process.env.TEST_SERVER_URL)("waits on Prisma's advisory lock (72707369) and gives up after the timeout", async () => {
    const url = await freshDb();
    const holder = new pg.Client({ connectionString: url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(72707369)');
    try {
      await expect(migrate(url, { migrationsDir: migrationsDir(BASE), lockTimeoutMs: 300 })).rejects.toThrow(/held the migrate lock/);
      const waiting = migrate(url, { migrationsDir: migrationsDir(BASE) });
      await new Promise((r) => setTimeout(r, 300));
      await holder.query('SELECT pg_advisory_unlock(72707369)');
      expect(await waiting).toEqual({ applied: [M1, M2] });
    } finally {
      await holder.end();
    }
  });

  it('refuses a non-empty database without migration history, and unreachable servers', async () => {
    const url = await freshDb();
    await query(url, 'CREATE TABLE stray (id INT)');
    await expect(migrate(url, { migrationsDir: migrationsDir(BASE) })).rejects.toThrow(/not empty/);
    await expect(migrate('postgresql://postgres@127.0.0.1:1/x', { migrationsDir: migrationsDir(BASE) })).rejects.toThrow(/^cannot connect to the database: /);
  });
});
