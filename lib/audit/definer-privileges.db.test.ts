import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { RUNTIME_FUNCTIONS } from '@/lib/db/runtime-functions.ts';
import { makePerson } from '@/lib/bookings/test-helpers.ts';
import { logVisit, voidVisit } from '@/lib/visits/mutations.ts';
import { recordAudit } from './record.ts';
import { runtimeRole, verifyChain } from './test-helpers.ts';

// The SECURITY DEFINER functions run as the owner, so who may call them matters: the app's runtime
// role may call only those RUNTIME_FUNCTIONS names, cannot choose a verification's result, and
// cannot hold the audit chain's lock.

// The grants are prepareRuntimeRole's (lib/db/runtime-role.ts), made when the test database was set up.

/** The app's own connection: the runtime role, as under `npm start`. */
let app: pg.Client;
beforeAll(async () => {
  app = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await app.connect();
});
afterAll(() => app.end());

type Definer = { sig: string; name: string; args: string };
async function definerFunctions(): Promise<Definer[]> {
  const { rows } = await (
    await rawClient()
  ).query<Definer>(`
    SELECT p.oid::regprocedure::text AS sig, p.proname AS name,
      coalesce((SELECT string_agg(format('NULL::%s', t::regtype), ', ' ORDER BY i) FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY a(t, i)), '') AS args
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prosecdef ORDER BY 1`);
  return rows;
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: { code?: string }) => e.code,
  );

describe('SECURITY DEFINER functions', () => {
  it('are executable by the runtime role exactly when RUNTIME_FUNCTIONS names them', async () => {
    const definers = await definerFunctions();
    expect(definers.map((d) => d.sig)).toEqual(expect.arrayContaining([...RUNTIME_FUNCTIONS]));
    const c = await rawClient();
    const may: Record<string, boolean> = {};
    for (const d of definers) {
      may[d.sig] = (await c.query<{ x: boolean }>(`SELECT has_function_privilege($1, $2, 'EXECUTE') AS x`, [runtimeRole(), d.sig])).rows[0]!.x;
    }
    expect(may).toEqual(Object.fromEntries(definers.map((d) => [d.sig, RUNTIME_FUNCTIONS.includes(d.sig)])));
  });

  it('refuses the runtime role a call to any other one (42501)', async () => {
    const others = (await definerFunctions()).filter((d) => !RUNTIME_FUNCTIONS.includes(d.sig));
    expect(others.length).toBeGreaterThanOrEqual(6);
    const refused: Record<string, string | undefined> = {};
    for (const d of others) refused[d.sig] = await code(app.query(`SELECT ${d.name}(${d.args})`));
    expect(refused).toEqual(Object.fromEntries(others.map((d) => [d.sig, '42501'])));
  });

  it('still fire as triggers for the runtime role: its audit event is chained', async () => {
    await app.query(`INSERT INTO audit_event (action, outcome) VALUES ('test.event', 'ok')`);
    expect(await verifyChain()).toMatchObject({ ok: true, entries: 1 });
  });
});

describe('the chain verification, from the runtime role', () => {
  it('cannot be recorded with a result of its choosing', async () => {
    expect(await code(app.query(`SELECT audit_verification_record(true, 999, NULL, NULL, NULL, NULL, NULL, NULL, 'command')`))).toBe('42883');
    expect(await code(app.query(`INSERT INTO audit_verification (ok, entries, via) VALUES (true, 999, 'page')`))).toBe('42501');
    expect(await code(app.query(`SELECT * FROM audit_verify_and_record('command')`))).toBe('42501');
    expect((await (await rawClient()).query('SELECT count(*)::int AS n FROM audit_verification')).rows[0].n).toBe(0);
  });

  it('records what the database found: a changed event is a failure whoever asks', async () => {
    await app.query(`INSERT INTO audit_event (action, outcome) VALUES ('test.event', 'ok'), ('test.event', 'ok')`);
    const owner = await rawClient();
    await owner.query(`SET session_replication_role = replica`);
    await owner.query(`UPDATE audit_event SET outcome = 'refused' WHERE id = 2`).finally(() => owner.query(`SET session_replication_role = DEFAULT`));
    const { rows } = await app.query(`SELECT ok, entries::int, problem, broken_event_id::int FROM audit_verify_and_record('page')`);
    expect(rows).toEqual([{ ok: false, entries: 2, problem: 'changed', broken_event_id: 2 }]);
    const latest = (await app.query(`SELECT ok, via, problem FROM audit_verification_latest()`)).rows;
    expect(latest).toEqual([{ ok: false, via: 'page', problem: 'changed' }]);
  });
});

describe("the audit chain's lock", () => {
  it('is not the advisory lock any role can take: holding it no longer blocks an audited commit', async () => {
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query('SELECT pg_advisory_lock(72707371)');
      const commit = db.$transaction((tx) => recordAudit(tx, null, 'test.event'));
      const blocked = new Promise<'blocked'>((resolve) => setTimeout(() => resolve('blocked'), 5_000));
      expect(await Promise.race([commit.then(() => 'committed'), blocked])).toBe('committed');
    } finally {
      await holder.end();
    }
    expect(await verifyChain()).toMatchObject({ ok: true, entries: 1 });
  });

  it('is a row the runtime role may neither lock nor change', async () => {
    await app.query('BEGIN');
    try {
      expect(await code(app.query('SELECT * FROM audit_chain_head FOR UPDATE'))).toBe('42501');
    } finally {
      await app.query('ROLLBACK');
    }
    await app.query('BEGIN');
    try {
      expect(await code(app.query('LOCK TABLE audit_chain_head IN ACCESS EXCLUSIVE MODE'))).toBe('42501');
    } finally {
      await app.query('ROLLBACK');
    }
    expect(await code(app.query('DELETE FROM audit_chain_head'))).toBe('42501');
  });
});

describe('forgetting words waiting to be sealed', () => {
  it('forgets only those of de-identified people', async () => {
    const manager = await makeActor('manager');
    const person = await makePerson(manager);
    const { visitId } = await logVisit(manager, { idempotencyKey: randomUUID(), participantId: person.id, services: [] });
    await voidVisit(manager, { visitId, reason: 'placeholder' });
    const owner = await rawClient();
    await owner.query(`INSERT INTO free_text_to_seal (table_name, row_id, column_name, text) VALUES ('visit', $1, 'void_reason_enc', 'Wrong person')`, [
      visitId,
    ]);
    const waiting = async () => (await owner.query('SELECT count(*)::int AS n FROM free_text_to_seal')).rows[0].n as number;

    await app.query('SELECT forget_unsealed_text($1::uuid[])', [[person.id]]);
    expect(await waiting()).toBe(1);
    await owner.query('UPDATE participant SET deidentified_at = now(), alias = NULL WHERE id = $1', [person.id]);
    await app.query('SELECT forget_unsealed_text($1::uuid[])', [[person.id]]);
    expect(await waiting()).toBe(0);
  });
});
