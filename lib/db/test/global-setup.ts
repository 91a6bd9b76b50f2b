import type { TestProject } from 'vitest/node';
import { migrate } from '../migrate.ts';
import { prepareRuntimeRole } from '../runtime-role.ts';
import { freshDatabase, type TestDatabase } from './servers.ts';
import { dropWorkerDatabases } from './worker-database.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The app's connection: the runtime role, as under `npm start`. */
    databaseUrl: string;
    /** The owner's (migrations, resets, tests that reach under the app). */
    ownerUrl: string;
    serverUrl: string;
    /** On a server: the migrated database each worker copies (setup.ts, worker-database.ts); '' on the embedded one. */
    templateName: string;
  }
}

let database: TestDatabase | undefined;
let template = '';

/**
 * One migrated database for the data-layer tests. On DATABASE_URL's server (CI: the local
 * PostgreSQL) a new database that is only a template: each worker runs its files on a copy of it,
 * so files run in parallel (worker-database.ts). Otherwise an embedded PostgreSQL in a temporary
 * directory, used by the app's code as the runtime role, one file at a time (its clients share
 * one session).
 */
export async function setup(project: TestProject) {
  const serverUrl = process.env.DATABASE_URL ?? '';
  database = await freshDatabase(serverUrl || undefined);
  await migrate(database.url, { log: () => {} });
  if (serverUrl) {
    template = new URL(database.url).pathname.slice(1);
    project.provide('databaseUrl', '');
  } else {
    project.provide('databaseUrl', await prepareRuntimeRole(database.url));
  }
  project.provide('ownerUrl', database.url);
  project.provide('serverUrl', serverUrl);
  project.provide('templateName', template);
}

export async function teardown() {
  if (template) await dropWorkerDatabases(process.env.DATABASE_URL!, template);
  await database?.drop();
}
