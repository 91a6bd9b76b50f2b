// Writes a backup of a whole Lantern database: one REPEATABLE READ READ ONLY transaction (every
// table as of one instant), rows read through a cursor in primary-key order as each row's text form
// (`t::text`, PostgreSQL's own output of every column's type), streamed through gzip and
// AES-256-GCM into the file. pg_dump is not used: Debian's pg_dump 15 refuses the embedded
// PostgreSQL 18, and the `pg` driver speaks no COPY; a cursor works on both servers alike.
//
// The dump inside the encryption is lines of JSON: the header, then each table's rows (one JSON
// string per row) in foreign-key order, then {"end": true}.
import { constants } from 'node:fs';
import { access, chmod, open, rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { programNow } from '../../calendar/clock.ts';
import { BackupError, encryptingStream } from './file.ts';
import { foreignKeyOrder, listForeignKeys, listSequences, listTables, quoteIdent, type TableInfo } from './catalog.ts';

export const FORMAT = 'lantern-backup';
export const FORMAT_VERSION = 1;

export type BackupHeader = {
  format: typeof FORMAT;
  version: number;
  createdAt: string;
  server: string;
  /** Migrations applied to the database (finished, not rolled back), in the order applied. */
  migrations: { name: string; checksum: string }[];
  tables: (TableInfo & { rows: number })[];
  /** Read inside the snapshot's transaction; a sequence only moves forward, so these cover its rows. */
  sequences: { name: string; lastValue: string; isCalled: boolean }[];
};

export type Progress = { tablesDone: number; tables: number; rows: number; totalRows: number };
export type BackupOptions = {
  key: Buffer;
  /** Awaited before the dump goes on (a test writes to the database meanwhile). */
  onProgress?: (p: Progress) => void | Promise<void>;
  batchRows?: number;
};

/** A file name with no personal data: the instant, from the program clock. */
export function defaultBackupName(now: Date = programNow()): string {
  return `lantern-${now
    .toISOString()
    .slice(0, 19)
    .replace(/[-:]/g, '')
    .replace(/^(\d{4})(\d{2})(\d{2})/, '$1-$2-$3')}Z.backup`;
}

/** Writes the backup to `file` (mode 0600; refuses to overwrite). Operators only: scripts/backup.ts. */
export async function writeBackup(connectionString: string, file: string, opts: BackupOptions): Promise<BackupHeader> {
  if (
    await access(file, constants.F_OK).then(
      () => true,
      () => false,
    )
  )
    throw new BackupError(`${file} exists already`);
  const client = new pg.Client({ connectionString, application_name: 'lantern-backup' });
  client.on('error', () => {}); // a dropped connection surfaces as a failed query
  await client.connect().catch((e: Error) => {
    throw new BackupError(`cannot connect to the database: ${e.message.replace(/\s+/g, ' ')}`);
  });
  const partial = `${file}.partial`;
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const header = await readHeader(client);
    const { prefix, encrypt } = encryptingStream(opts.key);
    const out = await open(partial, 'wx', 0o600);
    await chmod(partial, 0o600); // whatever the umask
    await out.write(prefix);
    await pipeline(Readable.from(dumpLines(client, header, opts)), createGzip(), encrypt, out.createWriteStream());
    await client.query('COMMIT');
    await rename(partial, file);
    return header;
  } catch (e) {
    await rm(partial, { force: true });
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

async function readHeader(client: pg.Client): Promise<BackupHeader> {
  const hasMigrations = (await client.query<{ t: string | null }>(`SELECT to_regclass('_prisma_migrations')::text AS t`)).rows[0]?.t;
  if (!hasMigrations) throw new BackupError('the database has no _prisma_migrations table: it is not a Lantern database');
  const migrations = (
    await client.query<{ name: string; checksum: string }>(`SELECT migration_name AS name, checksum
    FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY started_at, migration_name`)
  ).rows;
  const tables = await listTables(client);
  const order = foreignKeyOrder(
    tables.map((t) => t.name),
    await listForeignKeys(client),
  );
  const byName = new Map(tables.map((t) => [t.name, t]));
  const counted = [];
  for (const name of order) {
    const { rows } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM ONLY ${quoteIdent(name)}`);
    counted.push({ ...byName.get(name)!, rows: Number(rows[0]!.n) });
  }
  const sequences = [];
  for (const name of await listSequences(client)) {
    const { rows } = await client.query<{ last_value: string; is_called: boolean }>(`SELECT last_value::text, is_called FROM ${quoteIdent(name)}`);
    sequences.push({ name, lastValue: rows[0]!.last_value, isCalled: rows[0]!.is_called });
  }
  const server = (await client.query<{ v: string }>(`SELECT current_setting('server_version') AS v`)).rows[0]!.v;
  return { format: FORMAT, version: FORMAT_VERSION, createdAt: programNow().toISOString(), server, migrations, tables: counted, sequences };
}

async function* dumpLines(client: pg.Client, header: BackupHeader, opts: BackupOptions): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  const totalRows = header.tables.reduce((n, t) => n + t.rows, 0);
  let rows = 0;
  for (const [i, table] of header.tables.entries()) {
    const order = table.primaryKey.length > 0 ? ` ORDER BY ${table.primaryKey.map(quoteIdent).join(', ')}` : '';
    await client.query(`DECLARE lantern_backup NO SCROLL CURSOR FOR SELECT t::text AS r FROM ONLY ${quoteIdent(table.name)} t${order}`);
    let seen = 0;
    for (;;) {
      const batch = await client.query<{ r: string }>(`FETCH ${opts.batchRows ?? 2000} FROM lantern_backup`);
      if (batch.rows.length === 0) break;
      seen += batch.rows.length;
      yield batch.rows.map((row) => `${JSON.stringify(row.r)}\n`).join('');
      await opts.onProgress?.({ tablesDone: i, tables: header.tables.length, rows: rows + seen, totalRows });
    }
    await client.query('CLOSE lantern_backup');
    // Counted in the same snapshot, so a difference is a bug, not a concurrent write.
    if (seen !== table.rows) throw new Error(`table ${table.name}: counted ${table.rows} rows but read ${seen}`);
    rows += seen;
    await opts.onProgress?.({ tablesDone: i + 1, tables: header.tables.length, rows, totalRows });
  }
  yield `${JSON.stringify({ end: true, tables: header.tables.length, rows })}\n`;
}
