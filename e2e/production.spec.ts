import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { prepareRuntimeRole } from '../lib/db/runtime-role.ts';
import { databaseUrl, expect, test, uniqueEmail } from './fixtures.ts';

// The app as `npm start` runs it where e2e/serve.ts relaxes it: two-step sign-in required
// (LANTERN_TWO_FACTOR unset), and one trusted proxy in front (TRUSTED_PROXIES=1). A second app on
// the suite's database and build, on a port of its own, for this file's tests alone.

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3210) + 7;
const BASE = `http://localhost:${PORT}`;
let app: ChildProcess | undefined;

test.describe.configure({ mode: 'serial' });
test.use({ baseURL: BASE });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // The runtime role, as under `npm start` (the suite's server uses it too).
    DATABASE_URL: await prepareRuntimeRole(databaseUrl()),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    AUTH_URL: BASE,
    AUTH_TRUST_HOST: 'true',
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(PORT),
    TRUSTED_PROXIES: '1',
  };
  delete env.LANTERN_TWO_FACTOR;
  const hook = pathToFileURL(path.join(root, 'scripts/lib/client-address-hook.mjs')).href;
  const nextCli = path.join(root, 'node_modules/next/dist/bin/next');
  app = spawn(process.execPath, ['--import', hook, nextCli, 'start', '-p', String(PORT), '-H', '127.0.0.1'], { cwd: root, env, stdio: 'ignore' });
  for (let i = 0; i < 200; i++) {
    const ok = await fetch(`${BASE}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the second app did not answer /api/health');
});

test.afterAll(() => {
  app?.kill('SIGTERM');
});

async function passwordStep(page: Page, email: string, password: string, forwardedFor?: string): Promise<void> {
  if (forwardedFor) await page.setExtraHTTPHeaders({ 'X-Forwarded-For': forwardedFor });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await answered;
}

test('two-step sign-in is required: a new account sets it up before anything else, then signs in with a code', async ({ page, createStaff }) => {
  test.slow();
  const login = await createStaff({ role: 'outreach' });
  await page.goto('/sign-in');
  await passwordStep(page, login.email, login.password);
  await page.waitForURL('/set-up-two-step');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up two-step sign-in');
  // Nothing else is reachable until it is set up.
  await page.goto('/outreach');
  await expect(page).toHaveURL('/set-up-two-step');
  const key = (await page.getByLabel('Key to type').textContent())!.replace(/\s/g, '');
  // Typed a moment ago at sign-in: the password is not asked again here.
  await expect(page.getByLabel('Your password')).toHaveCount(0);
  await page.getByLabel('Code from the app').fill(generateSync({ secret: key, epoch: Math.floor(Date.now() / 1000) }));
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(page.getByRole('region', { name: 'Your recovery codes' }).getByRole('listitem')).toHaveCount(10);
  await page.getByRole('link', { name: 'Continue' }).click();
  await page.waitForURL('/outreach');

  await page.context().clearCookies();
  await page.goto('/sign-in');
  await passwordStep(page, login.email, login.password);
  await page.waitForURL('/second-factor');
  await page.getByLabel('Code').fill(generateSync({ secret: key, epoch: Math.floor(Date.now() / 1000) + 30 }));
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL('/outreach');
});

test('behind a trusted proxy, the address counted is the proxy’s entry: six addresses, six fresh starts', async ({ page }) => {
  // Without a trusted proxy (e2e/throttle.spec.ts) the same six tries from one socket are held
  // back at the sixth. Here each try's X-Forwarded-For entry is believed, as the proxy wrote it.
  const email = uniqueEmail('proxied');
  await page.goto('/sign-in');
  for (let i = 1; i <= 6; i++) {
    await passwordStep(page, email, `guess number ${i}`, `203.0.113.${i}`);
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('That email and password do not match an active account.');
  }
  // And one address that keeps guessing is held back at its sixth try.
  for (let i = 1; i <= 6; i++) {
    await passwordStep(page, email, `again number ${i}`, '198.51.100.9');
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByLabel('Password')).toHaveValue('');
  }
  await expect(page.getByRole('main').getByRole('alert')).toHaveText(/^Too many wrong passwords. Wait \d+ seconds, then try again.$/);
});
