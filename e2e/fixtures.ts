import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test as base, expect, type Page } from '@playwright/test';
import pg from 'pg';
import { hashPassword } from '../lib/auth/password.ts';
import type { Role } from '../lib/auth/permissions.ts';
import { DEMO_LOGINS } from '../prisma/seed/staff.ts';

export { expect };
export type { Role };

export type Login = { email: string; password: string; displayName: string; role: Role };

/** The seeded demo login for a role. Tests use these read-only: never change their password or sessions. */
export function demoLogin(role: Role): Login {
  const login = DEMO_LOGINS.find((l) => l.role === role);
  if (!login) throw new Error(`no demo login for ${role}`);
  return login;
}

/**
 * An email no account has and no other test uses. Tests that fail sign-in on purpose use one, so
 * the per-account throttle never locks out a demo login another test needs.
 */
export function uniqueEmail(label = 'nobody'): string {
  return `e2e-${label}-${randomBytes(4).toString('hex')}@example.net`;
}

/**
 * Signs in through the real sign-in form and waits for the page it lands on: the role's home (the
 * signed-in home greeting the person by name, or the outreach home for an outreach worker) unless
 * told otherwise, e.g. '/change-password' for a temporary password.
 */
export async function signIn(
  page: Page, login: Pick<Login, 'email' | 'password' | 'displayName'> & { role?: Role }, landing = login.role === 'outreach' ? '/outreach' : '/',
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(landing);
  if (landing === '/') await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${login.displayName}`);
  if (landing === '/outreach') await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outreach');
}

/** A zone far from Vancouver's under any rules (UTC+14): Vancouver's day and hour are never its. */
export const FAR_ZONE = 'Pacific/Kiritimati';

/**
 * Gives the page's browser other time-zone rules than the server's: it reads America/Vancouver
 * as FAR_ZONE. Browsers and servers do ship different tzdata (Chromium 156's 2026e keeps
 * British Columbia on UTC-7 after 2026-11-01, Node 20's 2025c falls back to UTC-8), and a client
 * component that formats an instant itself then renders other text than the server's HTML, so
 * hydration fails. This makes that happen every time, not only when the rules happen to differ.
 * Call it before the page's first navigation; with `test.use({ timezoneId: FAR_ZONE })` it also
 * catches formatting in the browser's own zone.
 */
export async function giveBrowserOtherZoneRules(page: Page): Promise<void> {
  await page.addInitScript((far) => {
    const swap = (options?: Intl.DateTimeFormatOptions) =>
      options?.timeZone && /^(america\/vancouver|canada\/pacific)$/i.test(options.timeZone) ? { ...options, timeZone: far } : options;
    const Real = Intl.DateTimeFormat;
    Intl.DateTimeFormat = new Proxy(Real, {
      construct: (target, [locales, options]) => new target(locales, swap(options)),
      apply: (target, _this, [locales, options]) => target(locales, swap(options)),
    });
    for (const name of ['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString'] as const) {
      const real = Date.prototype[name];
      Date.prototype[name] = function (this: Date, locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions) {
        return real.call(this, locales, swap(options));
      };
    }
  }, FAR_ZONE);
}

/**
 * Every console error and uncaught error on the page from now on, each with the path it came
 * from. React reports a hydration mismatch (#418) as an uncaught error, a failed request shows
 * as a console error: a page that works leaves this empty.
 */
export function collectBrowserErrors(page: Page): string[] {
  const errors: string[] = [];
  const where = () => new URL(page.url()).pathname;
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${where()}: console: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${where()}: uncaught: ${e.message}`));
  return errors;
}

/** The database the server under test uses, as written by e2e/serve.ts. */
export function databaseUrl(): string {
  const file = process.env.E2E_STATE_FILE;
  if (!file) throw new Error('E2E_STATE_FILE is not set: run the tests with `npx playwright test`');
  return (JSON.parse(readFileSync(file, 'utf8')) as { databaseUrl: string }).databaseUrl;
}

export type Sql = <R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]) => Promise<R[]>;

type TestFixtures = {
  /** Signs the test's `page` in as that role's demo login. */
  signInAs: (role: Role) => Promise<Login>;
  /** A new staff account made for this test alone (safe to sign out everywhere, lock out, age…). */
  createStaff: (opts?: { role?: Role; mustChangePassword?: boolean }) => Promise<Login>;
  /** A page in a separate browser context (another computer), signed in; closed after the test. */
  newSignedInPage: (login: Role | Login) => Promise<Page>;
};

type WorkerFixtures = {
  /** Direct SQL on the server's database, for what no screen does (e.g. ageing a session). */
  sql: Sql;
};

export const test = base.extend<TestFixtures, WorkerFixtures>({
  sql: [
    async ({}, provide) => {
      const client = new pg.Client({ connectionString: databaseUrl() });
      await client.connect();
      await provide(async (text, values) => (await client.query(text, values)).rows);
      await client.end();
    },
    { scope: 'worker' },
  ],

  signInAs: async ({ page }, provide) => {
    await provide(async (role) => {
      const login = demoLogin(role);
      await signIn(page, login);
      return login;
    });
  },

  createStaff: async ({ sql }, provide) => {
    await provide(async ({ role = 'coordinator', mustChangePassword = false } = {}) => {
      const suffix = randomBytes(4).toString('hex');
      const login: Login = {
        role,
        email: `e2e-${role}-${suffix}@example.net`,
        password: `e2e lantern ${randomBytes(8).toString('hex')}`,
        displayName: `Test ${role} ${suffix}`,
      };
      await sql(
        `INSERT INTO staff_user (id, email, display_name, role, password_hash, must_change_password, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, now())`,
        [randomUUID(), login.email, login.displayName, role, await hashPassword(login.password), mustChangePassword],
      );
      return login;
    });
  },

  newSignedInPage: async ({ browser, baseURL }, provide) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await provide(async (who) => {
      const login = typeof who === 'string' ? demoLogin(who) : who;
      const context = await browser.newContext({ baseURL });
      contexts.push(context);
      const page = await context.newPage();
      await signIn(page, login);
      return page;
    });
    for (const context of contexts) await context.close();
  },
});
