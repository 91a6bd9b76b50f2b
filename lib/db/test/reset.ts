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

/**
 * Empties every application table between tests. The audit log's append-only triggers are
 * bypassed only here, by switching this session to replica mode, which skips ordinary triggers.
 */
export async function resetDatabase(): Promise<void> {
  const c = await admin();
  const { rows } = await c.query<{ name: string }>(
    `SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`,
  );
  if (rows.length === 0) return;
  await c.query(
    `SET session_replication_role = replica; TRUNCATE ${rows.map((r) => r.name).join(', ')} RESTART IDENTITY CASCADE; SET session_replication_role = DEFAULT;`,
  );
  // Rows every installation starts with (inserted by migrations) come back after the truncate.
  await c.query(`SELECT seed_default_service_types(); SELECT seed_default_outreach_options(); SELECT seed_default_note_kinds()`);
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
  const { getDbIfOpen, closeOwnerDb } = await import('./open-db.ts');
  await getDbIfOpen()?.$disconnect();
  await closeOwnerDb();
}
