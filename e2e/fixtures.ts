import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
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
  page: Page,
  login: Pick<Login, 'email' | 'password' | 'displayName'> & { role?: Role },
  landing = login.role === 'outreach' ? '/outreach' : '/',
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
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${where()}: console: ${m.text()}`);
  });
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
  /**
   * Signs the test's `page` in as that role's demo login and opens its home, as signIn does, but
   * with the worker's stored session for the role (roleSessions) instead of the form: a test that
   * is about signing in uses signIn, or an account of its own (createStaff).
   */
  signInAs: (role: Role) => Promise<Login>;
  /** A new staff account made for this test alone (safe to sign out everywhere, lock out, age…). */
  createStaff: (opts?: { role?: Role; mustChangePassword?: boolean }) => Promise<Login>;
  /** A page in a separate browser context (another computer), signed in; closed after the test. */
  newSignedInPage: (login: Role | Login) => Promise<Page>;
};

type WorkerFixtures = {
  /** Direct SQL on the server's database, for what no screen does (e.g. ageing a session). */
  sql: Sql;
  /** This worker's signed-in session per demo role: the browser cookies that carry it. */
  roleSessions: (role: Role) => Promise<Cookie[]>;
};

type Cookie = Awaited<ReturnType<BrowserContext['cookies']>>[number];

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

  // Signing in through the form costs an argon2 hash and a few requests; most tests only need
  // someone of a role signed in. Each worker signs each role in once, on first use, and hands the
  // session's cookies to every later test of that role. The tests of one worker run one after
  // another, so before each use the session is made as good as new: a screen a test hid is
  // unhidden, the idle clock starts again, and a session a test ended (Sign out, an idle or
  // absolute timeout, a new session version) is replaced by a new sign-in.
  roleSessions: [
    async ({ browser, sql }, provide, workerInfo) => {
      const sessions = new Map<Role, { sid: string; cookies: Cookie[] }>();
      const signInOnce = async (role: Role) => {
        const context = await browser.newContext({ baseURL: workerInfo.project.use.baseURL });
        try {
          const page = await context.newPage();
          await signIn(page, demoLogin(role));
          const { sid } = (await (await page.request.get('/api/auth/session')).json()) as { sid?: string };
          if (!sid) throw new Error(`no session id after signing in as ${role}`);
          return { sid, cookies: await context.cookies() };
        } finally {
          await context.close();
        }
      };
      await provide(async (role) => {
        let session = sessions.get(role);
        if (session) {
          const renewed = await sql(
            `UPDATE auth_session s SET locked_at = NULL, last_seen_at = now()
               FROM staff_user u
              WHERE s.id = $1 AND u.id = s.user_id AND s.ended_at IS NULL AND u.active
                AND s.session_version = u.session_version AND s.created_at > now() - interval '11 hours'
             RETURNING s.id`,
            [session.sid],
          );
          if (renewed.length === 0) session = undefined;
        }
        if (!session) {
          session = await signInOnce(role);
          sessions.set(role, session);
        }
        return session.cookies;
      });
    },
    { scope: 'worker' },
  ],

  signInAs: async ({ page, roleSessions }, provide) => {
    await provide(async (role) => {
      const login = demoLogin(role);
      // E2E_FORM_SIGN_IN=1 signs every such test in through the form instead, as all did before.
      if (process.env.E2E_FORM_SIGN_IN) {
        await signIn(page, login);
        return login;
      }
      await page.context().addCookies(await roleSessions(role));
      // Where signIn lands, checked the same way.
      const landing = role === 'outreach' ? '/outreach' : '/';
      await page.goto(landing);
      if (landing === '/') await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${login.displayName}`);
      else await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outreach');
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
