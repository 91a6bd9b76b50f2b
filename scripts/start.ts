// `npm start`: the production entry point. Refuses to start on bad configuration with one line
// (no stack trace: operators read this in service logs), applies pending migrations under
// Prisma's advisory lock (several instances may start at once: one migrates, the others wait),
// then runs `next start` in the foreground and exits with its code. SIGTERM or SIGINT stops it at
// any point, Next included (scripts/lib/foreground.ts).
import { createRequire } from 'node:module';
import net from 'node:net';
import { createDb } from '../lib/db/create.ts';
import { migrate } from '../lib/db/migrate.ts';
import { sealFreeText } from '../lib/privacy/seal.ts';
import { moveOldNotes } from '../lib/privacy/move-old-notes.ts';
import { prepareRuntimeRole, runtimePassword } from '../lib/db/runtime-role.ts';
import { checkEnv } from '../lib/env.ts';
import { clockDescription } from '../lib/calendar/zone.ts';
import { parseTrustedProxies } from '../lib/auth/client-address.mjs';
import { runServer, stopOnSignals } from './lib/foreground.ts';

stopOnSignals();

function fail(reason: string): never {
  console.error(`Lantern cannot start: ${reason.replace(/\s+/g, ' ').trim()}`);
  process.exit(1);
}

const config = checkEnv();
if (!config.ok) fail(config.message);

const port = process.env.PORT ?? '3000';
if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535) {
  fail(`PORT must be a port number between 1 and 65535, not "${port}"`);
}

// One address to listen on (e.g. 127.0.0.1 behind a proxy on the same host); unset, Next listens
// on every address. Not HOSTNAME: shells and Docker set that to the machine's own name.
const host = process.env.LANTERN_HOST;
const hostName = /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
if (host !== undefined && !net.isIP(host) && !hostName.test(host)) {
  fail(`LANTERN_HOST must be an IP address or host name to listen on, such as 127.0.0.1 or ::, not "${host}"`);
}

// The hook writes each request's client address from its socket (lib/auth/client-address.mjs);
// a malformed TRUSTED_PROXIES stops here with its reason rather than inside Next.
try {
  parseTrustedProxies(process.env.TRUSTED_PROXIES);
} catch (e) {
  fail((e as Error).message);
}

try {
  await migrate(config.env.DATABASE_URL, { log: (m) => console.log(`migrate: ${m}`) });
} catch (e) {
  fail((e as Error).message ?? String(e));
}

// Words written in clear before their column was encrypted (a migration parks them in
// free_text_to_seal; SQL has no key) are sealed with the app's key before the app serves.
try {
  const owner = createDb(config.env.DATABASE_URL, 1);
  try {
    const sealed = await sealFreeText(owner);
    if (sealed) console.log(`database: encrypted ${sealed} piece(s) of text written before encryption`);
    // The old single Notes field, re-encrypted into its dated entry (migration 20261209010000).
    const moved = await moveOldNotes(owner);
    if (moved) console.log(`database: moved ${moved} participant note(s) into dated entries`);
  } finally {
    await owner.$disconnect();
  }
} catch (e) {
  fail(`cannot encrypt the text written before encryption: ${(e as Error).message ?? String(e)}`);
}

// The app never connects as the owner: a runtime role that owns nothing and cannot rewrite the
// audit log (lib/db/runtime-role.ts; README "Database roles"). Given RUNTIME_DATABASE_URL, that
// role is the operator's and only gets its grants; otherwise the owner creates <database>_app.
try {
  const given = config.env.RUNTIME_DATABASE_URL;
  const prepared = await prepareRuntimeRole(config.env.DATABASE_URL, {
    role: given ? decodeURIComponent(new URL(given).username) : process.env.LANTERN_RUNTIME_ROLE || undefined,
    password: given ? undefined : (role) => runtimePassword(config.env.AUTH_SECRET, role),
    log: (m) => console.log(`database: ${m}`),
  });
  process.env.DATABASE_URL = given ?? prepared; // what Next's process (and so the app) connects with
  console.log(`database: the app connects as ${new URL(prepared).username}`);
} catch (e) {
  fail((e as Error).message ?? String(e));
}

console.log(`Lantern: ${clockDescription()}`);

// Node runs Next's CLI directly: no shell, and no dependence on node_modules/.bin.
const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
const hook = new URL('./lib/client-address-hook.mjs', import.meta.url).href;
runServer(['--import', hook, nextCli, 'start', '--port', port, ...(host ? ['--hostname', host] : [])], (e) => fail(`cannot run next start: ${e.message}`));
