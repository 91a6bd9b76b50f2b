import type { Page } from '@playwright/test';
import { generateSync } from 'otplib';
import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test, type Login } from './fixtures.ts';

// Two-step sign-in as a staff member meets it. This server runs as the demo does
// (LANTERN_TWO_FACTOR=optional): an account signs in with its password until it sets two-step
// sign-in up from Your account, and from then on is asked for a code. The authenticator app is
// played by otplib, from the key the page shows for typing in.

/** The code an app shows `ahead` seconds from now. */
const appCode = (key: string, ahead = 0) => generateSync({ secret: key, epoch: Math.floor(Date.now() / 1000) + ahead });

async function passwordStep(page: Page, login: Login): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email').fill(login.email);
  await page.getByLabel('Password').fill(login.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Sets it up from Your account (the password asked again); the key and the recovery codes shown. */
async function setUp(page: Page, login: Login): Promise<{ key: string; codes: string[] }> {
  await page.goto('/account');
  await expect(page.getByRole('region', { name: 'Two-step sign-in' })).toContainText('Off: your password alone signs you in.');
  await page.getByRole('link', { name: 'Set up two-step sign-in' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Set up two-step sign-in');
  await expect(page.getByRole('img', { name: /QR code/ }).locator('svg')).toBeVisible();
  const key = (await page.getByLabel('Key to type').textContent())!.replace(/\s/g, '');
  await expectNoAxeViolations(page);
  await page.getByLabel('Code from the app').fill(appCode(key));
  await page.getByLabel('Your password').fill('not my password');
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(page.getByLabel('Your password')).toHaveAccessibleDescription(/Asked again.*That password is not right\./);
  await page.getByLabel('Code from the app').fill('000000');
  await page.getByLabel('Your password').fill(login.password);
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  await expect(page.getByLabel('Code from the app')).toHaveAccessibleDescription(/not right/);
  await page.getByLabel('Code from the app').fill(appCode(key));
  await page.getByLabel('Your password').fill(login.password);
  await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click();
  const list = page.getByRole('region', { name: 'Your recovery codes' });
  await expect(list.getByRole('listitem')).toHaveCount(10);
  await expectNoAxeViolations(page);
  const codes = (await list.getByRole('listitem').allTextContents()).map((c) => c.trim());
  await page.getByRole('link', { name: 'Back to your account' }).click();
  await expect(page.getByRole('region', { name: 'Two-step sign-in' })).toContainText('10 of 10 recovery codes left');
  return { key, codes };
}

test.describe('two-step sign-in', () => {
  test('set up from Your account; then the password leads to the code, a wrong code is refused beside the field, the app’s code or a recovery code signs in', async ({
    page,
    createStaff,
  }) => {
    test.slow(); // three sign-ins (argon2 each) and two axe checks
    const login = await createStaff({ role: 'coordinator' });
    await signIn(page, login);
    const { key, codes } = await setUp(page, login);

    await page.context().clearCookies();
    await passwordStep(page, login);
    await page.waitForURL('/second-factor');
    await expectNoAxeViolations(page);
    // Nothing else is reachable with the password alone.
    await page.goto('/participants');
    await expect(page).toHaveURL('/second-factor');
    await page.getByLabel('Code').fill('123456');
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect(page.getByLabel('Code')).toHaveAccessibleDescription(/not right/);
    // The step after the one used to set it up (each code works once).
    await page.getByLabel('Code').fill(appCode(key, 30));
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${login.displayName}`);

    await page.context().clearCookies();
    await passwordStep(page, login);
    await page.waitForURL('/second-factor');
    await page.getByLabel('Code').fill(codes[0]!.toLowerCase());
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('/');
    await page.goto('/account');
    const section = page.getByRole('region', { name: 'Two-step sign-in' });
    await expect(section).toContainText('9 of 10 recovery codes left');
    // New codes: the password again first.
    await section.getByLabel('Your password').fill(login.password);
    await section.getByRole('button', { name: 'Make new recovery codes' }).click();
    await expect(section.getByRole('region', { name: 'Your recovery codes' }).getByRole('listitem')).toHaveCount(10);
  });

  test('“remember this browser”: the next sign-in in it needs the password only; in a fresh browser, the code again', async ({
    page,
    browser,
    baseURL,
    createStaff,
  }) => {
    test.slow();
    const login = await createStaff({ role: 'coordinator' });
    await signIn(page, login);
    const { key } = await setUp(page, login);
    await page.context().clearCookies();
    await passwordStep(page, login);
    await page.waitForURL('/second-factor');
    await page.getByLabel('Code').fill(appCode(key, 30));
    await page.getByLabel('Remember this browser for 12 hours').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL('/');
    const remembered = (await page.context().cookies()).find((c) => c.name === 'lantern-two-step')!;
    expect(remembered).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(remembered.expires * 1000 - Date.now()).toBeLessThanOrEqual(12 * 3600_000);

    // Signed out (the session cookie gone), the browser still remembered: the password alone.
    await page.context().clearCookies({ name: /authjs/ });
    await signIn(page, login);

    const fresh = await browser.newContext({ baseURL });
    const other = await fresh.newPage();
    await passwordStep(other, login);
    await other.waitForURL('/second-factor');
    await fresh.close();
  });

  test('a manager resets a coordinator’s lost two-step sign-in: they are signed out and sign in with the password again', async ({
    page,
    sql,
    createStaff,
    newSignedInPage,
  }) => {
    test.slow();
    const login = await createStaff({ role: 'coordinator' });
    await signIn(page, login);
    await setUp(page, login);
    const id = (await sql<{ id: string }>(`SELECT id::text AS id FROM staff_user WHERE email = $1`, [login.email]))[0]!.id;

    const manager = await newSignedInPage('manager');
    await manager.goto(`/staff/${id}`);
    await expect(manager.getByRole('region', { name: 'Details' })).toContainText(/Two-step sign-in\s*Set up on/);
    await manager.getByRole('button', { name: 'Reset two-step sign-in' }).click();
    await expect(manager.getByRole('status')).toContainText('Two-step sign-in reset. They have been signed out');
    await expect(manager.getByRole('region', { name: 'Details' })).toContainText(/Two-step sign-in\s*Not set up/);

    await page.goto('/account');
    await expect(page).toHaveURL('/sign-in');
    await signIn(page, login);
    await page.goto('/account');
    await expect(page.getByRole('region', { name: 'Two-step sign-in' })).toContainText('Off');
    const [event] = await sql<{ actor: string }>(
      `SELECT a.actor_role::text AS actor FROM audit_event a WHERE a.action = 'staff_user.second_factor_reset' AND a.entity_id = $1`,
      [id],
    );
    expect(event).toEqual({ actor: 'manager' });
  });

  test('IT support may not reset the two-step sign-in of an account that sees participant data', async ({ page, sql, createStaff, signInAs }) => {
    const login = await createStaff({ role: 'coordinator' });
    const id = (await sql<{ id: string }>(`SELECT id::text AS id FROM staff_user WHERE email = $1`, [login.email]))[0]!.id;
    await sql(`UPDATE staff_user SET totp_secret = '\\x01'::bytea, totp_enrolled_at = now() WHERE id = $1`, [id]);
    await signInAs('admin');
    await page.goto(`/staff/${id}`);
    await expect(page.getByRole('region', { name: 'Details' })).toContainText(/Two-step sign-in\s*Set up on/);
    await expect(page.getByRole('button', { name: 'Reset two-step sign-in' })).toHaveCount(0);
    await expect(page.getByText(/only a program manager can reset its password or two-step sign-in/)).toBeVisible();
  });
});
