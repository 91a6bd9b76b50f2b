import type { APIRequestContext, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test, uniqueEmail, type Login } from './fixtures.ts';

// Issue 17, finding 1: IT support could give itself participant data by creating a manager,
// raising an account to manager, or resetting a data-role account's password and signing in as
// it. Each path is hidden in the pages and refused, plainly and without a change, when posted directly.

/** The Server Action fields of the form on `path` whose submit button reads `button`. */
async function actionFields(page: Page, request: APIRequestContext, path: string, button: string): Promise<Record<string, string>> {
  const html = await (await request.get(path)).text();
  const fields = await page.evaluate(
    ([source, label]) => {
      const doc = new DOMParser().parseFromString(source!, 'text/html');
      const form = [...doc.querySelectorAll('form')].find((f) => [...f.querySelectorAll('button')].some((b) => b.textContent?.trim() === label));
      return form
        ? [...form.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].filter((i) => i.name.startsWith('$ACTION')).map((i) => [i.name, i.value])
        : [];
    },
    [html, button] as const,
  );
  expect(fields.length, `the "${button}" form carries Server Action fields`).toBeGreaterThan(0);
  return Object.fromEntries(fields);
}

async function idOf(sql: (q: string, v?: unknown[]) => Promise<{ id: string }[]>, login: Login): Promise<string> {
  return (await sql('SELECT id::text AS id FROM staff_user WHERE email = $1', [login.email]))[0]!.id;
}

test.describe('IT support cannot obtain an account that reads participant data', () => {
  test('creating: the form offers only IT support, and a posted manager role is refused', async ({ page, signInAs, baseURL, sql }) => {
    await signInAs('admin');
    await page.goto('/staff/new');
    await expect(page.getByText('Accounts that see participant data are added by a program manager.')).toBeVisible();
    const options = await page.getByLabel('Role', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(['IT support']);
    await expectNoAxeViolations(page);

    const fields = await actionFields(page, page.request, '/staff/new', 'Create account');
    const email = uniqueEmail('it-made-manager');
    const response = await page.request.post('/staff/new', {
      headers: { Origin: baseURL! },
      multipart: { ...fields, displayName: 'Escalated Manager', email, role: 'manager' },
    });
    expect(response.status()).toBeLessThan(500);
    const body = await response.text();
    expect(body).toContain('Only a program manager can create an account that sees participant data.');
    expect(body).not.toContain('data-testid="temporary-password"');
    expect(await sql('SELECT 1 FROM staff_user WHERE email = $1', [email])).toHaveLength(0);
    expect(await sql(`SELECT 1 FROM audit_event WHERE action = 'staff_user.change_refused' AND details->>'role' = 'manager'`)).not.toHaveLength(0);
  });

  test('raising: only IT support is offered as another role, and a posted manager role is refused', async ({ page, signInAs, createStaff, baseURL, sql }) => {
    const peer = await createStaff({ role: 'peer' });
    const id = await idOf(sql, peer);
    await signInAs('admin');
    await page.goto(`/staff/${id}`);
    const options = await page.getByLabel('Role', { exact: true }).locator('option').allTextContents();
    expect(options).toEqual(['Peer', 'IT support']);

    const fields = await actionFields(page, page.request, `/staff/${id}`, 'Change role');
    const response = await page.request.post(`/staff/${id}`, { headers: { Origin: baseURL! }, multipart: { ...fields, id, role: 'manager' } });
    expect(response.status()).toBeLessThan(500);
    expect(await response.text()).toContain('Only a program manager can give a role that sees participant data.');
    expect((await sql<{ role: string }>('SELECT role::text FROM staff_user WHERE id = $1', [id]))[0]!.role).toBe('peer');
  });

  test('resetting: no reset on a coordinator’s page, and a posted reset is refused; deactivation still works', async ({
    page,
    signInAs,
    createStaff,
    newSignedInPage,
    baseURL,
    sql,
  }) => {
    test.slow(); // three sign-ins (argon2) and two browsers
    const coordinator = await createStaff({ role: 'coordinator' });
    const other = await createStaff({ role: 'admin' });
    const [id, otherId] = [await idOf(sql, coordinator), await idOf(sql, other)];
    const theirs = await newSignedInPage(coordinator);
    const hashBefore = (await sql<{ password_hash: string }>('SELECT password_hash FROM staff_user WHERE id = $1', [id]))[0]!.password_hash;

    await signInAs('admin');
    await page.goto(`/staff/${id}`);
    await expect(page.getByText(/only a program manager can reset its password/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Reset password' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // The reset action exists for another IT support account; aimed at the coordinator it is refused.
    const fields = await actionFields(page, page.request, `/staff/${otherId}`, 'Reset password');
    const response = await page.request.post(`/staff/${otherId}`, { headers: { Origin: baseURL! }, multipart: { ...fields, id } });
    expect(response.status()).toBeLessThan(500);
    const body = await response.text();
    expect(body).toContain('Only a program manager can reset the password of an account that sees participant data.');
    expect(body).not.toContain('data-testid="temporary-password"');
    const after = (
      await sql<{ password_hash: string; must_change_password: boolean }>('SELECT password_hash, must_change_password FROM staff_user WHERE id = $1', [id])
    )[0]!;
    expect(after).toEqual({ password_hash: hashBefore, must_change_password: false });
    await theirs.reload();
    await expect(theirs.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${coordinator.displayName}`);

    // Taking access away needs nobody else: IT support deactivates at once.
    await page.getByRole('button', { name: 'Deactivate account' }).click();
    // The page now shows the account deactivated, and no reactivation (a manager's decision).
    await expect(page.locator('.details .badge')).toHaveText('Deactivated');
    await expect(page.getByRole('button', { name: 'Reactivate account' })).toHaveCount(0);
    await theirs.reload();
    await expect(theirs).toHaveURL('/sign-in');
  });
});

test('a manager’s reset of another manager is shown to that manager at their next sign-in', async ({ page, signInAs, createStaff, browser, baseURL, sql }) => {
  test.slow(); // two sign-ins and a password change (argon2) in two browsers
  const target = await createStaff({ role: 'manager' });
  await signInAs('manager');
  await page.goto(`/staff/${await idOf(sql, target)}`);
  await page.getByRole('button', { name: 'Reset password' }).click();
  const password = (await page.getByTestId('temporary-password').textContent())!;

  const context = await browser.newContext({ baseURL });
  const theirs = await context.newPage();
  await signIn(theirs, { ...target, password }, '/change-password');
  await theirs.getByLabel('Current password').fill(password);
  await theirs.getByLabel('New password', { exact: true }).fill('a lantern by the quiet river');
  await theirs.getByLabel('New password again').fill('a lantern by the quiet river');
  await theirs.getByRole('button', { name: 'Change password' }).click();
  await theirs.waitForURL('/');
  const notices = theirs.getByRole('region', { name: 'Changes to staff accounts since you last looked' });
  await expect(notices).toContainText('Dana Moreau reset your password and signed you out everywhere.');
  await expectNoAxeViolations(theirs);
  await notices.getByRole('button', { name: 'I have read these' }).click();
  await expect(notices).toHaveCount(0);
  await theirs.reload();
  await expect(notices).toHaveCount(0);
  await context.close();
});
