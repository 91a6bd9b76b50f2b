import type { TestProject } from 'vitest/node';
import { migrate } from '../migrate.ts';
import { freshDatabase, type TestDatabase } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    serverUrl: string;
  }
}

let database: TestDatabase | undefined;

/**
 * One migrated database for the data-layer tests: a new database on DATABASE_URL's server when
 * it is set (CI: the local PostgreSQL), otherwise an embedded PostgreSQL in a temporary directory.
 */
export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL ?? '';
  database = await freshDatabase(serverUrl || undefined);
  await migrate(database.url, { log: () => {} });
  project.provide('databaseUrl', database.url);
  project.provide('serverUrl', serverUrl);
}

export async function teardown() {
  await database?.drop();
}
