import type { Page } from '@playwright/test';
import { ROLES } from '../lib/auth/permissions.ts';
import { demoLogin, expect, signIn, test, uniqueEmail } from './fixtures.ts';

const NO_MATCH = 'That email and password do not match an active account.';
const THROTTLED = /^Too many wrong passwords. Wait \d+ seconds/;

/**
 * Submits the sign-in form and waits until the form has settled on the server's answer. (React
 * resets the form when the action completes: typing before then would be wiped, and the next
 * attempt would go out with an empty password.)
 */
async function submitSignIn(page: Page, email: string, password: string): Promise<void> {
  const button = page.getByRole('button', { name: 'Sign in', exact: true });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/sign-in');
  await button.click();
  await answered;
  await expect(button).toBeEnabled();
  // The form resets after each answer; the next try fills it only after that.
  await expect(page.getByLabel('Password')).toHaveValue('');
}

/** The form's own message (Next's route announcer is an alert too, so scope to the page's main). */
const formAlert = (page: Page) => page.getByRole('main').getByRole('alert');

/** Records every response with a 5xx status, to assert that bad input never reaches a server error. */
function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

test.describe('signing in', () => {
  for (const role of ROLES) {
    // Through the form: signInAs reuses a stored session.
    test(`${role} lands on the signed-in home, greeted by name`, async ({ page }) => {
      const login = demoLogin(role);
      await signIn(page, login);
      // An outreach worker's home is the outreach page, built for the phone (lib/navigation.ts).
      if (role === 'outreach') {
        await expect(page).toHaveURL('/outreach');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outreach');
      } else {
        await expect(page).toHaveURL('/');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${login.displayName}`);
      }
      await expect(page.getByRole('link', { name: login.displayName }).first()).toHaveAttribute('href', '/account');
    });
  }

  test('wrong password, unknown email and inactive account get the same message', async ({ page, createStaff, sql }) => {
    const account = await createStaff();
    const inactive = await createStaff();
    await sql('UPDATE staff_user SET active = false WHERE email = $1', [inactive.email]);
    const messages: string[] = [];
    await page.goto('/sign-in');
    for (const [email, password] of [
      [account.email, 'not the right password'],
      [uniqueEmail('unknown'), 'not the right password'],
      [inactive.email, inactive.password],
    ] as const) {
      await submitSignIn(page, email, password);
      await expect(page).toHaveURL('/sign-in');
      const alert = formAlert(page);
      await expect(alert).toBeVisible();
      messages.push((await alert.textContent()) ?? '');
      // The email stays for a retry; the password does not.
      await expect(page.getByLabel('Email')).toHaveValue(email);
      await expect(page.getByLabel('Password')).toHaveValue('');
    }
    expect(messages).toEqual([NO_MATCH, NO_MATCH, NO_MATCH]);
  });

  const BAD_INPUT: { name: string; email: string; password: string; field: 'Email' | 'Password'; message: string }[] = [
    { name: 'an empty email', email: '', password: 'whatever it is', field: 'Email', message: 'Enter your email.' },
    { name: 'an empty password', email: 'peer@example.org', password: '', field: 'Password', message: 'Enter your password.' },
    { name: 'an oversized email', email: `${'a'.repeat(300)}@example.org`, password: 'whatever it is', field: 'Email', message: 'That email is too long.' },
    {
      name: 'markup in the email',
      email: '<script>alert(1)</script>@example.org',
      password: 'whatever it is',
      field: 'Email',
      message: 'Enter a valid email.',
    },
    {
      name: 'control characters in the email',
      email: 'pe\u0000er\u0007@example.org',
      password: 'whatever it is',
      field: 'Email',
      message: 'Enter a valid email.',
    },
    { name: 'an oversized password', email: 'peer@example.org', password: 'x'.repeat(300), field: 'Password', message: 'That password is too long.' },
  ];
  for (const bad of BAD_INPUT) {
    test(`${bad.name} gets a message beside the field, not an error page`, async ({ page }) => {
      const serverErrors = watchServerErrors(page);
      const dialogs: string[] = [];
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.goto('/sign-in');
      await submitSignIn(page, bad.email, bad.password);
      const field = page.getByLabel(bad.field);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      await expect(field).toHaveAccessibleDescription(bad.message);
      await expect(page).toHaveURL('/sign-in');
      expect(serverErrors).toEqual([]);
      expect(dialogs).toEqual([]);
    });
  }

  test('both fields empty: a message beside each', async ({ page }) => {
    await page.goto('/sign-in');
    await submitSignIn(page, '', '');
    await expect(page.getByLabel('Email')).toHaveAccessibleDescription('Enter your email.');
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription('Enter your password.');
  });
});

test.describe('throttling', () => {
  test('after 5 failures an account is refused even with the right password', async ({ page, createStaff }) => {
    const account = await createStaff();
    await page.goto('/sign-in');
    for (let i = 1; i <= 5; i++) {
      await submitSignIn(page, account.email, `wrong password ${i}`);
      await expect(formAlert(page)).toHaveText(NO_MATCH);
    }
    await submitSignIn(page, account.email, account.password);
    await expect(formAlert(page)).toHaveText(THROTTLED);
    await expect(page).toHaveURL('/sign-in');
  });

  test('an unknown email is throttled the same way', async ({ page }) => {
    const email = uniqueEmail('throttle');
    await page.goto('/sign-in');
    for (let i = 1; i <= 5; i++) {
      await submitSignIn(page, email, `guess number ${i}`);
      await expect(formAlert(page)).toHaveText(NO_MATCH);
    }
    await submitSignIn(page, email, 'yet another guess');
    await expect(formAlert(page)).toHaveText(THROTTLED);
  });
});

test.describe('signing out', () => {
  test('sign out ends the session', async ({ page, signInAs }) => {
    await signInAs('peer');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('/sign-in');
    await page.goto('/');
    await expect(page).toHaveURL('/sign-in');
    await expect(page.getByText('Hello,')).toHaveCount(0);
  });

  test('sign out everywhere ends the account’s sessions on other computers, and only that account’s', async ({ page, createStaff, newSignedInPage }) => {
    test.slow(); // three sign-ins, each an argon2 hash: about 15 s alone, more on two busy cores
    const account = await createStaff();
    await signIn(page, account);
    const otherComputer = await newSignedInPage(account);
    const colleague = await newSignedInPage('coordinator');

    await page.goto('/account');
    await page.getByRole('button', { name: 'Sign out everywhere' }).click();
    await page.waitForURL('/sign-in');

    await otherComputer.goto('/account');
    await expect(otherComputer).toHaveURL('/sign-in');
    await colleague.goto('/account');
    await expect(colleague).toHaveURL('/account');
  });

  test('an idle session ends after the idle timeout (30 minutes by default)', async ({ page, createStaff, sql }) => {
    const account = await createStaff();
    await signIn(page, account);
    const age = (minutes: number) =>
      sql(
        `UPDATE auth_session SET last_seen_at = now() - make_interval(mins => $2)
         WHERE ended_at IS NULL AND user_id = (SELECT id FROM staff_user WHERE email = $1)`,
        [account.email, minutes],
      );

    // Just inside the limit the session carries on…
    await age(29);
    await page.goto('/account');
    await expect(page).toHaveURL('/account');

    // …and past it, the next request goes to the sign-in page and the session is ended for good.
    await age(31);
    await page.goto('/account');
    await expect(page).toHaveURL('/sign-in');
    const open = await sql('SELECT s.id FROM auth_session s JOIN staff_user u ON u.id = s.user_id WHERE u.email = $1 AND s.ended_at IS NULL', [account.email]);
    expect(open).toEqual([]);
  });
});
