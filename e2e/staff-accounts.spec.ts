import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { demoLogin, expect, signIn, test, uniqueEmail, type Login } from './fixtures.ts';

// Staff accounts as a program manager uses them. The demo logins only ever act here; every
// account that is changed, signed out or deactivated is made for the test (createStaff or the form).

const NOT_AVAILABLE = 'This page is not available to your role.';

/** Records responses with a 5xx status: bad input must never reach a server error. */
function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

/** Fills and submits the create form, waiting for the server's answer. */
async function submitCreate(page: Page, fields: { name: string; email: string; role?: string }): Promise<void> {
  const name = page.getByLabel('Name', { exact: true });
  // The field stops typing at 80 characters; remove that courtesy to test the server's own check.
  await name.evaluate((el) => el.removeAttribute('maxlength'));
  await name.fill(fields.name);
  await page.getByLabel('Email', { exact: true }).fill(fields.email);
  if (fields.role) await page.getByLabel('Role', { exact: true }).selectOption({ label: fields.role });
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/staff/new');
  await page.getByRole('button', { name: 'Create account' }).click();
  await answered;
}

/** Opens an account's page from the staff list, found by searching for its email. */
async function openAccount(page: Page, login: Pick<Login, 'email' | 'displayName'>): Promise<void> {
  await page.goto(`/staff?q=${encodeURIComponent(login.email)}`);
  await page.getByRole('link', { name: login.displayName }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(login.displayName);
}

/** The main content's status message (Next's route announcer is outside main). */
const status = (page: Page) => page.getByRole('main').getByRole('status').first();

test.describe('creating an account', () => {
  test('the manager sees the temporary password once; the new person must choose their own', async ({ page, browser, baseURL, signInAs }) => {
    await signInAs('manager');
    await page.goto('/staff');
    await page.getByRole('link', { name: 'Add an account' }).click();
    await expect(page).toHaveURL('/staff/new');
    await expectNoAxeViolations(page);

    const login = { email: uniqueEmail('created'), displayName: `Robin ${Date.now().toString(36)}` };
    await submitCreate(page, { name: login.displayName, email: login.email, role: 'Coordinator' });
    const shown = page.getByTestId('temporary-password');
    await expect(shown).toHaveText(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const password = (await shown.textContent())!;
    await expectNoAxeViolations(page);
    // Not in the address bar, and gone for good after a reload.
    expect(page.url()).not.toContain(password);
    await page.reload();
    await expect(page.getByTestId('temporary-password')).toHaveCount(0);
    expect(await page.content()).not.toContain(password);

    const context = await browser.newContext({ baseURL });
    const fresh = await context.newPage();
    await signIn(fresh, { ...login, password }, '/change-password');
    await fresh.getByLabel('Current password').fill(password);
    await fresh.getByLabel('New password', { exact: true }).fill('a lantern by the river');
    await fresh.getByLabel('New password again').fill('a lantern by the river');
    await fresh.getByRole('button', { name: 'Change password' }).click();
    await fresh.waitForURL('/');
    await expect(fresh.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${login.displayName}`);
    await expect(fresh.getByText('(Coordinator)').filter({ visible: true })).toBeVisible(); // the phone menu holds a hidden copy
    await context.close();
  });

  const BAD: { what: string; name: string; email: string; field: 'Name' | 'Email'; message: string }[] = [
    { what: 'a script tag in the name', name: '<script>alert(1)</script>', email: 'fine', field: 'Name', message: 'Remove the < and > characters.' },
    { what: 'control characters in the name', name: 'Rob\u0007in', email: 'fine', field: 'Name', message: 'Remove the special characters.' },
    { what: 'an empty name', name: '', email: 'fine', field: 'Name', message: 'Enter a name.' },
    { what: 'an oversized name', name: 'x'.repeat(81), email: 'fine', field: 'Name', message: 'Keep a name to 80 characters or fewer.' },
    { what: 'an invalid email', name: 'Robin', email: 'robin at example', field: 'Email', message: 'Enter a valid email, like name@example.org.' },
    { what: 'an email already in use', name: 'Robin', email: 'Coordinator@Example.org', field: 'Email', message: 'An account with this email already exists.' },
  ];
  for (const bad of BAD) {
    test(`${bad.what} gets a message beside the field and creates nothing`, async ({ page, signInAs, sql }) => {
      const errors = watchServerErrors(page);
      await signInAs('manager');
      await page.goto('/staff/new');
      const email = bad.email === 'fine' ? uniqueEmail('bad') : bad.email;
      await submitCreate(page, { name: bad.name, email });
      const field = page.getByLabel(bad.field, { exact: true });
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(new RegExp(bad.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
      await expect(page.getByTestId('temporary-password')).toHaveCount(0);
      if (bad.email === 'fine') expect(await sql('SELECT 1 FROM staff_user WHERE email = $1', [email])).toHaveLength(0);
      expect(errors).toEqual([]);
    });
  }
});

test.describe('changing an account', () => {
  test('a role change takes effect at the person’s next request', async ({ page, signInAs, createStaff, newSignedInPage }) => {
    const login = await createStaff({ role: 'coordinator' });
    const theirs = await newSignedInPage(login);
    await expect(theirs.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff accounts' })).toHaveCount(0);

    await signInAs('manager');
    await openAccount(page, login);
    await expectNoAxeViolations(page);
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Program manager' });
    await page.getByRole('button', { name: 'Change role' }).click();
    await expect(status(page)).toContainText('Role changed.');

    // Their next request finds the session ended; signing in again gives the new role.
    await theirs.reload();
    await expect(theirs).toHaveURL('/sign-in');
    await signIn(theirs, login);
    await expect(theirs.getByText('(Program manager)').filter({ visible: true })).toBeVisible();
    await expect(theirs.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff accounts' })).toBeVisible();
  });

  test('deactivation ends the person’s session and stops them signing in; reactivation lets them back', async ({
    page,
    signInAs,
    createStaff,
    newSignedInPage,
  }) => {
    const login = await createStaff({ role: 'peer' });
    const theirs = await newSignedInPage(login);

    await signInAs('manager');
    await openAccount(page, login);
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    await expect(status(page)).toContainText('Account deactivated.');
    await expect(page.getByRole('button', { name: 'Reactivate account' })).toBeVisible();

    await theirs.goto('/account');
    await expect(theirs).toHaveURL('/sign-in');
    await theirs.getByLabel('Email').fill(login.email);
    await theirs.getByLabel('Password').fill(login.password);
    await theirs.getByRole('button', { name: 'Sign in' }).click();
    await expect(theirs.getByRole('main').getByRole('alert')).toHaveText('That email and password do not match an active account.');

    await page.getByRole('button', { name: 'Reactivate account' }).click();
    await expect(status(page)).toContainText('Account reactivated.');
    await signIn(theirs, login);
  });

  test('a password reset shows a new temporary password once and signs the person out', async ({ page, signInAs, createStaff, newSignedInPage }) => {
    const login = await createStaff({ role: 'outreach' });
    const theirs = await newSignedInPage(login);
    await signInAs('manager');
    await openAccount(page, login);
    await page.getByRole('button', { name: 'Reset password' }).click();
    const password = (await page.getByTestId('temporary-password').textContent())!;
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    await theirs.reload();
    await expect(theirs).toHaveURL('/sign-in');
    await signIn(theirs, { ...login, password }, '/change-password');
  });

  test('the manager cannot lock themselves out from their own page', async ({ page, signInAs, sql }) => {
    const me = await signInAs('manager');
    const id = (await sql<{ id: string }>('SELECT id FROM staff_user WHERE email = $1', [me.email]))[0]!.id;
    await page.goto(`/staff/${id}`);
    await expect(page.getByText('This is your account.')).toBeVisible();
    await expect(page.getByRole('button', { name: /Deactivate|Change role|Reset password/ })).toHaveCount(0);
  });

  test('an unknown or malformed account address says so plainly', async ({ page, signInAs }) => {
    await signInAs('manager');
    for (const id of ['not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const response = await page.goto(`/staff/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByText('That account was not found.')).toBeVisible();
    }
  });
});

test.describe('the staff list', () => {
  test('sorts by keyboard, filters and searches through the URL', async ({ page, signInAs }) => {
    await signInAs('manager');
    await page.goto('/staff');
    await expectNoAxeViolations(page);
    const emailHeader = page.getByRole('columnheader', { name: /Email/ });
    await expect(emailHeader).not.toHaveAttribute('aria-sort');
    await emailHeader.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sort=email&dir=asc/);
    await expect(emailHeader).toHaveAttribute('aria-sort', 'ascending');

    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Peer' });
    await page.getByLabel('Name or email').fill('example.org');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/role=peer/);
    const roles = page.getByRole('row').locator('td:nth-child(3)');
    await expect(roles.first()).toHaveText('Peer');
    for (const text of await roles.allTextContents()) expect(text).toBe('Peer');
    await expect(page.getByText(/Page 1 of \d+/)).toBeVisible();
  });

  test('a bad address falls back to the first page instead of failing', async ({ page, signInAs }) => {
    await signInAs('manager');
    const response = await page.goto('/staff?page=-4&pageSize=9999&sort=password_hash&dir=sideways&role=owner');
    expect(response?.status()).toBe(200);
    await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
  });

  test('fits a 360 px phone: one card per account, nothing to scroll sideways @phone', async ({ page, signInAs }) => {
    await signInAs('manager');
    await page.goto('/staff');
    const pageWidth = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(pageWidth).toBeLessThanOrEqual(360);
    const frame = page.getByRole('region', { name: 'Staff accounts' });
    expect(await frame.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    // Other tests add accounts above it, so it may be further down: scrolled to, it must fit across.
    const manager = frame.getByRole('link', { name: demoLogin('manager').displayName });
    await manager.scrollIntoViewIfNeeded();
    await expect(manager).toBeInViewport({ ratio: 1 });
    await expectNoAxeViolations(page);
  });
});

/** The create form's hidden Server Action fields, as the manager's browser received them. */
async function createActionFields(page: Page, request: APIRequestContext): Promise<Record<string, string>> {
  const html = await (await request.get('/staff/new')).text();
  const fields = await page.evaluate((source) => {
    const doc = new DOMParser().parseFromString(source, 'text/html');
    return [...doc.querySelectorAll<HTMLInputElement>('form input[type="hidden"]')].filter((i) => i.name.startsWith('$ACTION')).map((i) => [i.name, i.value]);
  }, html);
  expect(fields.length, 'the form carries Server Action fields').toBeGreaterThan(0);
  return Object.fromEntries(fields);
}

test.describe('a peer', () => {
  test('cannot reach the staff pages by URL', async ({ page, signInAs, sql }) => {
    await signInAs('peer');
    const id = (await sql<{ id: string }>(`SELECT id FROM staff_user WHERE email = 'manager@example.org'`))[0]!.id;
    for (const path of ['/staff', '/staff/new', `/staff/${id}`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByText(NOT_AVAILABLE)).toBeVisible();
    }
  });

  test('cannot create an account by replaying the form’s Server Action', async ({ page, signInAs, newSignedInPage, baseURL, sql }) => {
    await signInAs('manager');
    const fields = await createActionFields(page, page.request);
    const post = (request: APIRequestContext, email: string, role: string) =>
      request.post('/staff/new', { headers: { Origin: baseURL! }, multipart: { ...fields, displayName: 'Replayed Account', email, role } });

    // The replay works at all: with the manager's own cookies it creates the account.
    const control = uniqueEmail('replay-manager');
    await post(page.request, control, 'peer');
    expect(await sql('SELECT 1 FROM staff_user WHERE email = $1', [control])).toHaveLength(1);

    // The same request with a peer's cookies creates nothing.
    const peer = await newSignedInPage('peer');
    const attempt = uniqueEmail('replay-peer');
    const response = await post(peer.request, attempt, 'manager');
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).not.toContain('Temporary password');
    expect(await sql('SELECT 1 FROM staff_user WHERE email = $1', [attempt])).toHaveLength(0);
  });
});
