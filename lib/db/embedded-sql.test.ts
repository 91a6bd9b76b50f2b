import { describe, expect, it } from 'vitest';
import { analyzeSql, failingParse, failingStatement, REFUSED } from './embedded-sql.ts';

const read = (sql: string, extended = false) => analyzeSql(sql, 'c7_', extended);

describe('embedded SQL reading', () => {
  it('notes statements that may change session state, and not the app’s own', () => {
    for (const sql of ["SELECT pg_catalog.set_config('search_path', '', false)", 'SET statement_timeout = 0', 'reset all',
      'SET SESSION AUTHORIZATION lantern_app', 'set role lantern_app', '/* psql */ SET datestyle = ISO', 'select 1;\n  SET x.y = 1',
      "SELECT set_config('a.b', $1, $2)", 'SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY']) {
      expect(read(sql).touchesSession, sql).toBe(true);
    }
    for (const sql of ['UPDATE "public"."visit" SET "n" = $1 WHERE "id" = $2', "SELECT set_config('enable_seqscan', $1, true)",
      "SET LOCAL work_mem = '64MB'", 'SET TRANSACTION ISOLATION LEVEL SERIALIZABLE', 'SELECT * FROM login_attempt OFFSET 5',
      "SELECT 'SET x' AS s, $$ ; set a = 1 $$, $q$reset$q$, E'\\' ; reset all' -- ; SET x\n", '/* SET x */ SELECT 1',
      'CREATE FUNCTION f() RETURNS void SET search_path = pg_catalog LANGUAGE sql AS $$ SELECT 1 $$']) {
      expect(read(sql), sql).toEqual({ sql, touchesSession: false, prepared: [], deallocated: [] });
    }
  });

  it("gives SQL-level prepared statements the client's prefix, as protocol-level ones get", () => {
    expect(read('PREPARE Foo(int) AS SELECT $1; EXECUTE foo(1); EXPLAIN (ANALYZE) EXECUTE "Foo"(2); DEALLOCATE PREPARE foo')).toEqual({
      sql: 'PREPARE c7_Foo(int) AS SELECT $1; EXECUTE c7_foo(1); EXPLAIN (ANALYZE) EXECUTE "c7_Foo"(2); DEALLOCATE PREPARE c7_foo',
      touchesSession: false, prepared: ['foo'], deallocated: ['foo'],
    });
    expect(read('CREATE TABLE t AS EXECUTE q(1)').sql).toBe('CREATE TABLE t AS EXECUTE c7_q(1)');
    const untouched = 'CREATE TRIGGER t AFTER INSERT ON x FOR EACH ROW EXECUTE FUNCTION f(); GRANT EXECUTE ON FUNCTION f() TO app; PREPARE TRANSACTION \'x\'';
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
});
