import pg from 'pg';
import { prepareRuntimeRole, defaultRuntimeRole } from '../runtime-role.ts';
import { withDatabase } from './servers.ts';

/**
 * On a PostgreSQL server the data-layer files run in parallel, each worker on a database of its
 * own: a copy of the migrated template that global-setup.ts made (CREATE DATABASE … TEMPLATE, as
 * epic-stack's tests/setup/db-setup.ts copies its SQLite file per worker), made by the worker's
 * first file and reused by its next ones, which reset it between tests as before. Its runtime role
 * is its own too (`<copy>_app`), since roles are server-wide.
 */
export function workerDatabaseName(template: string, poolId: string): string {
  return `${template}_w${poolId}`;
}

/** The worker's copy of `template` (made if this is the worker's first file): owner and runtime URLs. */
export async function workerDatabase(serverUrl: string, template: string, poolId: string): Promise<{ ownerUrl: string; databaseUrl: string }> {
  const name = workerDatabaseName(template, poolId);
  const ownerUrl = withDatabase(serverUrl, name);
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount! > 0;
    if (exists) {
      // Made by this worker's first file, with its role (prepareRuntimeRole's URL without a password).
      const url = new URL(ownerUrl);
      url.username = defaultRuntimeRole(name);
      url.password = '';
      return { ownerUrl, databaseUrl: url.toString() };
    }
    // Copying needs the template to have no other session; workers starting together may meet there.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${admin.escapeIdentifier(name)} TEMPLATE ${admin.escapeIdentifier(template)}`);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
  return { ownerUrl, databaseUrl: await prepareRuntimeRole(ownerUrl) };
}

/** Drops every worker's copy of `template` and its runtime role (global teardown). */
export async function dropWorkerDatabases(serverUrl: string, template: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    const { rows } = await admin.query<{ name: string }>(`SELECT datname AS name FROM pg_database WHERE starts_with(datname, $1)`, [
      workerDatabaseName(template, ''),
    ]);
    for (const { name } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${admin.escapeIdentifier(name)} WITH (FORCE)`);
      await admin.query(`DROP ROLE IF EXISTS ${admin.escapeIdentifier(defaultRuntimeRole(name))}`);
    }
  } finally {
    await admin.end();
  }
}
