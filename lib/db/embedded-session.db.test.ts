import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.ts';

// PGlite is one PostgreSQL session shared by every client of the embedded server: these tests
// check that what one client sets for its session (pg_dump's opening statements, a psql user's
// SETs and PREPAREs, its login role) never reaches another, while the app's queries keep running.
describe('embedded database sessions', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-embedded-session-'));
  let db: EmbeddedDatabase;
  let defaults: Settings;
  const asUser = (user: string) => Object.assign(new URL(db.url), { username: user }).toString();

  beforeAll(async () => {
    db = await startEmbeddedDatabase({ dataDir: dir, port: 0, log: () => {} });
    await run(db.url, async (c) => {
      await c.query('CREATE TABLE visit (id serial PRIMARY KEY, n int NOT NULL)');
      await c.query('CREATE TABLE secret (x int)');
      await c.query('INSERT INTO visit (n) SELECT g FROM generate_series(1, 10) g');
      await c.query('CREATE ROLE lantern_app LOGIN NOSUPERUSER NOINHERIT');
      await c.query('CREATE ROLE no_login NOLOGIN');
      await c.query('GRANT SELECT, INSERT ON visit TO lantern_app');
      await c.query('GRANT USAGE ON SEQUENCE visit_id_seq TO lantern_app');
      defaults = await settings(c);
    });
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps pg_dump's and a psql user's SET, set_config and PREPARE out of the app's session", async () => {
    expect(defaults).toMatchObject({ user: 'postgres', searchPath: 'public', dateStyle: 'ISO, MDY', statementTimeout: '0' });
    const app = new pg.Pool({ connectionString: db.url, max: 4 });
    const [dump, psql, other] = await Promise.all([connect(db.url), connect(db.url), connect(db.url)]);
    let done = false;
    let appQueries = 0;
    // The app: unqualified queries on a table, all the time, each also reading its own settings.
    const appWork = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!done) {
          const { rows } = await app.query<Settings & { c: number }>(`SELECT count(*)::int AS c, ${SETTINGS} FROM visit WHERE n > $1`, [0]);
          expect(rows[0]).toEqual({ c: 10, ...defaults });
          appQueries++;
        }
      }),
    );
    const started = Date.now();
    try {
      // pg_dump's opening statements, one round trip each as pg_dump sends them.
      for (const sql of [
        "SELECT pg_catalog.set_config('search_path', '', false)",
        'SET DATESTYLE = ISO',
        'SET INTERVALSTYLE = POSTGRES',
        'SET extra_float_digits TO 3',
        'SET synchronize_seqscans TO off',
        'SET statement_timeout = 0',
        'SET lock_timeout = 0',
        'SET idle_in_transaction_session_timeout = 0',
        'SET transaction_timeout = 0',
        "SET client_encoding = 'UTF8'",
        'SET standard_conforming_strings = on',
        'SET row_security = off',
        'SET quote_all_identifiers = true',
      ])
        await dump.query(sql);
      // A psql user: its own search path, date style and a prepared statement; another prepares the same name.
      await psql.query('SET search_path TO nothing');
      await psql.query("SET datestyle = 'SQL, DMY'");
      await psql.query('PREPARE q(int) AS SELECT $1 + 1 AS r');
      await other.query("PREPARE q(text) AS SELECT $1 || '!' AS r");

      for (let i = 0; i < 10; i++) {
        await sleep(20); // let the app take turns in between
        expect(await settings(dump)).toMatchObject({ searchPath: '', statementTimeout: '0' });
        expect((await dump.query('SELECT current_setting($1) AS v', ['row_security'])).rows).toEqual([{ v: 'off' }]);
        await expect(dump.query('SELECT count(*) FROM visit')).rejects.toThrow('relation "visit" does not exist');
        expect((await dump.query('SELECT count(*)::int AS c FROM public.visit')).rows).toEqual([{ c: 10 }]);
        expect(await settings(psql)).toMatchObject({ searchPath: 'nothing', dateStyle: 'SQL, DMY' });
        expect((await psql.query("SELECT '2026-12-06'::date::text AS d, 1 AS one")).rows).toEqual([{ d: '06/12/2026', one: 1 }]);
        expect((await psql.query('EXECUTE q(41)')).rows).toEqual([{ r: 42 }]);
        expect((await other.query("EXECUTE q('hi')")).rows).toEqual([{ r: 'hi!' }]);
        expect(await settings(other)).toEqual(defaults);
      }
      await expect(app.query('EXECUTE q(1)')).rejects.toThrow('prepared statement "q" does not exist');
      await psql.query('RESET datestyle');
      expect(await settings(psql)).toMatchObject({ searchPath: 'nothing', dateStyle: 'ISO, MDY' });
      await psql.query('DEALLOCATE q');
      await expect(psql.query('EXECUTE q(1)')).rejects.toThrow('prepared statement "q" does not exist');
      expect((await other.query("EXECUTE q('still')")).rows).toEqual([{ r: 'still!' }]);
    } finally {
      done = true;
      await appWork.finally(() => Promise.all([app.end(), dump.end(), psql.end(), other.end()]));
    }
    console.log(`app: ${appQueries} queries in ${Date.now() - started} ms beside the dump and psql clients, all with their own settings`);
    expect(appQueries).toBeGreaterThan(20);
  }, 60_000);

  it('leaves nothing behind of a client that disconnects', async () => {
    for (const leave of ['end', 'destroy'] as const) {
      const c = await connect(db.url);
      c.on('error', () => {});
      await c.query("SELECT set_config('search_path', 'nowhere', false)");
      await c.query('SET ROLE lantern_app');
      await c.query('SET work_mem = 12345');
      await c.query('PREPARE gone AS SELECT 1');
      await c.query({ name: 'gone_too', text: 'SELECT $1::int AS x', values: [1] });
      if (leave === 'end') await c.end();
      else (c as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
      await sleep(50);
      await run(db.url, async (fresh) => {
        expect(await settings(fresh)).toEqual(defaults);
        expect((await fresh.query("SELECT current_setting('work_mem') AS w")).rows).toEqual([{ w: '4MB' }]);
        expect((await fresh.query('SELECT name FROM pg_prepared_statements')).rows).toEqual([]);
      });
    }
  });

  it('refuses temporary tables, DISCARD ALL and DEALLOCATE ALL, which the shared session cannot give one client', async () => {
    await run(db.url, async (c) => {
      const refusal = (e: unknown) => ({ code: (e as { code: string }).code, message: (e as Error).message });
      const temp = await c.query('CREATE TEMP TABLE t (x int)').catch(refusal);
      expect(temp).toEqual({ code: '0A000', message: expect.stringMatching(/^temporary tables are not available on the embedded database/) });
      await expect(c.query('SELECT 1 AS x INTO TEMPORARY t2')).rejects.toThrow(/^temporary tables are not available/);
      await expect(c.query({ text: 'CREATE TEMP TABLE t3 AS SELECT $1::int AS x', values: [1] })).rejects.toThrow(/temporary tables are not available/);
      await expect(c.query('DISCARD ALL')).rejects.toThrow(/^DISCARD ALL is not available/);
      await expect(c.query('DEALLOCATE ALL')).rejects.toThrow(/^DEALLOCATE ALL is not available/);
      // Inside a transaction, dropped at its end, a temporary table never outlives the client's turn.
      await c.query('BEGIN');
      await c.query('CREATE TEMP TABLE scratch ON COMMIT DROP AS SELECT n FROM visit');
      expect((await c.query('SELECT count(*)::int AS c FROM scratch')).rows).toEqual([{ c: 10 }]);
      await c.query('COMMIT');
      expect((await c.query("SELECT count(*)::int AS c FROM pg_class WHERE relpersistence = 't'")).rows).toEqual([{ c: 0 }]);
    });
  });

  it("runs a client as the role its startup names, with that role's grants, beside the owner's clients", async () => {
    const runtime = new pg.Pool({ connectionString: asUser('lantern_app'), max: 3 });
    const owner = new pg.Pool({ connectionString: db.url, max: 3 });
    const work = Array.from({ length: 30 }, async (_, i) => {
      const who = await runtime.query('SELECT current_user::text AS cu, session_user::text AS su, count(*)::int AS c FROM visit');
      expect(who.rows).toEqual([{ cu: 'lantern_app', su: 'lantern_app', c: expect.any(Number) }]);
      await runtime.query('INSERT INTO visit (n) VALUES ($1)', [100 + i]);
      await expect(runtime.query('UPDATE visit SET n = n WHERE id = $1', [i])).rejects.toThrow('permission denied for table visit');
      await expect(runtime.query('SELECT * FROM secret')).rejects.toThrow('permission denied for table secret');
      const mine = await owner.query('SELECT current_user::text AS cu, (SELECT count(*)::int FROM secret) AS s');
      expect(mine.rows).toEqual([{ cu: 'postgres', s: 0 }]);
      await owner.query('DELETE FROM visit WHERE n = $1', [100 + i]);
    });
    expect((await Promise.allSettled(work)).filter((r) => r.status === 'rejected')).toEqual([]);
    // A client's SET ROLE and settings ride along with its login role.
    const c = await connect(asUser('lantern_app'));
    await c.query('SET search_path TO pg_catalog');
    expect((await owner.query('SELECT current_user::text AS cu')).rows).toEqual([{ cu: 'postgres' }]);
    expect(await settings(c)).toMatchObject({ user: 'lantern_app', searchPath: 'pg_catalog' });
    await c.end();
    await Promise.all([runtime.end(), owner.end()]);
  });

  it('keeps a client that did not log in as a superuser from becoming postgres, by any way it reads', async () => {
    const c = await connect(asUser('lantern_app'));
    const code = (sql: string | pg.QueryConfig, values?: unknown[]) =>
      (typeof sql === 'string' ? c.query(sql, values) : c.query(sql)).then(
        () => 'ok',
        (e: { code: string; message: string }) => `${e.code} ${e.message}`,
      );
    for (const sql of [
      'SET SESSION AUTHORIZATION postgres',
      'SET SESSION AUTHORIZATION DEFAULT',
      'RESET SESSION AUTHORIZATION',
      "SELECT set_config('session_authorization', 'postgres', false)",
    ]) {
      expect(await code(sql), sql).toBe('42501 permission denied to set session authorization');
    }
    expect(await code('BEGIN; SET LOCAL ROLE postgres; COMMIT')).toBe('42501 permission denied to set role "postgres"');
    await c.query('ROLLBACK');
    // Code whose text the server cannot read, and a setting's name it cannot see; also over the extended protocol.
    expect(await code("DO $$BEGIN EXECUTE 'SET SESSION AUTHORIZATION postgres'; END$$")).toMatch(/^42501 permission denied to run a DO block/);
    expect(await code("SELECT ts_stat('SELECT to_tsvector(set_config(''session_authorization'', ''postgres'', false))')")).toMatch(
      /^42501 permission denied for function ts_stat/,
    );
    expect(await code('SELECT set_config($1, $2, false)', ['session_authorization', 'postgres'])).toMatch(/permission denied to call set_config/);
    expect(await code({ text: 'SET ROLE postgres', name: 'r' })).toBe('42501 permission denied to set role "postgres"');
    // Nor make the server misread its statements (a GBK byte before a backslash in E'…' would hide what follows).
    expect(await code("SET client_encoding = 'GBK'")).toMatch(/^42501 permission denied to set parameter "client_encoding"/);
    expect(await code("SELECT set_config('statement_timeout', '5s', false) AS t")).toBe('ok');
    expect((await c.query('SELECT current_user::text AS cu, session_user::text AS su')).rows).toEqual([{ cu: 'lantern_app', su: 'lantern_app' }]);
    await c.end();
    // The server's own user is not held back.
    await run(db.url, async (o) => {
      await o.query("DO $$BEGIN EXECUTE 'SET ROLE lantern_app'; END$$");
      expect((await o.query('SELECT current_user::text AS cu')).rows).toEqual([{ cu: 'lantern_app' }]);
      await o.query('RESET ROLE');
    });
  });

  it('refuses a role that does not exist or may not log in, as PostgreSQL does', async () => {
    const fatal = (user: string) =>
      connect(asUser(user)).then(
        () => null,
        (e: { code: string; severity: string; message: string }) => ({ code: e.code, severity: e.severity, message: e.message }),
      );
    expect(await fatal('nobody')).toEqual({ code: '28000', severity: 'FATAL', message: 'role "nobody" does not exist' });
    expect(await fatal('no_login')).toEqual({ code: '28000', severity: 'FATAL', message: 'role "no_login" is not permitted to log in' });
  });
});

type Settings = { user: string; searchPath: string; dateStyle: string; statementTimeout: string };
const SETTINGS = `current_user::text AS "user", current_setting('search_path') AS "searchPath",
  current_setting('DateStyle') AS "dateStyle", current_setting('statement_timeout') AS "statementTimeout"`;

async function settings(c: pg.ClientBase): Promise<Settings> {
  return (await c.query<Settings>(`SELECT ${SETTINGS}`)).rows[0]!;
}

async function connect(url: string) {
  const c = new pg.Client(url);
  await c.connect();
  return c;
}

async function run(url: string, fn: (c: pg.Client) => Promise<void>) {
  const c = await connect(url);
  try {
    await fn(c);
  } finally {
    await c.end();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
