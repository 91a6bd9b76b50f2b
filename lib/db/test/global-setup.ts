import type { TestProject } from 'vitest/node';
import { migrate } from '../migrate.ts';
import { prepareRuntimeRole } from '../runtime-role.ts';
import { freshDatabase, type TestDatabase } from './servers.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app's connection: the runtime role, as under `npm start`. */
    databaseUrl: string;
    /** The owner's (migrations, resets, tests that reach under the app). */
    ownerUrl: string;
    serverUrl: string;
  }
}

let database: TestDatabase | undefined;

/**
 * One migrated database for the data-layer tests, used by the app's code as the runtime role: a new database on DATABASE_URL's server when
 * it is set (CI: the local PostgreSQL), otherwise an embedded PostgreSQL in a temporary directory.
 */
export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL ?? '';
  database = await freshDatabase(serverUrl || undefined);
  await migrate(database.url, { log: () => {} });
  project.provide('databaseUrl', await prepareRuntimeRole(database.url));
  project.provide('ownerUrl', database.url);
  project.provide('serverUrl', serverUrl);
}

export async function teardown() {
  await database?.drop();
}
