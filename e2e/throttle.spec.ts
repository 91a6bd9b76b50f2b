import type { Page } from '@playwright/test';
import { expect, signIn, test, uniqueEmail } from './fixtures.ts';

// Issue 17, findings 3 and 4: unlimited guesses at the locked screen, and a per-address limit that
// believed the client's own X-Forwarded-For. (Behind a trusted proxy, the same rule reads the
// proxy's entry instead: e2e/production.spec.ts, and scripts/lib/client-address-hook.test.ts.)

const formAlert = (page: Page) => page.getByRole('main').getByRole('alert');
const WAIT = /^Too many wrong passwords. Wait \d+ seconds, then try again.$/;

test('the locked screen counts wrong passwords like sign-in: after five, even the right one waits', async ({ page, createStaff, sql }) => {
  test.slow(); // seven password checks (argon2)
  const login = await createStaff({ role: 'peer' });
  await signIn(page, login);
  await page.getByRole('button', { name: 'Hide screen' }).click();
  await page.waitForURL('/locked');
  const password = page.getByLabel('Password');
  const unlock = async (value: string) => {
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/locked');
    await password.fill(value);
    await page.getByRole('button', { name: 'Continue' }).click();
    await answered;
    // Each wrong try shows the same message: wait for this answer's form reset before the next.
    await expect(page.getByRole('button', { name: 'Continue' })).toBeEnabled();
    await expect(password).toHaveValue('');
  };
  for (let i = 1; i <= 5; i++) {
    await unlock(`not my password ${i}`);
    await expect(password).toHaveAccessibleDescription('That password is not right.');
  }
  await unlock(login.password);
  await expect(password).toHaveAccessibleDescription(WAIT);
  await expect(page).toHaveURL('/locked');
  const [row] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM audit_event WHERE action = 'session.unlock_failed' AND entity_id IN (SELECT id::text FROM auth_session WHERE user_id = (SELECT id FROM staff_user WHERE email = $1))`,
    [login.email],
  );
  expect(row!.n).toBe(5);
});

test('a spoofed X-Forwarded-For neither escapes the limit nor picks the address that is counted', async ({ page }) => {
  test.slow();
  const email = uniqueEmail('spoof');
  await page.goto('/sign-in');
  const submit = async (i: number) => {
    // A different claimed address on every try: believed, each would be a fresh address.
    await page.setExtraHTTPHeaders({ 'X-Forwarded-For': `203.0.113.${i}` });
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(`guess number ${i}`);
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await answered;
    // The answer is drawn (and the form reset, emptying the password) once the button is back: the
    // next try must not fill the password before that reset, or it sends an empty one.
    await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
    await expect(page.getByLabel('Password')).toHaveValue('');
  };
  for (let i = 1; i <= 5; i++) {
    await submit(i);
    await expect(formAlert(page)).toHaveText('That email and password do not match an active account.');
  }
  await submit(6);
  await expect(formAlert(page)).toHaveText(WAIT);
  // Believed, the six claimed addresses would each have been a fresh (account, address) pair with
  // five free tries, and the account-wide delay starts only after ten: the wait shows all six
  // were counted against one address, the socket's.
});
