// Applies prisma/migrations/*/migration.sql and records them exactly as `prisma migrate deploy` does
// (same `_prisma_migrations` table, sha256 checksums, row life cycle, advisory lock key), because
// Prisma's native schema engine cannot be installed everywhere this project runs. Where it can,
// `prisma migrate deploy` / `prisma migrate status` see our runs as their own and vice versa.
// Reference: prisma-engines schema-engine/core/src/commands/apply_migrations.rs and the SQL
// connector's migration persistence and Postgres flavour.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** A refusal or failure with a one-line, human-readable message naming the migration. */
export class MigrationError extends Error {
  override name = 'MigrationError';
}

export interface MigrateOptions {
  log?: (m: string) => void;
  migrationsDir?: string;
  /** How long to wait for another run (ours or Prisma's) holding the lock. Default 10 minutes. */
  lockTimeoutMs?: number;
}

// Prisma Migrate's advisory lock key: taking the same one makes our runs and `prisma migrate deploy`
// exclude each other.
const PRISMA_LOCK_KEY = 72707369;
const DEFAULT_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Prisma's DDL (sql-schema-connector, postgres flavour), verbatim.
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

interface DiskMigration {
  name: string;
  bytes: Buffer;
}
interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  started_at: Date;
}

export function checksum(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

// Like Prisma's script_matches_checksum: a git checkout that converted line endings, or a checksum
// written by old engines without zero padding, still counts as the same file.
function matchesChecksum(bytes: Buffer, recorded: string): boolean {
  const text = bytes.toString('utf8');
  const variants = [bytes, text.replace(/\r\n/g, '\n'), text.replace(/\n/g, '\r\n')];
  return variants.some((v) => {
    const digest = createHash('sha256').update(v).digest();
    const hex = recorded.length === 64 || recorded === '' ? digest.toString('hex') : [...digest].map((b) => b.toString(16)).join('');
    return hex === recorded;
  });
}

async function readMigrations(dir: string): Promise<DiskMigration[]> {
  if (!existsSync(dir)) throw new MigrationError(`migrations directory ${dir} does not exist`);
  const lockfile = path.join(dir, 'migration_lock.toml'); // Prisma refuses a provider switch too
  const provider = existsSync(lockfile) && /^\s*provider\s*=\s*"([^"]*)"/m.exec(await readFile(lockfile, 'utf8'))?.[1];
  if (provider && provider !== 'postgresql') throw new MigrationError(`${dir} holds migrations for ${provider}`);
  const entries = await readdir(dir, { withFileTypes: true });
  // Same order as Prisma's listMigrations (localeCompare on directory names).
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  return Promise.all(
    names.map(async (name) => {
      const file = path.join(dir, name, 'migration.sql');
      if (!existsSync(file)) throw new MigrationError(`migration ${name} has no migration.sql`);
      return { name, bytes: await readFile(file) };
    }),
  );
}

// Prisma stores its P3018 message in `logs` when a migration fails; ours has the same shape,
// including the numbered lines up to the error position.
function failureLogs(name: string, script: string, err: pg.DatabaseError): string {
  const line = script.slice(0, Number(err.position) || 0).split('\n').length; // 1-based
  const shown = script
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)} ${l}`)
    .slice(Math.max(0, line - 6), line);
  const where = err.position ? `\n\nPosition:\n${shown.join('\n')}` : '';
  const detail = [err.detail && `DETAIL: ${err.detail}`, err.hint && `HINT: ${err.hint}`].filter(Boolean);
  const dbError = [`${err.severity ?? 'ERROR'}: ${err.message}`, ...detail].join('\n');
  return (
    'A migration failed to apply. New migrations cannot be applied before the error is recovered from. ' +
    'Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve' +
    `\n\nMigration name: ${name}\n\nDatabase error code: ${err.code ?? 'none'}\n\nDatabase error:\n${dbError}${where}\n`
  );
}

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** Applies pending migrations under Prisma's advisory lock. Throws MigrationError on refusal/failure. */
export async function migrate(connectionString: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const log = opts.log ?? (() => {});
  const dir = path.resolve(opts.migrationsDir ?? DEFAULT_DIR);
  const onDisk = await readMigrations(dir);

  const client = new pg.Client({ connectionString, application_name: 'lantern-migrate' });
  client.on('error', () => {}); // a dropped connection surfaces as a failed query below
  await client.connect().catch(async (e: Error) => {
    await client.end().catch(() => {});
    throw new MigrationError(`cannot connect to the database: ${oneLine(e.message || String(e))}`);
  });
  try {
    // Prisma honours ?schema=; so do we, so the table lands where Prisma looks for it.
    const schema = URL.canParse(connectionString) && new URL(connectionString).searchParams.get('schema');
    if (schema) await client.query(`SET search_path TO "${schema.replace(/"/g, '""')}"`);
    await lock(client, opts.lockTimeoutMs ?? 600_000);
    return await applyPending(client, onDisk, dir, log);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_LOCK_KEY]).catch(() => {});
    await client.end().catch(() => {});
  }
}

async function lock(client: pg.Client, timeoutMs: number): Promise<void> {
  // pg_advisory_lock waits; lock_timeout bounds the wait (it applies to advisory locks too).
  await client.query(`SET lock_timeout = ${Math.max(1, Math.floor(timeoutMs))}`);
  await client.query('SELECT pg_advisory_lock($1)', [PRISMA_LOCK_KEY]).catch((e: pg.DatabaseError) => {
    if (e.code !== '55P03') throw e;
    throw new MigrationError(`another migration run held the migrate lock for over ${Math.round(timeoutMs / 1000)} s`);
  });
  await client.query('RESET lock_timeout');
}

async function applyPending(client: pg.Client, onDisk: DiskMigration[], dir: string, log: (m: string) => void) {
  const rows = await inTransaction(client, async () => {
    const exists = await client.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`);
    if (!exists.rows[0]?.t) {
      // Prisma refuses (P3005) to start a history on a database that already has tables.
      const tables = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c
        JOIN pg_namespace ns ON ns.oid = c.relnamespace WHERE ns.nspname = current_schema() AND c.relkind IN ('r', 'p')`);
      if ((tables.rows[0]?.n ?? 0) > 0) {
        throw new MigrationError(
          'the database schema is not empty and has no _prisma_migrations table; ' + 'baseline it first (https://pris.ly/d/migrate-baseline)',
        );
      }
      await client.query(CREATE_MIGRATIONS_TABLE);
    }
    return (
      await client.query<MigrationRow>(`SELECT migration_name, checksum, finished_at, started_at
      FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at`)
    ).rows;
  });
  const failed = rows.find((r) => r.finished_at === null);
  if (failed) throw failedError(failed);
  const byName = new Map(onDisk.map((m) => [m.name, m]));
  for (const row of rows) {
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(`migration ${row.migration_name} is applied to the database but missing from ${dir}`);
    }
    if (!matchesChecksum(file.bytes, row.checksum)) {
      throw new MigrationError(
        `migration ${row.migration_name} was edited after it was applied (checksum differs); ` +
          'restore the original file and put the change in a new migration',
      );
    }
  }
  const done = new Set(rows.map((r) => r.migration_name));
  const applied: string[] = [];
  for (const m of onDisk.filter((m) => !done.has(m.name))) {
    const started = Date.now();
    if (await applyOne(client, m, log)) {
      log(`Applied ${m.name} (${Date.now() - started} ms)`);
      applied.push(m.name);
    }
  }
  if (applied.length === 0) log('No pending migrations.');
  return { applied };
}

function failedError(row: MigrationRow): MigrationError {
  const n = row.migration_name;
  return new MigrationError(
    `migration ${n} failed (started ${row.started_at.toISOString()}) and is not resolved; ` +
      `its changes were rolled back, so fix the cause, then mark it: npx prisma migrate resolve --rolled-back ${n} ` +
      `(or UPDATE _prisma_migrations SET rolled_back_at = now() WHERE migration_name = '${n}' AND finished_at IS NULL)`,
  );
}

async function inTransaction<T>(client: pg.Client, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await fn();
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  }
}

// One transaction per migration: re-check, "started" row, script, "finished" row. The rows end up
// exactly as Prisma writes them (inserted, then applied_steps_count = 1 and finished_at), but a crash
// leaves nothing half-applied. The re-check matters on the embedded server, whose clients share one
// session (so the advisory lock cannot exclude them) but never interleave inside a transaction.
async function applyOne(client: pg.Client, m: DiskMigration, log: (m: string) => void): Promise<boolean> {
  const [id, startedAt, script, sum] = [randomUUID(), new Date(), m.bytes.toString('utf8'), checksum(m.bytes)];
  let scriptError: pg.DatabaseError | undefined;
  return inTransaction(client, async () => {
    const seen = await client.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at, started_at
      FROM _prisma_migrations WHERE rolled_back_at IS NULL AND (migration_name = $1 OR finished_at IS NULL)`,
      [m.name],
    );
    const failed = seen.rows.find((r) => r.finished_at === null);
    if (failed) throw failedError(failed);
    if (seen.rows.length > 0) return false; // another run applied it meanwhile
    log(`Applying migration ${m.name}`);
    await client.query('INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name) VALUES ($1, $2, $3, $4)', [id, sum, startedAt, m.name]);
    // The whole file as one simple query, so $$ bodies stay intact. Statements PostgreSQL refuses in
    // a transaction block (CREATE INDEX CONCURRENTLY…) are unsupported, as in a multi-statement
    // script under Prisma.
    await client.query(script).catch((e: pg.DatabaseError) => Promise.reject((scriptError = e)));
    await client.query('UPDATE _prisma_migrations SET applied_steps_count = applied_steps_count + 1, finished_at = $2 WHERE id = $1', [id, new Date()]);
    return true;
  }).catch(async (e: unknown) => {
    if (!scriptError) throw e;
    // Recorded the way a failed `prisma migrate deploy` leaves it: started, never finished, with logs.
    await client.query('INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES ($1, $2, $3, $4, $5)', [
      id,
      sum,
      startedAt,
      m.name,
      failureLogs(m.name, script, scriptError),
    ]);
    const code = scriptError.code ? ` (${scriptError.code})` : '';
    throw new MigrationError(`migration ${m.name} failed: ${oneLine(scriptError.message)}${code}; nothing from it was applied`);
  });
}
