// The server for the end-to-end tests, started by Playwright (playwright.config.ts → webServer):
// a fresh database (a new one on DATABASE_URL's server, otherwise an embedded one in a temporary
// directory), migrated and seeded with the demo logins, behind the production build on E2E_PORT.
// It does not build: `next build` comes first. On SIGTERM/SIGINT it stops the app and drops the
// database, so no test run leaves anything behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { migrate } from '../lib/db/migrate.ts';
import { prepareRuntimeRole } from '../lib/db/runtime-role.ts';
import { freshDatabase, type TestDatabase } from '../lib/db/test/servers.ts';
import { seedDemoIfEmpty } from '../prisma/seed.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const port = Number(process.env.E2E_PORT ?? 3210);
const stateFile = process.env.E2E_STATE_FILE ?? path.join(root, 'test-results/e2e-server.json');
const log = (m: string) => console.error(`[e2e server] ${m}`);

if (!existsSync(path.join(root, '.next/BUILD_ID'))) {
  console.error('[e2e server] no production build found: run `next build` first');
  process.exit(1);
}

let database: TestDatabase | undefined;
let runtimeUrl: string | undefined; // the app's connection: the runtime role, as under `npm start`
let app: ChildProcess | undefined;
let stopping: Promise<void> | undefined;

/** Stops the app, then drops the database and forgets its URL. Safe to call more than once. */
function stop(code: number): Promise<void> {
  stopping ??= (async () => {
    if (app && app.exitCode === null && app.signalCode === null) {
      const exited = new Promise((resolve) => app!.once('exit', resolve));
      app.kill('SIGTERM');
      const timer = setTimeout(() => app!.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(stateFile, { force: true });
    await database?.drop().catch((e: Error) => log(`could not drop the test database: ${e.message}`));
    process.exit(code);
  })();
  return stopping;
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void stop(0));

// The app's key, made first so the demo seed encrypts its sensitive text (notes, alerts) with it.
const encryptionKey = randomBytes(32).toString('base64');

try {
  const started = Date.now();
  process.env.ENCRYPTION_KEY = encryptionKey;
  database = await freshDatabase(process.env.DATABASE_URL || undefined);
  await migrate(database.url, { log: () => {} });
  await seedDemoIfEmpty(database.url, () => {});
  runtimeUrl = await prepareRuntimeRole(database.url);
  mkdirSync(path.dirname(stateFile), { recursive: true });
  writeFileSync(stateFile, JSON.stringify({ databaseUrl: database.url, port }));
  log(`database ready in ${((Date.now() - started) / 1000).toFixed(1)} s; starting the app on port ${port}`);
} catch (error) {
  log(`could not prepare the database: ${error instanceof Error ? error.message : String(error)}`);
  await stop(1);
}

if (!stopping) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: runtimeUrl,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: encryptionKey,
    AUTH_URL: `http://localhost:${port}`,
    AUTH_TRUST_HOST: 'true',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(port),
    // The demo's sign-in: two-step sign-in is offered, not required, so the suite's accounts sign in
    // with a password; e2e/two-step.spec.ts sets it up for accounts of its own.
    LANTERN_TWO_FACTOR: 'optional',
  };
  // As `npm start` does: the hook writes each request's client address from its socket.
  const hook = pathToFileURL(path.join(root, 'scripts/lib/client-address-hook.mjs')).href;
  const nextCli = path.join(root, 'node_modules/next/dist/bin/next');
  app = spawn(process.execPath, ['--import', hook, nextCli, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: root,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  app.on('exit', (code, signal) => {
    if (stopping) return;
    log(`the app exited unexpectedly (${signal ?? `code ${code}`})`);
    void stop(1);
  });
}
