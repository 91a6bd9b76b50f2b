// The restore's one transaction: with every user trigger off (append-only guards, validations,
// history and hash-chain triggers must not fire: their tables are copied as they were), empty the
// migrated tables, insert each table's rows in foreign-key order, check the counts, set the
// sequences, put the triggers back as they were, and commit only after the file's last byte has
// passed the GCM check. Foreign keys stay on (PostgreSQL's internal triggers are not "user"
// triggers); a key the order cannot satisfy (a self-reference) is checked at the end instead.
import type { Readable } from 'node:stream';
import pg from 'pg';
import { BackupError, damaged, readError } from './file.ts';
import type { BackupHeader, Progress } from './dump.ts';
import { backwardKeys, listForeignKeys, listTables, quoteIdent, type TableInfo } from './catalog.ts';

const BATCH_CHARS = 8 * 1024 * 1024;

/** The dump's lines, one at a time; any read error comes out as one plain BackupError. */
export async function* readLines(stream: Readable): AsyncGenerator<string, void, undefined> {
  stream.setEncoding('utf8');
  let rest = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      const parts = (rest + chunk).split('\n');
      rest = parts.pop()!;
      yield* parts;
    }
  } catch (e) {
    throw readError(e);
  } finally {
    stream.destroy();
  }
  if (rest !== '') throw damaged();
}

type Lines = AsyncGenerator<string, void, undefined>;

export type LoadOptions = {
  onProgress?: (p: Progress) => void;
  /** Rows per INSERT (default 1000); a batch also ends at 8 MB of text. */
  batchRows?: number;
};

export async function loadTables(connectionString: string, header: BackupHeader, lines: Lines, opts: LoadOptions = {}) {
  const client = new pg.Client({ connectionString, application_name: 'lantern-restore' });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query('BEGIN');
    const tables = await matchTables(client, header);
    const triggers = (
      await client.query<{ table: string; name: string; enabled: string }>(`SELECT c.relname AS table,
      t.tgname AS name, t.tgenabled::text AS enabled FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND NOT t.tgisinternal`)
    ).rows;
    for (const t of tables) await client.query(`ALTER TABLE ${quoteIdent(t.name)} DISABLE TRIGGER USER`);
    const deferred = backwardKeys(
      tables.map((t) => t.name),
      await listForeignKeys(client),
    );
    for (const k of deferred) {
      await client.query(
        k.deferrable
          ? `SET CONSTRAINTS ${quoteIdent(k.name)} DEFERRED`
          : `ALTER TABLE ${quoteIdent(k.table)} ALTER CONSTRAINT ${quoteIdent(k.name)} DEFERRABLE INITIALLY DEFERRED`,
      );
    }
    await client.query(`TRUNCATE ${tables.map((t) => quoteIdent(t.name)).join(', ')}`);
    await insertAll(client, header, tables, lines, opts);
    await expectEnd(lines);
    await client.query('SET CONSTRAINTS ALL IMMEDIATE'); // checks the deferred keys now
    for (const k of deferred.filter((k) => !k.deferrable)) {
      await client.query(`ALTER TABLE ${quoteIdent(k.table)} ALTER CONSTRAINT ${quoteIdent(k.name)} NOT DEFERRABLE`);
    }
    for (const t of triggers) {
      const how = { O: 'ENABLE', A: 'ENABLE ALWAYS', R: 'ENABLE REPLICA' }[t.enabled];
      if (how) await client.query(`ALTER TABLE ${quoteIdent(t.table)} ${how} TRIGGER ${quoteIdent(t.name)}`);
    }
    for (const s of header.sequences) {
      await client.query('SELECT setval($1::regclass, $2::bigint, $3)', [quoteIdent(s.name), s.lastValue, s.isCalled]);
    }
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await client.end().catch(() => {});
  }
}

/** The migrated database's tables, in the backup's order; refuses if they differ from the backup's. */
async function matchTables(client: pg.Client, header: BackupHeader): Promise<TableInfo[]> {
  const here = new Map((await listTables(client)).map((t) => [t.name, t]));
  const names = (t: TableInfo) => t.columns.map((c) => c.name).join(', ');
  for (const t of header.tables) {
    const mine = here.get(t.name);
    if (!mine) throw new BackupError(`table ${t.name} in the backup does not exist in the migrated database`);
    if (names(mine) !== names(t)) throw new BackupError(`table ${t.name} in the backup has other columns than in the migrated database`);
  }
  const extra = [...here.keys()].filter((n) => !header.tables.some((t) => t.name === n));
  if (extra.length > 0) throw new BackupError(`the migrated database has tables the backup has not (${extra.join(', ')})`);
  return header.tables.map((t) => here.get(t.name)!);
}

async function insertAll(client: pg.Client, header: BackupHeader, tables: TableInfo[], lines: Lines, { onProgress, batchRows = 1000 }: LoadOptions) {
  const totalRows = header.tables.reduce((n, t) => n + t.rows, 0);
  let done = 0;
  for (const [i, table] of tables.entries()) {
    const expected = header.tables[i]!.rows;
    let batch: string[] = [];
    let chars = 0;
    const flush = async () => {
      if (batch.length === 0) return;
      await client.query(insertSql(table), [batch]);
      done += batch.length;
      [batch, chars] = [[], 0];
      onProgress?.({ tablesDone: i, tables: tables.length, rows: done, totalRows });
    };
    for (let n = 0; n < expected; n++) {
      const next = await lines.next();
      if (next.done) throw damaged();
      const row = parseRow(next.value);
      batch.push(row);
      chars += row.length;
      if (batch.length >= batchRows || chars >= BATCH_CHARS) await flush();
    }
    await flush();
    onProgress?.({ tablesDone: i + 1, tables: tables.length, rows: done, totalRows });
  }
}

function parseRow(line: string): string {
  try {
    const row: unknown = JSON.parse(line);
    if (typeof row === 'string') return row;
  } catch {
    // falls through: not a row where a row must be
  }
  throw damaged();
}

// Each row's text form is cast back to the table's row type (PostgreSQL's own input of every
// column's type), then its stored columns inserted; generated ones are computed again.
function insertSql(table: TableInfo): string {
  const cols = table.columns.filter((c) => !c.generated).map((c) => quoteIdent(c.name));
  const overriding = table.identityAlways ? ' OVERRIDING SYSTEM VALUE' : '';
  return `INSERT INTO ${quoteIdent(table.name)} (${cols.join(', ')})${overriding}
    SELECT ${cols.map((c) => `(r).${c}`).join(', ')} FROM (SELECT x::${quoteIdent(table.name)} AS r FROM unnest($1::text[]) AS x) s`;
}

/** The end mark, then the end of the stream itself, which is when GCM's tag has been checked. */
async function expectEnd(lines: Lines): Promise<void> {
  const last = await lines.next();
  let end: { end?: unknown } | undefined;
  try {
    end = last.done ? undefined : JSON.parse(last.value);
  } catch {
    end = undefined;
  }
  if (end?.end !== true) throw damaged();
  if (!(await lines.next()).done) throw damaged();
}
