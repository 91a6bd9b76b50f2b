import { describe, expect, it } from 'vitest';
import { analyzeSql, DENIED, failingParse, failingStatement, REFUSED } from './embedded-sql.ts';

const read = (sql: string, extended = false) => analyzeSql(sql, 'c7_', extended);

describe('embedded SQL reading', () => {
  it('notes statements that may change session state, and not the app’s own', () => {
    for (const sql of [
      "SELECT pg_catalog.set_config('search_path', '', false)",
      'SET statement_timeout = 0',
      'reset all',
      'SET SESSION AUTHORIZATION lantern_app',
      'set role lantern_app',
      '/* psql */ SET datestyle = ISO',
      'select 1;\n  SET x.y = 1',
      "SELECT set_config('a.b', $1, $2)",
      'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY',
    ]) {
      expect(read(sql).touchesSession, sql).toBe(true);
    }
    for (const sql of [
      'UPDATE "public"."visit" SET "n" = $1 WHERE "id" = $2',
      "SELECT set_config('enable_seqscan', $1, true)",
      "SET LOCAL work_mem = '64MB'",
      'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE',
      'SELECT * FROM login_attempt OFFSET 5',
      "SELECT 'SET x' AS s, $$ ; set a = 1 $$, $q$reset$q$, E'\\' ; reset all' -- ; SET x\n",
      '/* SET x */ SELECT 1',
      'CREATE FUNCTION f() RETURNS void SET search_path = pg_catalog LANGUAGE sql AS $$ SELECT 1 $$',
    ]) {
      expect(read(sql), sql).toEqual({ sql, touchesSession: false, prepared: [], deallocated: [] });
    }
  });

  it("gives SQL-level prepared statements the client's prefix, as protocol-level ones get", () => {
    expect(read('PREPARE Foo(int) AS SELECT $1; EXECUTE foo(1); EXPLAIN (ANALYZE) EXECUTE "Foo"(2); DEALLOCATE PREPARE foo')).toEqual({
      sql: 'PREPARE c7_Foo(int) AS SELECT $1; EXECUTE c7_foo(1); EXPLAIN (ANALYZE) EXECUTE "c7_Foo"(2); DEALLOCATE PREPARE c7_foo',
      touchesSession: false,
      prepared: ['foo'],
      deallocated: ['foo'],
    });
    expect(read('CREATE TABLE t AS EXECUTE q(1)').sql).toBe('CREATE TABLE t AS EXECUTE c7_q(1)');
    const untouched = "CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f(); GRANT EXECUTE ON FUNCTION f() TO app; PREPARE TRANSACTION 'x'";
    expect(read(untouched).sql).toBe(untouched);
  });

  it('refuses what one shared session cannot give each client, statement by statement', () => {
    expect(read('select 1; CREATE TEMP TABLE t (x int); select 2').sql).toBe(`select 1; ${failingStatement(REFUSED.temp)}; select 2`);
    for (const sql of ['CREATE TEMPORARY VIEW v AS SELECT 1', 'create global temp table t (x int)', 'CREATE TABLE pg_temp.t (x int)', 'SELECT 1 INTO TEMP t']) {
      expect(read(sql).sql, sql).toBe(failingStatement(REFUSED.temp));
    }
    expect(read('DISCARD ALL').sql).toBe(failingStatement(REFUSED.discardAll));
    expect(read('deallocate prepare all').sql).toBe(failingStatement(REFUSED.deallocateAll));
    expect(read('CREATE TEMP TABLE t AS SELECT $1::int', true).sql).toBe(failingParse(REFUSED.temp));
    for (const sql of ['CREATE TEMP TABLE t ON COMMIT DROP AS SELECT 1', 'CREATE TABLE temp (temp int)', 'INSERT INTO temp VALUES (1)', 'DISCARD PLANS']) {
      expect(read(sql).sql, sql).toBe(sql);
    }
  });

  it('refuses a client that did not log in as a superuser whatever would raise its role, or what it cannot read', () => {
    const app = (sql: string, extended = false) => analyzeSql(sql, 'c7_', extended, true).sql;
    const denied = (message: string) => failingStatement(message, 'insufficient_privilege');
    for (const sql of [
      'SET SESSION AUTHORIZATION postgres',
      'set local session authorization default',
      'SET SESSION SESSION AUTHORIZATION x',
      'RESET SESSION AUTHORIZATION',
      'set session_authorization = postgres',
      'RESET "SESSION_AUTHORIZATION"',
      '/**/SET/* x */SESSION AUTHORIZATION x',
      "SELECT pg_catalog.set_config('session_authorization', 'postgres', false)",
      `SELECT "set_config"('Session_Authorization', 'x', true)`,
    ]) {
      expect(app(sql).replace('/**/', ''), sql).toBe(denied(DENIED.sessionAuthorization));
    }
    for (const sql of [
      'SET ROLE postgres',
      'set session role "postgres"',
      'SET LOCAL role TO postgres',
      "set role = 'postgres'",
      "SELECT set_config('role', 'postgres', false)",
      "select 1 where set_config('ROLE', 'postgres', true) is null",
    ]) {
      expect(app(sql), sql).toBe(denied(DENIED.role('postgres')));
    }
    expect(app('RESET ROLE')).toBe(denied(DENIED.resetRole));
    for (const sql of [
      "SELECT set_config(E'role', 'postgres', false)",
      "SELECT set_config('ro' || 'le', 'postgres', false)",
      'SELECT set_config($1, $2, false)',
      "SELECT set_config(name, 'x', false) FROM pg_settings",
      "SELECT set_config(('role'), 'x', false)",
    ]) {
      expect(app(sql), sql).toMatch(/^DO .*permission denied to call set_config without a plain string literal|int4$/);
    }
    expect(app("DO $$BEGIN EXECUTE 'SET ROLE postgres'; END$$")).toBe(denied(DENIED.unreadCode('a DO block')));
    expect(app('CREATE OR REPLACE FUNCTION pg_temp.f() RETURNS void LANGUAGE sql AS $$ SELECT 1 $$')).toBe(denied(DENIED.unreadCode('CREATE FUNCTION')));
    expect(app("select ts_stat('select to_tsvector(set_config(''role'', ''postgres'', false))')")).toBe(denied(DENIED.sqlText('ts_stat')));
    expect(app('SELECT pg_catalog."query_to_xml"($q$x$q$, true, false, \'\')')).toBe(denied(DENIED.sqlText('query_to_xml')));
    expect(app("SELECT U&\"set\\005fconfig\"('role', 'x', false)")).toBe(denied(DENIED.unreadCode('SQL with a Unicode-escaped name or string (U&)')));
    // What would make this reader misread a statement: another encoding, backslashes in plain strings.
    for (const [sql, setting] of [
      ["SET client_encoding = 'GBK'", 'client_encoding'],
      ["set names 'SJIS'", 'names'],
      ['SET standard_conforming_strings = off', 'standard_conforming_strings'],
      ["SELECT set_config('client_encoding', 'BIG5', false)", 'client_encoding'],
      ["UPDATE pg_settings SET setting = 'off' WHERE name = 'standard_conforming_strings'", 'pg_settings'],
    ]) {
      expect(app(sql!), sql).toBe(denied(DENIED.setting(setting!)));
    }
    // Extended protocol: fails at Execute with the right code, or at Parse when it has parameters.
    expect(app('SET ROLE postgres', true)).toBe(denied(DENIED.role('postgres')));
    expect(app('SELECT set_config($1, $2, false)', true)).toBe(failingParse(DENIED.unreadSetting));
    // What the app and its own settings do is left alone; a superuser's client may do all of it.
    for (const sql of [
      "SELECT set_config('enable_seqscan', $1, true)",
      "SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true)",
      'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY',
      'RESET ALL',
      "SET statement_timeout = '5s'",
      'SELECT role FROM staff',
      'INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET role = EXCLUDED.role',
      'SELECT "u"&1',
    ]) {
      expect(app(sql), sql).toBe(sql);
    }
    for (const sql of ['SET SESSION AUTHORIZATION postgres', 'DO $$BEGIN END$$', "SELECT set_config('role', 'x', false)", 'RESET ROLE']) {
      expect(read(sql).sql, sql).toBe(sql);
    }
  });
});
