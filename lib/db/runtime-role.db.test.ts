// The app connects as a role that owns nothing: it cannot rewrite the audit log, switch triggers
// off, or raise its own privileges. The test suite itself runs the app's code as this role
// (lib/db/test/global-setup.ts), so a privilege missing from the map fails the test that needs it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultRuntimeRole, prepareRuntimeRole, RUNTIME_COLUMN_INSERTS, RUNTIME_PRIVILEGES, RuntimeRoleError, scramVerifier } from './runtime-role.ts';
import { rawClient, runtimeRole } from './test/reset.ts';

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const;

let app: pg.Client;
const ROLE = runtimeRole();

beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
});

afterAll(async () => {
  await app.end();
});

/** The SQLSTATE a statement fails with, or 'ok'. */
async function outcome(sql: string): Promise<string> {
  try {
    await app.query(sql);
    return 'ok';
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  } finally {
    await app.query('ROLLBACK').catch(() => {});
  }
}

describe('the runtime role', () => {
  it('is who the app is, and is no superuser', async () => {
    const { rows } = await app.query<{ u: string; su: boolean }>(
      `SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`,
    );
    expect(rows[0]).toEqual({ u: ROLE, su: false });
  });

  it('has a decision for every table, and holds exactly the privileges of that decision', async () => {
    const owner = await rawClient();
    const tables = (await owner.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)).rows.map((r) => r.t);
    expect(tables.filter((t) => !(t in RUNTIME_PRIVILEGES))).toEqual([]);
    expect(Object.keys(RUNTIME_PRIVILEGES).filter((t) => !tables.includes(t))).toEqual([]);
    const held: Record<string, string[]> = {};
    for (const t of tables) {
      const { rows } = await owner.query<{ p: string }>(`SELECT p FROM unnest($2::text[]) AS p WHERE has_table_privilege($1, $3::regclass, p)`, [
        ROLE,
        PRIVILEGES,
        t,
      ]);
      held[t] = rows.map((r) => r.p);
    }
    expect(held).toEqual(Object.fromEntries(tables.map((t) => [t, [...RUNTIME_PRIVILEGES[t]!]])));
    // Sequences: those of the tables it inserts into (identity and serial ids), and no other.
    const { rows: sequences } = await owner.query<{ seq: string; tbl: string; usage: boolean }>(
      `SELECT seq.relname AS seq, t.relname AS tbl, has_sequence_privilege($1, seq.oid, 'USAGE') AS usage
         FROM pg_class seq JOIN pg_depend d ON d.objid = seq.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
         JOIN pg_class t ON t.oid = d.refobjid WHERE seq.relkind = 'S' ORDER BY 1`,
      [ROLE],
    );
    expect(sequences.length).toBeGreaterThan(3);
    expect(sequences.filter((r) => r.usage !== (RUNTIME_PRIVILEGES[r.tbl]!.includes('INSERT') || r.tbl in RUNTIME_COLUMN_INSERTS))).toEqual([]);
    // Column-level inserts: exactly the listed columns.
    for (const [table, columns] of Object.entries(RUNTIME_COLUMN_INSERTS)) {
      const { rows: cols } = await owner.query<{ c: string }>(
        `SELECT column_name AS c FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $2
           AND has_column_privilege($1, $2::regclass, column_name, 'INSERT') ORDER BY ordinal_position`,
        [ROLE, table],
      );
      expect(cols.map((r) => r.c)).toEqual([...columns]);
    }
  });

  it('writes the audit log but cannot change, delete or truncate it', async () => {
    expect(await outcome(`INSERT INTO audit_event (action) VALUES ('test.runtime')`)).toBe('ok');
    expect(await outcome(`UPDATE audit_event SET action = 'x'`)).toBe('42501');
    expect(await outcome(`DELETE FROM audit_event`)).toBe('42501');
    expect(await outcome(`TRUNCATE audit_event`)).toBe('42501');
    // Nor choose an event's id or time: a backdated event, or an id the sequence will hand out next.
    expect(await outcome(`INSERT INTO audit_event (at, action) VALUES ('2020-01-01', 'test.backdated')`)).toBe('42501');
    expect(await outcome(`INSERT INTO audit_event (id, action) VALUES (999999, 'test.taken')`)).toBe('42501');
  });

  it('cannot switch triggers off, by replica mode or by ALTER TABLE', async () => {
    expect(await outcome(`SET session_replication_role = replica`)).toBe('42501');
    expect(await outcome(`SELECT set_config('session_replication_role', 'replica', false)`)).toBe('42501');
    for (const table of ['audit_event', 'visit', 'booking', 'referral_status_change']) {
      expect(await outcome(`ALTER TABLE ${table} DISABLE TRIGGER ALL`)).toBe('42501');
      expect(await outcome(`ALTER TABLE ${table} DISABLE TRIGGER USER`)).toBe('42501');
    }
    expect(await outcome(`DROP TABLE audit_event`)).toBe('42501');
  });

  it('cannot create objects, take ownership or raise its own role', async () => {
    expect(await outcome(`CREATE TABLE public.sneaky (id int)`)).toBe('42501');
    expect(await outcome(`ALTER TABLE audit_event OWNER TO ${ROLE}`)).toBe('42501');
    expect(await outcome(`ALTER ROLE ${ROLE} SUPERUSER`)).toBe('42501');
    // A GRANT by a role without the grant option only warns "no privileges were granted".
    await outcome(`GRANT UPDATE ON audit_event TO ${ROLE}`);
    expect((await app.query(`SELECT has_table_privilege('audit_event', 'UPDATE') AS p`)).rows[0]).toEqual({ p: false });
    expect(await outcome(`CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$`)).toBe('42501');
    // On the embedded database too, where the server's own session user is a superuser (embedded-sql.ts).
    expect(await outcome(`SET SESSION AUTHORIZATION postgres`)).toBe('42501');
    expect(await outcome(`SET ROLE postgres`)).toBe('42501');
    expect(await outcome(`SELECT set_config('role', 'postgres', false)`)).toBe('42501');
    const { rows } = await app.query(`SELECT current_user AS c, session_user AS s, current_setting('role') AS r`);
    expect(rows[0]).toEqual({ c: ROLE, s: ROLE, r: 'none' });
  });

  it('is prepared again without change, also by several instances at once', async () => {
    const owner = process.env.TEST_OWNER_URL!;
    const urls = await Promise.all(Array.from({ length: 4 }, () => prepareRuntimeRole(owner)));
    expect(new Set(urls).size).toBe(1);
    expect(new URL(urls[0]!).username).toBe(ROLE);
    expect(await outcome(`SELECT count(*) FROM visit`)).toBe('ok');
    expect(await outcome(`DELETE FROM audit_event`)).toBe('42501');
  });

  it('is named after its database, so two installations on one server never share a login', async () => {
    const { rows } = await app.query<{ db: string }>('SELECT current_database() AS db');
    expect(ROLE).toBe(defaultRuntimeRole(rows[0]!.db));
    expect(defaultRuntimeRole('lantern')).toBe('lantern_app');
    expect(defaultRuntimeRole('Lantern-Staging')).toBe('lantern_staging_app');
    expect(defaultRuntimeRole('9'.repeat(80))).toMatch(/^_9{58}_app$/);
  });

  it('refuses a runtime role that is the owner, privileged, a member of another role, or owning anything', async () => {
    const owner = process.env.TEST_OWNER_URL!;
    const ownerRole = decodeURIComponent(new URL(owner).username) || 'postgres';
    await expect(prepareRuntimeRole(owner, { role: ownerRole })).rejects.toThrow(RuntimeRoleError);
    await expect(prepareRuntimeRole(owner, { role: 'Robert"; DROP TABLE visit; --' })).rejects.toThrow(/lower-case letters/);
    // Roles are server-wide: a name of this run's own, so parallel runs on one server don't meet.
    const other = `lantern_test_${Math.random().toString(36).slice(2, 10)}`;
    const c = await rawClient();
    const attempts: Array<[string, RegExp]> = [
      [`CREATE ROLE ${other} LOGIN CREATEROLE`, /must not be a superuser/],
      [`CREATE ROLE ${other} LOGIN; GRANT ${ROLE} TO ${other}`, /is a member of/],
      [
        `CREATE ROLE ${other} LOGIN; CREATE FUNCTION ${other}_f() RETURNS int LANGUAGE sql AS 'SELECT 1'; ALTER FUNCTION ${other}_f() OWNER TO ${other}`,
        /owns the function/,
      ],
    ];
    for (const [setup, refusal] of attempts) {
      await c.query(setup);
      try {
        await expect(prepareRuntimeRole(owner, { role: other })).rejects.toThrow(refusal);
      } finally {
        await c.query(`DROP FUNCTION IF EXISTS ${other}_f(); DROP OWNED BY ${other}; DROP ROLE ${other}`);
      }
    }
  });

  it('sets a password as a SCRAM verifier, never in clear, and the verifier is the one PostgreSQL makes', async () => {
    const c = await rawClient();
    const role = `lantern_test_${Math.random().toString(36).slice(2, 10)}`;
    try {
      await c.query(`SET password_encryption = 'scram-sha-256'; CREATE ROLE ${role} LOGIN PASSWORD 'correct horse battery'`);
      const made = (await c.query<{ v: string }>('SELECT rolpassword AS v FROM pg_authid WHERE rolname = $1', [role])).rows[0]!.v;
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(made)!;
      expect(scramVerifier('correct horse battery', Number(iterations), Buffer.from(salt!, 'base64'))).toBe(made);

      const url = await prepareRuntimeRole(process.env.TEST_OWNER_URL!, { role, password: (r) => `secret for ${r}` });
      expect(decodeURIComponent(new URL(url).password)).toBe(`secret for ${role}`);
      const stored = (await c.query<{ v: string }>('SELECT rolpassword AS v FROM pg_authid WHERE rolname = $1', [role])).rows[0]!.v;
      expect(stored).toMatch(/^SCRAM-SHA-256\$4096:/);
      expect(stored).not.toContain('secret');
    } finally {
      await c.query(`DROP OWNED BY ${role}; DROP ROLE IF EXISTS ${role}`);
    }
  });
});
