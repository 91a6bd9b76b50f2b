import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from '../embedded.ts';
import { defaultRuntimeRole } from '../runtime-role.ts';

export type TestDatabase = { url: string; drop(): Promise<void> };

/**
 * A new, empty PostgreSQL database for a test: on DATABASE_URL's server (a real PostgreSQL) a
 * freshly created database, otherwise a fresh embedded database in a temporary directory.
 */
export async function freshDatabase(serverUrl: string | undefined = process.env.TEST_SERVER_URL): Promise<TestDatabase> {
  if (!serverUrl) return freshEmbedded();
  const name = `lantern_test_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${name}"`);
  const url = withDatabase(serverUrl, name);
  return {
    url,
    drop: async () => {
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      // Its runtime role (lib/db/runtime-role.ts), if one was made: roles outlive databases.
      await adminQuery(serverUrl, `DROP ROLE IF EXISTS "${defaultRuntimeRole(name)}"`);
    },
  };
}

async function freshEmbedded(): Promise<TestDatabase> {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-test-'));
  const server = await startEmbeddedDatabase({ dataDir: dir, port: 0, log: () => {} });
  return {
    url: server.url,
    drop: async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
