import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { openSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import pg from 'pg';
import { migrate } from '../lib/db/migrate.ts';
import { prepareRuntimeRole } from '../lib/db/runtime-role.ts';
import { freshDatabase, type TestDatabase } from '../lib/db/test/servers.ts';
import { seedDemoIfEmpty } from '../prisma/seed.ts';
import { demoLogin, expect, signIn, test } from './fixtures.ts';
import { startDbProxy, type DbProxy } from './db-proxy.ts';

// The database stops answering in the middle of the front desk's work. A second app (npm start's
// settings, as in production.spec.ts) reaches a database of this file's own (seeded with the demo
// under this app's key) through a TCP proxy this file controls:
// cutting the proxy is the outage, re-opening it the recovery. The shared PostgreSQL other tests
// use is never stopped.

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3210) + 9;
const BASE = `http://localhost:${PORT}`;
const NOT_SAVED = 'Not saved — the database did not answer; try again.';
// A save without an idempotency key: its commit may have gone through with only the answer lost.
const MAYBE_SAVED = 'The database did not answer, so this may not have been saved. Check before entering it again.';
let app: ChildProcess | undefined;
let proxy: DbProxy;
let database: TestDatabase | undefined;
let sql: pg.Client;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const encryptionKey = randomBytes(32).toString('base64');
  // As e2e/serve.ts: a new database on DATABASE_URL's server, or an embedded one of its own.
  database = await freshDatabase(process.env.DATABASE_URL || undefined);
  await migrate(database.url, { log: () => {} });
  const suiteKey = process.env.ENCRYPTION_KEY;
  process.env.ENCRYPTION_KEY = encryptionKey; // the demo's sensitive text, sealed with this app's key
  try {
    await seedDemoIfEmpty(database.url, () => {});
  } finally {
    if (suiteKey === undefined) delete process.env.ENCRYPTION_KEY;
    else process.env.ENCRYPTION_KEY = suiteKey;
  }
  sql = new pg.Client({ connectionString: database.url });
  await sql.connect();
  // The app connects as the runtime role, as under `npm start`; `sql` stays the owner.
  proxy = await startDbProxy(await prepareRuntimeRole(database.url));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: proxy.url,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: encryptionKey,
    AUTH_URL: BASE,
    AUTH_TRUST_HOST: 'true',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(PORT),
    // Signing in is not what is tested here: a password alone, as in the suite's own server.
    LANTERN_TWO_FACTOR: 'optional',
  };
  const hook = pathToFileURL(path.join(root, 'scripts/lib/client-address-hook.mjs')).href;
  const nextCli = path.join(root, 'node_modules/next/dist/bin/next');
  // E2E_OUTAGE_LOG=<file> keeps the second app's output, to see what a failing run's server said.
  const log = process.env.E2E_OUTAGE_LOG ? openSync(process.env.E2E_OUTAGE_LOG, 'a') : 'ignore';
  // A server left on the port by an earlier run would answer the health check in this app's place.
  if (!(await portIsFree())) throw new Error(`port ${PORT} is taken before the second app starts`);
  app = spawn(process.execPath, ['--import', hook, nextCli, 'start', '-p', String(PORT), '-H', '127.0.0.1'], { cwd: root, env, stdio: ['ignore', log, log] });
  for (let i = 0; i < 200; i++) {
    if (app.exitCode !== null || app.signalCode) throw new Error(`the second app exited (${app.exitCode ?? app.signalCode}) before it answered`);
    if (
      await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the second app did not answer /api/health');
});

test.afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app!.once('exit', resolve));
    app.kill('SIGTERM');
    await exited;
  }
  await proxy?.close();
  await sql?.end();
  await database?.drop();
});

function portIsFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(PORT, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

// A test that fails half-way must not leave the next one without its database.
test.afterEach(() => proxy.open());

const form = (page: Page) => page.locator('form:has(#quick-log-search)');
const keyOf = (page: Page) => form(page).locator('input[name="idempotencyKey"]').inputValue();
const secondService = (page: Page) => page.locator('#quick-log-services input[name="service"]').nth(1);

/** An anonymous visit with the second service ticked, typed but not saved. */
async function typeAnonymousVisit(page: Page): Promise<string> {
  await page.getByRole('button', { name: 'Anonymous visit' }).click();
  await secondService(page).check();
  return keyOf(page);
}

async function visitsWithKey(key: string): Promise<number> {
  const { rows } = await sql.query<{ n: number }>('SELECT count(*)::int AS n FROM visit WHERE idempotency_key = $1', [key]);
  return rows[0]!.n;
}

// The database is this file's own: the demo's front-desk login is free to use.
const signedInDesk = (page: Page) => signIn(page, demoLogin('coordinator'));

test('the database stops during a save: the visit stays in the form with a plain message; once it is back, Save stores one visit', async ({ page }) => {
  await signedInDesk(page);
  const key = await typeAnonymousVisit(page);

  proxy.cut();
  await page.getByRole('button', { name: /Save visit/ }).click();
  await expect(form(page).getByRole('alert')).toHaveText(NOT_SAVED);
  await expect(page.getByRole('main').getByRole('status')).toContainText('The anonymous visit was not saved. The database did not answer; try again.');
  // Everything typed is still there, with the same key: this Save is the same visit, not a new one.
  await expect(page.getByText('Anonymous visit', { exact: true }).locator('xpath=ancestor::p')).toBeVisible();
  await expect(secondService(page)).toBeChecked();
  expect(await keyOf(page)).toBe(key);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Hello, /);
  expect(await visitsWithKey(key)).toBe(0);

  proxy.open();
  await page.getByRole('button', { name: /Save visit/ }).click();
  await expect(page.getByRole('main').getByRole('status').locator('p').first()).toHaveText('Anonymous visit saved.');
  expect(await visitsWithKey(key)).toBe(1);
});

test('the answer is lost after the visit committed: “not saved”, and Save again returns that visit — still one', async ({ page }) => {
  await signedInDesk(page);
  const key = await typeAnonymousVisit(page);

  const sprung = proxy.cutAfterAnswerMatching('visitId');
  await page.getByRole('button', { name: /Save visit/ }).click();
  await sprung;
  await expect(form(page).getByRole('alert')).toHaveText(NOT_SAVED);
  // It did commit: the database answered after the commit, and only the answer was lost.
  expect(await visitsWithKey(key)).toBe(1);
  expect(await keyOf(page)).toBe(key);

  proxy.open();
  await page.getByRole('button', { name: /Save visit/ }).click();
  await expect(page.getByRole('main').getByRole('status').locator('p').first()).toHaveText('Anonymous visit saved.');
  expect(await visitsWithKey(key)).toBe(1);
});

test('the database goes away just after the save: the page cannot be drawn, and says the save stands', async ({ page }) => {
  await signedInDesk(page);
  const key = await typeAnonymousVisit(page);

  // The save's answer gets through; the page drawn after it finds the database gone.
  const sprung = proxy.cutAfterAnswerMatching('visitId', { forward: true });
  await page.getByRole('button', { name: /Save visit/ }).click();
  await sprung;
  const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'This page could not be shown' }) });
  await expect(alert).toContainText(/Your save at \d\d:\d\d was stored\. .*Do not enter it again/);
  await expect(alert).not.toContainText(/nothing .* lost/i);
  expect(await visitsWithKey(key)).toBe(1);

  proxy.open();
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Hello, /);
  await expect(page.getByRole('button', { name: /Save visit/ })).toBeVisible();
  expect(await visitsWithKey(key)).toBe(1);
});

test('after a save stood, a later save that fails as a bug is not called stored', async ({ page }) => {
  // The error page's "was stored" speaks of this tab's latest submission only: an earlier save's
  // mark (still within its two minutes) says nothing about the one that just failed.
  await signedInDesk(page);
  await typeAnonymousVisit(page);
  await page.getByRole('button', { name: /Save visit/ }).click();
  await expect(page.getByRole('main').getByRole('status').locator('p').first()).toHaveText('Anonymous visit saved.');
  expect(await page.evaluate(() => document.cookie)).toMatch(/lantern-saved=\d+\./);

  // The next save, a new record, fails in the database with an error that is no outage: a bug.
  await page.goto('/participants/new');
  const alias = `Refused ${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Alias').fill(alias);
  await page.getByLabel('The person agreed that we keep a record').check();
  await sql.query(`CREATE FUNCTION e2e_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'e2e: not stored' USING ERRCODE = 'XX000'; END $$;
                   CREATE TRIGGER e2e_refuse BEFORE INSERT ON participant FOR EACH ROW EXECUTE FUNCTION e2e_refuse();`);
  try {
    await page.getByRole('button', { name: 'Create record' }).click();
    const alert = page.getByRole('alert').filter({ has: page.getByRole('heading', { name: 'This page could not be shown' }) });
    await expect(alert).toContainText('check whether it was stored before entering it again');
    await expect(alert).not.toContainText(/was stored\./);
  } finally {
    await sql.query('DROP TRIGGER e2e_refuse ON participant; DROP FUNCTION e2e_refuse()');
  }
  const { rows } = await sql.query('SELECT 1 FROM participant WHERE alias = $1', [alias]);
  expect(rows).toHaveLength(0);
});

test('any form keeps what was typed through an outage: a new participant record', async ({ page }) => {
  // The generic answer (lib/action.ts), for a form that submits with useActionState, whose
  // refusals React would otherwise answer with an emptied form or the error page. A new record
  // has no idempotency key, so the answer does not claim it was not saved: Save again could make
  // the person twice if the commit went through and only its answer was lost.
  await signedInDesk(page);
  await page.goto('/participants/new');
  const alias = `Outage ${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Alias').fill(alias);
  await page.getByLabel('The person agreed that we keep a record').check();

  proxy.cut();
  await page.getByRole('button', { name: 'Create record' }).click();
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(MAYBE_SAVED);
  await expect(page.getByLabel('Alias')).toHaveValue(alias);
  await expect(page.getByLabel('The person agreed that we keep a record')).toBeChecked();
  await expect(page).toHaveURL('/participants/new');

  proxy.open();
  await page.getByRole('button', { name: 'Create record' }).click();
  await page.waitForURL(/\/participants\/[0-9a-f-]{36}$/);
  const { rows } = await sql.query('SELECT 1 FROM participant WHERE alias = $1', [alias]);
  expect(rows).toHaveLength(1);
});
