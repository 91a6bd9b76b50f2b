// The embedded PostgreSQL used by `npm run demo` / `npm run dev` when DATABASE_URL is unset: PGlite
// (PostgreSQL compiled to WebAssembly) persisted in a directory and served over the wire protocol,
// so the app, migrations and psql use an ordinary postgresql:// URL, exactly as with a real server.
// Clients share PGlite's one session, taking turns; each keeps its own settings, prepared
// statements and login role (embedded-session.ts), so pg_dump or psql beside the app leave it be.
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { serveWire } from './embedded-wire.ts';

export type EmbeddedDatabaseOptions = {
  dataDir: string;
  /** Default 54329; 0 picks a free port. */
  port?: number;
  /**
   * Default 127.0.0.1. There is no authentication (any role, postgres too, connects without a
   * password): do not expose it beyond this machine.
   */
  host?: string;
  log?: (m: string) => void;
  /** Default 60 s. A client idle inside a transaction holds up every other client meanwhile. */
  idleInTransactionTimeoutMs?: number;
};

export type EmbeddedDatabase = { url: string; close(): Promise<void> };

export async function startEmbeddedDatabase(opts: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? ((m: string) => console.error(m));
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const unlock = lockDataDir(dataDir);
  let pglite: PGlite | undefined;
  try {
    pglite = await PGlite.create(dataDir, { extensions: { btree_gist, pg_trgm } });
    const server = await serveWire(pglite, {
      host,
      port: opts.port ?? 54329,
      log,
      idleInTransactionTimeoutMs: opts.idleInTransactionTimeoutMs ?? 60_000,
    }).catch((err: NodeJS.ErrnoException) => {
      if (err.code !== 'EADDRINUSE') throw err;
      throw new Error(`port ${opts.port ?? 54329} on ${host} is already in use (choose another port)`);
    });
    const db = pglite;
    let closing: Promise<void> | undefined;
    return {
      url: `postgresql://postgres@${host.includes(':') ? `[${host}]` : host}:${server.port}/postgres`,
      close: () =>
        (closing ??= (async () => {
          try {
            await server.close();
            await db.close(); // ends the backend cleanly, leaving a consistent data directory
          } finally {
            unlock();
          }
        })()),
    };
  } catch (err) {
    await pglite?.close().catch(() => {});
    unlock();
    throw err;
  }
}

// Directories locked by this process: a stale lock file may carry our own pid after a container
// restart (pids repeat there), and must then not be mistaken for a live owner.
const held = new Set<string>();

/**
 * PGlite does not lock its directory, and two processes on one directory silently lose writes.
 * The lock file holds the owner's pid; it is created with link(2), which fails atomically if the
 * file exists, so two starters cannot both win. A file left by a dead process is replaced.
 */
function lockDataDir(dataDir: string): () => void {
  const file = path.join(dataDir, 'lantern.pid');
  const tmp = `${file}.${process.pid}`;
  fs.writeFileSync(tmp, `${process.pid}\n`);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        fs.linkSync(tmp, file);
        held.add(file);
        return () => {
          if (held.delete(file)) fs.rmSync(file, { force: true });
        };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      let pid: number;
      try {
        pid = Number.parseInt(fs.readFileSync(file, 'utf8'), 10);
      } catch {
        continue; // removed meanwhile by its owner: try again
      }
      if (pid > 0 && isAlive(pid) && (pid !== process.pid || held.has(file))) {
        const where = path.relative(process.cwd(), dataDir) || '.';
        throw new Error(`the embedded database in ${where} is in use by process ${pid}`);
      }
      fs.rmSync(file, { force: true }); // stale: its process is gone
    }
    throw new Error(`could not lock ${file}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}
