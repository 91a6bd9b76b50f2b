// Restores a backup into an empty database: refuses a database with data, and a backup with
// migrations this code does not know (or knows with other contents); migrates the database to the
// backup's migrations, loads every table in one transaction (load.ts), then applies the migrations
// the backup predates, exactly as an upgrade would.
import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { checksum, migrate } from '../migrate.ts';
import { BackupError, damaged, openBackupFile, verifyBackupFile } from './file.ts';
import { FORMAT, FORMAT_VERSION, type BackupHeader } from './dump.ts';
import { loadTables, readLines, type LoadOptions } from './load.ts';
import { quoteIdent } from './catalog.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../../prisma/migrations', import.meta.url));
// Rows every installation starts with, inserted by migrations: a database holding only these is
// empty. The restore replaces them with the backup's.
const STARTER_TABLES = new Set(['_prisma_migrations', 'service_type', 'outreach_option']);

export type RestoreOptions = LoadOptions & { key: Buffer; log?: (m: string) => void; migrationsDir?: string };

/** Restores `file` into the empty database at `connectionString`. Operators only: scripts/restore.ts. */
export async function restoreBackup(connectionString: string, file: string, opts: RestoreOptions): Promise<{ header: BackupHeader; applied: string[] }> {
  const log = opts.log ?? (() => {});
  const migrationsDir = opts.migrationsDir ?? MIGRATIONS_DIR;
  await verifyBackupFile(file, opts.key);
  const lines = readLines(await openBackupFile(file, opts.key));
  try {
    const header = parseHeader((await lines.next()).value ?? undefined);
    const known = await migrationsOnDisk(migrationsDir);
    checkMigrations(header, known);
    await refuseNonEmpty(connectionString, header);
    const backupNames = new Set(header.migrations.map((m) => m.name));
    const later = [...known.keys()].filter((n) => !backupNames.has(n));
    await migrateTo(connectionString, migrationsDir, later.length > 0 ? backupNames : undefined, log);
    await loadTables(connectionString, header, lines, opts);
    const applied = later.length > 0 ? (await migrate(connectionString, { log, migrationsDir })).applied : [];
    return { header, applied };
  } finally {
    await lines.return(undefined).catch(() => {});
  }
}

function parseHeader(line: string | undefined): BackupHeader {
  let header: BackupHeader;
  try {
    header = JSON.parse(line ?? '') as BackupHeader;
  } catch {
    throw damaged();
  }
  if (header?.format !== FORMAT || !Array.isArray(header.tables) || !Array.isArray(header.migrations)) throw damaged();
  if (header.version !== FORMAT_VERSION) {
    throw new BackupError(`this backup is in format version ${header.version}; this version of Lantern reads version ${FORMAT_VERSION}`);
  }
  return header;
}

async function migrationsOnDisk(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const files = await Promise.all(names.map((n) => readFile(path.join(dir, n, 'migration.sql')).catch(() => undefined)));
  return new Map(names.flatMap((n, i) => (files[i] ? [[n, files[i]] as const] : [])));
}

function checkMigrations(header: BackupHeader, known: Map<string, Buffer>): void {
  const unknown = header.migrations.filter((m) => !known.has(m.name)).map((m) => m.name);
  if (unknown.length > 0) {
    throw new BackupError(
      `this backup has migrations this version of Lantern does not know (${unknown.join(', ')}): ` + 'restore it with the version that made it, or a newer one',
    );
  }
  const edited = header.migrations.filter((m) => {
    const text = known.get(m.name)!.toString('utf8');
    return ![known.get(m.name)!, text.replace(/\r\n/g, '\n'), text.replace(/\n/g, '\r\n')].some((v) => checksum(v) === m.checksum);
  });
  if (edited.length > 0) {
    throw new BackupError(
      `this backup's migration ${edited[0]!.name} differs from this version's file of that name: ` + 'restore it with the version that made it',
    );
  }
}

/** Refuses unless the database has no tables, or only the rows its migrations put there. */
async function refuseNonEmpty(connectionString: string, header: BackupHeader): Promise<void> {
  const client = new pg.Client({ connectionString, application_name: 'lantern-restore' });
  client.on('error', () => {});
  await client.connect().catch((e: Error) => {
    throw new BackupError(`cannot connect to the database: ${e.message.replace(/\s+/g, ' ')}`);
  });
  try {
    const { rows: tables } = await client.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')`);
    if (tables.length === 0) return;
    const names = new Set(tables.map((t) => t.name));
    if (!names.has('_prisma_migrations')) throw notEmpty('it has tables and is not a Lantern database');
    for (const { name } of tables) {
      if (STARTER_TABLES.has(name)) continue;
      const { rows } = await client.query(`SELECT 1 FROM ${quoteIdent(name)} LIMIT 1`);
      if (rows.length > 0) throw notEmpty(`table ${name} has rows`);
    }
    const inBackup = new Set(header.migrations.map((m) => m.name));
    const { rows: ahead } = await client.query<{ name: string }>(
      'SELECT migration_name AS name FROM _prisma_migrations WHERE rolled_back_at IS NULL ORDER BY started_at',
    );
    const newer = ahead.filter((m) => !inBackup.has(m.name));
    if (newer.length > 0) throw notEmpty(`it is already migrated past this backup (${newer[0]!.name}); use a database with no tables`);
  } finally {
    await client.end().catch(() => {});
  }
}

const notEmpty = (why: string) => new BackupError(`the database is not empty (${why}): restore only into an empty database; nothing was changed`);

/** Migrates to exactly the backup's migrations (`only`), or to all of them when it has them all. */
async function migrateTo(connectionString: string, dir: string, only: Set<string> | undefined, log: (m: string) => void) {
  if (!only) return void (await migrate(connectionString, { log, migrationsDir: dir }));
  const subset = await mkdtemp(path.join(tmpdir(), 'lantern-restore-'));
  try {
    for (const name of only) await cp(path.join(dir, name), path.join(subset, name), { recursive: true });
    await cp(path.join(dir, 'migration_lock.toml'), path.join(subset, 'migration_lock.toml')).catch(() => {});
    await migrate(connectionString, { log, migrationsDir: subset });
  } finally {
    await rm(subset, { recursive: true, force: true });
  }
}
