// What `npm run backup` and `npm run restore` work on: the database at DATABASE_URL when set,
// otherwise the demo's embedded database (LANTERN_DATA_DIR, default .data), opened in this process
// when the demo is not running, or reached on its usual port when it is. And the key: BACKUP_KEY,
// else ENCRYPTION_KEY (with a warning), else, for the demo's database, the demo's ENCRYPTION_KEY.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../../lib/db/embedded.ts';
import { BackupError, parseBackupKey } from '../../lib/db/backup/file.ts';
import { EnvSchema } from '../../lib/env.ts';
import type { Progress } from '../../lib/db/backup/dump.ts';

const DEMO_URL = 'postgresql://postgres@127.0.0.1:54329/postgres';

export type Target = { url: string; shown: string; close(): Promise<void> };

export async function openTarget(env: NodeJS.ProcessEnv, mustExist: boolean): Promise<Target> {
  if (env.DATABASE_URL) {
    const url = EnvSchema.shape.DATABASE_URL.safeParse(env.DATABASE_URL);
    if (!url.success) throw new BackupError(`DATABASE_URL ${url.error.issues[0]?.message ?? 'is invalid'}`);
    const shown = new URL(url.data);
    shown.password = shown.password && '***';
    return { url: url.data, shown: `the database at ${shown}`, close: async () => {} };
  }
  const dir = path.join(dataDir(env), 'pglite');
  if (mustExist && !existsSync(path.join(dir, 'PG_VERSION'))) {
    throw new BackupError(`there is no embedded database in ${dir} (set DATABASE_URL for another database)`);
  }
  try {
    const db = await startEmbeddedDatabase({ dataDir: dir, port: 0, log: () => {} });
    return { url: db.url, shown: `the embedded database in ${dir}`, close: () => db.close() };
  } catch (e) {
    if (!/in use by process/.test((e as Error).message)) throw e;
  }
  // The demo (or `npm run db`) owns the directory: go through its server on its usual port, once
  // sure that what answers there is this directory's database (the same system identifier).
  if (
    (await systemIdentifier(DEMO_URL)) !==
    readFileSync(path.join(dir, 'global', 'pg_control'))
      .readBigUInt64LE(0)
      .toString()
  ) {
    throw new BackupError(
      `the embedded database in ${dir} is in use by another process and does not answer at ${DEMO_URL}: ` +
        'stop that process, or set DATABASE_URL to the URL it printed',
    );
  }
  return { url: DEMO_URL, shown: `the running demo's database (${DEMO_URL})`, close: async () => {} };
}

async function systemIdentifier(url: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.query<{ s: string }>('SELECT system_identifier::text AS s FROM pg_control_system()')).rows[0]?.s;
  } catch {
    return undefined;
  } finally {
    await client.end().catch(() => {});
  }
}

const dataDir = (env: NodeJS.ProcessEnv) => env.LANTERN_DATA_DIR ?? '.data';

/** The backup key and, when it is not BACKUP_KEY, a warning line saying which key is used. */
export function backupKey(env: NodeJS.ProcessEnv): { key: Buffer; warning?: string } {
  if (env.BACKUP_KEY) return { key: parseBackupKey(env.BACKUP_KEY, 'BACKUP_KEY') };
  if (env.ENCRYPTION_KEY) {
    return {
      key: parseBackupKey(env.ENCRYPTION_KEY, 'ENCRYPTION_KEY'),
      warning: "BACKUP_KEY is not set: using ENCRYPTION_KEY as the backup key (set BACKUP_KEY to keep backups apart from the app's key)",
    };
  }
  const secrets = path.join(dataDir(env), 'demo-secrets.json');
  if (!env.DATABASE_URL && existsSync(secrets)) {
    const stored = JSON.parse(readFileSync(secrets, 'utf8')) as { ENCRYPTION_KEY?: string };
    if (stored.ENCRYPTION_KEY) {
      return {
        key: parseBackupKey(stored.ENCRYPTION_KEY, `ENCRYPTION_KEY in ${secrets}`),
        warning: `BACKUP_KEY is not set: using the demo's ENCRYPTION_KEY from ${secrets} as the backup key`,
      };
    }
  }
  throw new BackupError('BACKUP_KEY is not set: give it 32 random bytes in base64 (openssl rand -base64 32) and keep a copy apart from the backups');
}

/** A progress line on stderr: redrawn in place on a terminal, otherwise one line every 10 seconds. */
export function progressLine(verb: string): { update(p: Progress): void; done(): void } {
  const tty = process.stderr.isTTY === true;
  let last = 0;
  let line = '';
  return {
    update(p) {
      line = `${verb}: ${p.tablesDone}/${p.tables} tables, ${p.rows.toLocaleString('en-CA')}/${p.totalRows.toLocaleString('en-CA')} rows`;
      if (tty) process.stderr.write(`\r\x1b[K${line}`);
      else if (Date.now() - last > 10_000) {
        last = Date.now();
        process.stderr.write(`${line}\n`);
      }
    },
    done() {
      if (line) process.stderr.write(tty ? '\n' : `${line}\n`);
    },
  };
}

/** Prints an error as one line, without a stack trace, and exits 1. */
export function fail(what: string, e: unknown): never {
  const message = (e as Error)?.message ?? String(e);
  process.stderr.write(`Lantern cannot ${what}: ${message.replace(/\s+/g, ' ').trim()}\n`);
  process.exit(1);
}
