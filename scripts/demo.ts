// `npm run demo`: Lantern at http://localhost:3000 with demo data, on an embedded PostgreSQL kept in
// .data/ unless DATABASE_URL is set. `npm run dev` (--dev) is the same with `next dev`.
// Ctrl-C stops the app, then the database (cleanly: its files are flushed), and exits 0.
import { constants } from 'node:os';
import path from 'node:path';
import { clockDescription, isKnownZone, programZoneName } from '../lib/calendar/zone.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../lib/db/embedded.ts';
import { migrate } from '../lib/db/migrate.ts';
import { createDb } from '../lib/db/create.ts';
import { moveOldNotes } from '../lib/privacy/move-old-notes.ts';
import { prepareRuntimeRole } from '../lib/db/runtime-role.ts';
import { seedDemoIfEmpty, DEMO_LOGINS } from '../prisma/seed.ts';
import { loadDemoSecrets } from './lib/demo-secrets.ts';
import { buildReason, nextBuild, portIsFree, startNext, stopChildren, waitForHealth } from './lib/next-app.ts';
import { createSteps } from './lib/progress.ts';

const dev = process.argv.includes('--dev');
const root = path.resolve(import.meta.dirname, '..');
process.chdir(root); // .data, .next and Next itself are relative to the project
const port = Number(process.env.PORT ?? 3000);
// Where the embedded database and demo secrets live; CI points it at a temporary directory.
const dataDir = process.env.LANTERN_DATA_DIR ?? '.data';
const appUrl = `http://localhost:${port}`;
const step = createSteps(dev ? 6 : 7);
let db: EmbeddedDatabase | undefined;
let stopping = false;

/** Stops the app (if running), then the embedded database; exits with `code`. */
async function shutdown(code: number): Promise<never> {
  stopping = true;
  await stopChildren(5_000);
  await db?.close().catch((err: Error) => console.error(`Closing the embedded database failed: ${err.message}`));
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    process.stdout.write('\nStopping Lantern…\n');
    void shutdown(0);
  });
}

try {
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`PORT must be a port number, not "${process.env.PORT}"`);
  if (!isKnownZone(programZoneName()))
    throw new Error(`LANTERN_TIME_ZONE must be an IANA time zone name such as America/Vancouver, not "${programZoneName()}"`);
  console.log(`Lantern: ${clockDescription()}`);
  if (!(await portIsFree(port))) throw new Error(`port ${port} is in use: stop what runs there, or choose another (PORT=3001 npm run ${dev ? 'dev' : 'demo'})`);

  let databaseUrl = process.env.DATABASE_URL;
  if (databaseUrl) {
    const shown = new URL(databaseUrl);
    shown.password = shown.password && '***';
    await step(`Using the database at ${shown}`, async () => {});
  } else {
    await step('Starting the embedded database', async ({ note }) => {
      // Its usual port, so psql users can keep one URL; any free one if something else has it.
      const dbPort = (await portIsFree(54329, '127.0.0.1')) ? 54329 : 0;
      db = await startEmbeddedDatabase({ dataDir: path.join(dataDir, 'pglite'), port: dbPort, log: (m) => console.error(m) });
      databaseUrl = db.url;
      note(`${db.url} (psql works too)`);
    });
  }
  const url = databaseUrl!;

  const secrets = await step('Preparing secrets', async ({ result }) => {
    const s = loadDemoSecrets(path.join(dataDir, 'demo-secrets.json'));
    // The demo seed runs in this process and encrypts the sample safe contacts and notes.
    process.env.ENCRYPTION_KEY ??= s.ENCRYPTION_KEY;
    result(s.generated ? `generated (kept in ${path.join(dataDir, 'demo-secrets.json')})` : 'done');
    return s;
  });

  await step('Applying migrations', async ({ note, result }) => {
    const { applied } = await migrate(url, { log: note });
    // A demo kept from before dated notes: its old Notes values move into entries, as `npm start` does.
    const owner = createDb(url, 1);
    try {
      const moved = await moveOldNotes(owner);
      if (moved) note(`moved ${moved} participant note(s) into dated entries`);
    } finally {
      await owner.$disconnect();
    }
    result(applied.length ? `${applied.length} applied` : 'up to date');
  });

  await step('Loading demo data', async ({ note, result }) => {
    result((await seedDemoIfEmpty(url, note)) ? 'loaded' : 'kept (the database already has data)');
  });

  // As under `npm start`: the app connects as a role that owns nothing and cannot rewrite the audit log.
  const appDatabaseUrl = await step("Preparing the app's database role", async ({ result }) => {
    const runtime = await prepareRuntimeRole(url);
    result(new URL(runtime).username);
    return runtime;
  });

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: dev ? 'development' : 'production',
    DATABASE_URL: appDatabaseUrl,
    AUTH_SECRET: secrets.AUTH_SECRET,
    ENCRYPTION_KEY: secrets.ENCRYPTION_KEY,
    AUTH_URL: appUrl,
    AUTH_TRUST_HOST: 'true',
    NEXT_TELEMETRY_DISABLED: '1',
    // The printed demo passwords sign in alone: two-step sign-in is offered (Your account), not
    // required as it is under `npm start`.
    LANTERN_TWO_FACTOR: 'optional',
  };

  if (!dev) {
    await step('Building the app', async ({ status, result, note }) => {
      const reason = buildReason(root);
      if (!reason) return result('up to date');
      note(`rebuilt: ${reason}`);
      await nextBuild(env, status).catch((err: Error & { output?: string }) => {
        process.stdout.write(`\n${err.output ?? ''}\n`);
        throw err;
      });
    });
  }

  const server = await step(`Starting Lantern (next ${dev ? 'dev' : 'start'})`, async () => {
    const s = startNext(dev ? 'dev' : 'start', port, env);
    try {
      await waitForHealth(`${appUrl}/api/health`, s.child, dev ? 180_000 : 60_000);
    } catch (err) {
      process.stdout.write(`\n${s.held()}\n`);
      throw err;
    }
    return s;
  });

  const [r, e] = [Math.max(...DEMO_LOGINS.map((l) => l.role.length)) + 2, Math.max(...DEMO_LOGINS.map((l) => l.email.length)) + 2];
  console.log(`\nLantern is running at ${appUrl}  (Ctrl-C to stop)\n\nDemo sign-ins:\n`);
  console.log(`  ${'role'.padEnd(r)}${'email'.padEnd(e)}password`);
  for (const l of DEMO_LOGINS) console.log(`  ${l.role.padEnd(r)}${l.email.padEnd(e)}${l.password}`);
  console.log('');
  server.release();

  server.child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`Lantern stopped by itself (${signal ?? `exit code ${code}`}).`);
    void shutdown(code ?? 128 + (signal ? constants.signals[signal] : 0));
  });
} catch (err) {
  if (!stopping) {
    console.error(`\nLantern cannot start: ${(err as Error).message}`);
    await shutdown(1);
  }
}
