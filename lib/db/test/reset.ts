import pg from 'pg';

let client: pg.Client | undefined;

async function admin(): Promise<pg.Client> {
  if (!client) {
    // The owner: the app's runtime role may not truncate, and may not touch the audit log's triggers.
    client = new pg.Client({ connectionString: process.env.TEST_OWNER_URL ?? process.env.DATABASE_URL });
    await client.connect();
  }
  return client;
}

// One round trip. DELETE, not TRUNCATE: a test leaves a few rows, and TRUNCATE gives every one of
// the ~46 tables new files. Measured per reset on a loaded machine: about 1 s for TRUNCATE, 0.1 s
// for DELETE; whole suite on the server 443 → 392 s, on the embedded database about 1,100 → 820 s.
// Replica mode skips ordinary triggers (the audit log's append-only ones) and the foreign-key
// checks, so the order of the tables does not matter; sequences start again as RESTART IDENTITY
// did. Tables are read each time, so one a test adds is emptied too.
const RESET = `
DO $reset$
DECLARE t record;
BEGIN
  PERFORM set_config('session_replication_role', 'replica', true);
  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' LOOP
    EXECUTE format('DELETE FROM public.%I', t.tablename);
  END LOOP;
  PERFORM setval(s.seqrelid, s.seqstart, false)
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname = 'public';
  PERFORM set_config('session_replication_role', 'origin', true);
END
$reset$;
SELECT seed_default_service_types(); SELECT seed_default_outreach_options(); SELECT seed_default_note_kinds()`;

/**
 * Empties every application table between tests, and puts back the rows every installation starts
 * with (inserted by migrations). The audit log's append-only triggers are bypassed only here.
 */
export async function resetDatabase(): Promise<void> {
  const c = await admin();
  await c.query(RESET);
}

/** The role the app's code runs as in these tests (lib/db/runtime-role.ts). */
export function runtimeRole(): string {
  return decodeURIComponent(new URL(process.env.DATABASE_URL!).username);
}

/**
 * A raw connection as the owner, for tests that must reach under the data layer (e.g. to prove a
 * trigger holds even for the owner, or to set up a state the app cannot reach).
 */
export async function rawClient(): Promise<pg.Client> {
  return admin();
}

export async function closeTestDb(): Promise<void> {
  await client?.end();
  client = undefined;
  const { closeDb, closeOwnerDb } = await import('./open-db.ts');
  await closeDb();
  await closeOwnerDb();
}
