// `prisma migrate diff --from-migrations … --to-schema …`, computed by Prisma's own schema engine
// compiled to WebAssembly. The native engine cannot be downloaded everywhere this project is
// built, and Prisma 7's CLI only drives the native one, so we drive the WebAssembly build
// ourselves through a driver adapter. Internal Prisma APIs: pinned versions, and the drift test
// exercises every piece below. Reference: prisma/prisma packages/migrate/src/SchemaEngineWasm.ts.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PrismaPg } from '@prisma/adapter-pg';
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
} from '@prisma/driver-adapter-utils';
import type { DiffParams, SchemaEngine } from '@prisma/schema-engine-wasm';
import pg from 'pg';

export interface DiffOptions {
  migrationsDir: string;
  schemaPath: string;
  /**
   * Where to replay the migrations. `adminUrl`: a server on which a throwaway database is created
   * and dropped (what `prisma migrate dev` does with its shadow database). `url`: an empty database
   * used as-is (e.g. a fresh embedded one).
   */
  shadow: { adminUrl: string } | { url: string };
}

export interface DiffResult {
  /** SQL that brings a database built from the migrations up to the schema. */
  sql: string;
  /** True when the migrations and the schema disagree (drift). */
  drift: boolean;
}

type Glue = { SchemaEngine: typeof SchemaEngine; __wbg_set_wasm(exports: unknown): void };
let gluePromise: Promise<Glue> | undefined;

// The wasm-bindgen JS glue ships in @prisma/schema-engine-wasm. The engine itself is taken from the
// `prisma` CLI package when its imports match that glue, so the SQL is what this version's
// `prisma migrate diff` prints; otherwise the package's own build is used.
async function loadGlue(): Promise<Glue> {
  const g = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string; set_message(m: string): void } };
  g.PRISMA_WASM_PANIC_REGISTRY ??= {
    message: '',
    set_message(m) {
      this.message = m;
    },
  };
  const require = createRequire(import.meta.url);
  let gluePath: string;
  try {
    gluePath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  } catch {
    throw new Error('the drift check needs @prisma/schema-engine-wasm (npm install -D it, pinned)');
  }
  const glue = (await import(pathToFileURL(gluePath).href)) as Glue & Record<string, unknown>;
  const bundled = path.join(path.dirname(require.resolve('prisma/package.json')), 'build', 'schema_engine_bg.wasm');
  const candidates = [bundled, path.join(path.dirname(gluePath), 'schema_engine_bg.wasm')].filter((f) => existsSync(f));
  for (const file of candidates) {
    const wasmModule = new WebAssembly.Module(readFileSync(file));
    if (!WebAssembly.Module.imports(wasmModule).every((i) => typeof glue[i.name] === 'function')) continue;
    const instance = new WebAssembly.Instance(wasmModule, { './schema_engine_bg.js': glue as WebAssembly.ModuleImports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  }
  throw new Error('no schema engine WebAssembly build matches @prisma/schema-engine-wasm');
}

type PgAdapterInternals = SqlDriverAdapter & {
  performIO(q: SqlQuery): Promise<pg.QueryResult>;
  onError(e: unknown): never;
  underlyingDriver(): pg.Pool;
};

// Works around two adapter-pg limits met when the engine (not the app) drives it: scripts are
// split on ';' (breaks $$ bodies), and the catalogs' internal "char" type is rejected. The engine
// reads "char" columns as characters, so they are reported as ColumnTypeEnum.Character.
function fixAdapter(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const a = adapter as PgAdapterInternals;
  const performIO = a.performIO.bind(a);
  const queryRaw = a.queryRaw.bind(a);
  const charColumns = new WeakMap<SqlQuery, number[]>();
  a.performIO = async (q) => {
    const result = await performIO(q);
    const cols: number[] = [];
    result.fields.forEach((f, i) => {
      if (f.dataTypeID === 18) {
        f.dataTypeID = 25;
        cols.push(i);
      }
    });
    charColumns.set(q, cols);
    return result;
  };
  a.queryRaw = async (q): Promise<SqlResultSet> => {
    const result = await queryRaw(q);
    for (const i of charColumns.get(q) ?? []) result.columnTypes[i] = ColumnTypeEnum.Character;
    return result;
  };
  // One simple query, the way PostgreSQL runs a file.
  a.executeScript = (script) =>
    a
      .underlyingDriver()
      .query(script)
      .then(
        () => {},
        (e: unknown) => a.onError(e),
      );
  return a;
}

/** Runs one statement on its own connection; returns the first column of the first row. */
async function queryValue(url: string, sql: string): Promise<unknown> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query({ text: sql, rowMode: 'array' });
    return (result.rows[0] as unknown[] | undefined)?.[0];
  } finally {
    await client.end();
  }
}

/** The shadow database cannot be prepared (e.g. the server cannot host a second database). */
export class ShadowDatabaseError extends Error {}

// Made before the engine starts: errors inside the engine's connectToShadowDb lose their message.
// adapter-pg's own helper is not used: it loses the database name given a connection string, and
// drops the database before closing its pool.
async function prepareShadow(shadow: DiffOptions['shadow']): Promise<{ url: string; drop(): Promise<unknown> }> {
  if ('url' in shadow) return { url: shadow.url, drop: async () => {} };
  const name = `lantern_shadow_${randomUUID().replaceAll('-', '')}`;
  const url = Object.assign(new URL(shadow.adminUrl), { pathname: `/${name}` }).toString();
  const drop = () => queryValue(shadow.adminUrl, `DROP DATABASE IF EXISTS "${name}"`);
  try {
    await queryValue(shadow.adminUrl, `CREATE DATABASE "${name}"`);
    // A server that ignores the database name (the embedded one) would replay the migrations into
    // the database we connected to: refuse instead.
    if ((await queryValue(url, 'SELECT current_database()')) !== name) throw new Error('database name ignored');
    return { url, drop };
  } catch (e) {
    await drop().catch(() => {});
    throw new ShadowDatabaseError(`cannot create a shadow database on ${shadow.adminUrl}: ${(e as Error).message}`);
  }
}

// The engine's free() does not close the pools it opened, which would keep the process alive.
function factoryFor(url: string, opened: SqlDriverAdapter[]): SqlMigrationAwareDriverAdapterFactory {
  const connect = async () => {
    const adapter = fixAdapter(await new PrismaPg({ connectionString: url }).connect());
    const dispose = adapter.dispose.bind(adapter);
    let closing: Promise<void> | undefined;
    adapter.dispose = () => (closing ??= dispose());
    opened.push(adapter);
    return adapter;
  };
  return { provider: 'postgres', adapterName: '@prisma/adapter-pg', connect, connectToShadowDb: connect };
}

function migrationsList(dir: string): Extract<DiffParams['from'], { tag: 'migrations' }> {
  const lock = path.join(dir, 'migration_lock.toml');
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  return {
    tag: 'migrations',
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: existsSync(lock) ? readFileSync(lock, 'utf8') : null },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => {
      const file = path.join(dir, name, 'migration.sql');
      const content = existsSync(file) ? { tag: 'ok' as const, value: readFileSync(file, 'utf8') } : { tag: 'error' as const, value: `${file} does not exist` };
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  };
}

/** Replays the migrations on a shadow database and diffs the result against the Prisma schema. */
export async function diffMigrationsToSchema(opts: DiffOptions): Promise<DiffResult> {
  const glue = await (gluePromise ??= loadGlue());
  const migrationsDir = path.resolve(opts.migrationsDir);
  const schemaPath = path.resolve(opts.schemaPath);
  const shadow = await prepareShadow(opts.shadow);
  const opened: SqlDriverAdapter[] = [];
  // Both the engine's main and shadow connections go to the shadow database: diffing migrations
  // against a schema never touches a live database.
  const factory = bindMigrationAwareSqlAdapterFactory(factoryFor(shadow.url, opened));
  const engine = await glue.SchemaEngine.new({ datamodels: undefined }, () => {}, factory).catch(async (e: unknown) => {
    await shadow.drop().catch(() => {});
    throw e;
  });
  try {
    const result = await engine.diff({
      from: migrationsList(migrationsDir),
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: readFileSync(schemaPath, 'utf8') }] },
      script: true,
      exitCode: true,
      filters: { externalTables: [], externalEnums: [] },
    });
    return { sql: result.stdout ?? '', drift: result.exitCode === 2 };
  } catch (e) {
    const panic = (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: { message: string } }).PRISMA_WASM_PANIC_REGISTRY;
    if (e instanceof WebAssembly.RuntimeError && panic?.message) throw new Error(`schema engine panicked: ${panic.message}`);
    throw e;
  } finally {
    engine.free();
    await Promise.allSettled(opened.map((adapter) => adapter.dispose()));
    await shadow.drop().catch(() => {}); // a leftover lantern_shadow_* database is harmless
  }
}
