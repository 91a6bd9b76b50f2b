// The app connects as a role that owns nothing: it cannot rewrite the audit log, switch triggers
// off, or raise its own privileges. The test suite itself runs the app's code as this role
// (lib/db/test/global-setup.ts), so a privilege missing from the map fails the test that needs it.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RUNTIME_ROLE, prepareRuntimeRole, RUNTIME_PRIVILEGES, RuntimeRoleError } from './runtime-role.ts';
import { rawClient } from './test/reset.ts';

const PRIVILEGES = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'] as const;

let app: pg.Client;

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
      `SELECT current_user AS u, (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS su`);
    expect(rows[0]).toEqual({ u: DEFAULT_RUNTIME_ROLE, su: false });
  });

  it('has a decision for every table, and holds exactly the privileges of that decision', async () => {
    const owner = await rawClient();
    const tables = (await owner.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`))
      .rows.map((r) => r.t);
    expect(tables.filter((t) => !(t in RUNTIME_PRIVILEGES))).toEqual([]);
    expect(Object.keys(RUNTIME_PRIVILEGES).filter((t) => !tables.includes(t))).toEqual([]);
    const held: Record<string, string[]> = {};
    for (const t of tables) {
      const { rows } = await owner.query<{ p: string }>(
        `SELECT p FROM unnest($2::text[]) AS p WHERE has_table_privilege($1, $3::regclass, p)`,
        [DEFAULT_RUNTIME_ROLE, PRIVILEGES, t]);
      held[t] = rows.map((r) => r.p);
    }
    expect(held).toEqual(Object.fromEntries(tables.map((t) => [t, [...RUNTIME_PRIVILEGES[t]!]])));
  });

  it('writes the audit log but cannot change, delete or truncate it', async () => {
    expect(await outcome(`INSERT INTO audit_event (action) VALUES ('test.runtime')`)).toBe('ok');
    expect(await outcome(`UPDATE audit_event SET action = 'x'`)).toBe('42501');
    expect(await outcome(`DELETE FROM audit_event`)).toBe('42501');
    expect(await outcome(`TRUNCATE audit_event`)).toBe('42501');
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
    expect(await outcome(`ALTER TABLE audit_event OWNER TO ${DEFAULT_RUNTIME_ROLE}`)).toBe('42501');
    expect(await outcome(`ALTER ROLE ${DEFAULT_RUNTIME_ROLE} SUPERUSER`)).toBe('42501');
    // A GRANT by a role without the grant option only warns "no privileges were granted".
    await outcome(`GRANT UPDATE ON audit_event TO ${DEFAULT_RUNTIME_ROLE}`);
    expect((await app.query(`SELECT has_table_privilege('audit_event', 'UPDATE') AS p`)).rows[0]).toEqual({ p: false });
    expect(await outcome(`CREATE OR REPLACE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$`))
      .toBe('42501');
  });

  it('is prepared again without change, also by several instances at once', async () => {
    const owner = process.env.TEST_OWNER_URL!;
    const urls = await Promise.all(Array.from({ length: 4 }, () => prepareRuntimeRole(owner)));
    expect(new Set(urls).size).toBe(1);
    expect(new URL(urls[0]!).username).toBe(DEFAULT_RUNTIME_ROLE);
    expect(await outcome(`SELECT count(*) FROM visit`)).toBe('ok');
    expect(await outcome(`DELETE FROM audit_event`)).toBe('42501');
  });

  it('refuses a runtime role that is the owner, or privileged', async () => {
    const owner = process.env.TEST_OWNER_URL!;
    const ownerRole = decodeURIComponent(new URL(owner).username) || 'postgres';
    await expect(prepareRuntimeRole(owner, { role: ownerRole })).rejects.toThrow(RuntimeRoleError);
    await expect(prepareRuntimeRole(owner, { role: 'Robert"; DROP TABLE visit; --' })).rejects.toThrow(/lower-case letters/);
    const c = await rawClient();
    await c.query(`DROP ROLE IF EXISTS lantern_test_mighty; CREATE ROLE lantern_test_mighty LOGIN CREATEROLE`);
    try {
      await expect(prepareRuntimeRole(owner, { role: 'lantern_test_mighty' })).rejects.toThrow(/must not be a superuser/);
    } finally {
      await c.query(`DROP ROLE lantern_test_mighty`);
    }
  });
});
