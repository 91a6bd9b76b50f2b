import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';

// The benchmark's own database, `lantern_bench` on DATABASE_URL's server. Building its dataset
// takes minutes, so it is kept between runs and rebuilt only when the dataset would differ: the
// version (the dataset's definition and every migration's checksum) is kept as the database's
// comment, written only once a build has finished, so an interrupted build is redone.

export const BENCH_DATABASE = 'lantern_bench';
const DEFAULT_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

/** DATABASE_URL, or the local default (and a note saying so). */
export function serverUrl(env: NodeJS.ProcessEnv = process.env): { url: string; note: string | null } {
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, note: null };
  return { url: DEFAULT_SERVER, note: `DATABASE_URL is not set: using ${DEFAULT_SERVER}` };
}

/** A digest of what the dataset is built from: its definition and the migrations it is built on. */
export function datasetVersion(definition: unknown, root: string): string {
  const dir = path.join(root, 'prisma/migrations');
  const migrations = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map(
      (e) =>
        `${e.name}:${createHash('sha256')
          .update(readFileSync(path.join(dir, e.name, 'migration.sql')))
          .digest('hex')}`,
    )
    .sort();
  return createHash('sha256').update(JSON.stringify({ definition, migrations })).digest('hex').slice(0, 16);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

const comment = (version: string) => `lantern bench dataset ${version}`;

export type BenchDatabase = {
  url: string;
  /** True when the database was (re)created empty and its dataset must be built. */
  fresh: boolean;
  /** Records that the dataset of this version is complete. */
  markBuilt(): Promise<void>;
  /** Ends the run's hold on the benchmark database. */
  release(): Promise<void>;
};

/**
 * Opens (or recreates) the benchmark database. Holds an advisory lock on the server for the whole
 * run: two benchmarks at once would share one database and measure each other.
 */
export async function openBenchDatabase(server: string, version: string, log: (m: string) => void, rebuild = false): Promise<BenchDatabase> {
  const admin = new pg.Client({ connectionString: withDatabase(server, 'postgres') });
  await admin.connect();
  const {
    rows: [lock],
  } = await admin.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock(hashtext('lantern_bench')) AS ok`);
  if (!lock?.ok) {
    await admin.end();
    throw new Error('another benchmark is running against this server; wait for it to finish');
  }
  const { rows } = await admin.query<{ comment: string | null }>(
    `SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`,
    [BENCH_DATABASE],
  );
  const fresh = rebuild || rows[0]?.comment !== comment(version);
  if (fresh) {
    log(
      !rows.length
        ? `${BENCH_DATABASE}: creating`
        : rebuild
          ? `${BENCH_DATABASE}: rebuilding (--rebuild)`
          : `${BENCH_DATABASE}: dataset out of date, rebuilding`,
    );
    await admin.query(`DROP DATABASE IF EXISTS ${BENCH_DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${BENCH_DATABASE}`);
  } else {
    log(`${BENCH_DATABASE}: dataset ${version} is up to date, reusing it`);
  }
  return {
    url: withDatabase(server, BENCH_DATABASE),
    fresh,
    markBuilt: async () => {
      await admin.query(`COMMENT ON DATABASE ${BENCH_DATABASE} IS '${comment(version)}'`);
    },
    release: () => admin.end(),
  };
}
