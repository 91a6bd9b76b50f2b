import type { Page } from '@playwright/test';
import { ROLES } from '../lib/auth/permissions.ts';
import { expectNoAxeViolations } from './axe.ts';
import { demoLogin, expect, signIn, test } from './fixtures.ts';

const focusedName = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '(nothing)';
    const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
    return (label ?? el.textContent ?? '').trim();
  });

async function unlock(page: Page, password: string): Promise<void> {
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.describe('headers and title', () => {
  test('a signed-in page carries the security headers and is never cached', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    const response = await page.goto('/account');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toMatch(/script-src [^;]*'nonce-/);
    expect(headers['referrer-policy']).toBe('no-referrer');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['cache-control']).toContain('no-store');
  });

  test('the tab title is “Lantern” on every page', async ({ page, createStaff }) => {
    const checked: string[] = [];
    // Next streams the metadata after a client-side navigation, so the title may be empty for a
    // moment; it must then be exactly "Lantern".
    const check = async () => {
      await expect(page).toHaveTitle('Lantern');
      checked.push(new URL(page.url()).pathname);
    };
    await page.goto('/sign-in');
    await check();
    await page.goto('/no-such-page');
    await check();
    await signIn(page, await createStaff({ role: 'peer', mustChangePassword: true }), '/change-password');
    await check();
    await page.context().clearCookies();
    const login = demoLogin('peer');
    await signIn(page, login);
    await check();
    for (const path of ['/account', '/staff']) {
      await page.goto(path);
      await check();
    }
    await page.goto('/');
    await page.getByRole('button', { name: 'Hide screen' }).click();
    await page.waitForURL('/locked');
    await check();
    await unlock(page, login.password);
    await page.waitForURL('/');
    await check();

    expect(checked).toEqual(['/sign-in', '/no-such-page', '/change-password', '/', '/account', '/staff', '/locked', '/']);
  });

  test('GET /api/health answers 200 {"status":"ok"}', async ({ request }) => {
    const response = await request.get('/api/health');
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });
});

test.describe('hide screen', () => {
  test('Esc twice covers the page at once, then locks until the password is given', async ({ page, signInAs }) => {
    const login = await signInAs('outreach');

    // Hold the lock request back, to see that the page is covered before the server answers.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/*', async (route) => {
      if (route.request().method() === 'POST') await held;
      await route.continue();
    });
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    const cover = page.locator('.privacy-screen');
    await expect(cover).toBeVisible();
    expect(await cover.boundingBox()).toEqual({ x: 0, y: 0, ...page.viewportSize()! });
    // An outreach worker's home is the outreach page.
    await expect(page).toHaveURL('/outreach');
    release();
    await page.waitForURL('/locked');
    await page.unrouteAll();

    // Nothing about the person or the program shows while locked, and nothing gets past it.
    await expect(page.getByText(login.displayName)).toHaveCount(0);
    await page.reload();
    await expect(page).toHaveURL('/locked');
    for (const path of ['/', '/account']) {
      await page.goto(path);
      await expect(page).toHaveURL('/locked');
    }

    await unlock(page, 'not my password');
    await expect(page.getByLabel('Password')).toHaveAccessibleDescription('That password is not right.');
    await expect(page).toHaveURL('/locked');

    await unlock(page, login.password);
    await page.waitForURL('/outreach');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outreach');
  });

  test('one Esc press does not hide the screen', async ({ page, signInAs }) => {
    await signInAs('peer');
    await page.keyboard.press('Escape');
    await page.waitForTimeout(800);
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    await expect(page.locator('.privacy-screen')).toBeHidden();
    await expect(page).toHaveURL('/');
  });

  test('the “Hide screen” button locks the same way', async ({ page, signInAs }) => {
    const login = await signInAs('coordinator');
    await page.getByRole('button', { name: 'Hide screen' }).click();
    await page.waitForURL('/locked');
    await page.goto('/');
    await expect(page).toHaveURL('/locked');
    await unlock(page, login.password);
    await page.waitForURL('/');
  });
});

test.describe('keyboard', () => {
  // IT support's plain home: the front desk's Today puts focus in its search box on arrival
  // (e2e/today.spec.ts), which would skip the header this test walks.
  test('Tab from the top: skip link, then the header in reading order', async ({ page, signInAs }) => {
    const login = await signInAs('admin');
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await expect(skip).toBeInViewport();
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedName(page));
    }
    expect(order).toEqual(['Lantern', 'Home', 'Staff accounts', 'Audit log', 'Settings', login.displayName, 'Hide screen', 'Sign out', 'Staff accounts']);

    // The skip link jumps past the header, straight to the page's own content.
    await page.goto('/');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
    expect(await focusedName(page)).toBe('Staff accounts');
  });

  test('the sign-in form: email first, then password, then the button', async ({ page }) => {
    await page.goto('/sign-in');
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeFocused();
  });

  test('signing in with the keyboard alone', async ({ page }) => {
    const login = demoLogin('peer');
    await page.goto('/sign-in');
    await page.keyboard.type(login.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(login.password);
    await page.keyboard.press('Enter');
    await page.waitForURL('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${login.displayName}`);
  });
});

test.describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  test('sign-in, empty and with errors', async ({ page }) => {
    await page.goto('/sign-in');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
  });

  for (const role of ROLES) {
    test(`home as ${role}`, async ({ page, signInAs }) => {
      await signInAs(role);
      await expectNoAxeViolations(page);
    });
  }

  test('account, locked and 403 pages', async ({ page, signInAs }) => {
    const login = await signInAs('peer');
    await page.goto('/account');
    await expectNoAxeViolations(page);
    await page.goto('/staff');
    await expect(page.getByText('This page is not available to your role.')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.goto('/');
    await page.getByRole('button', { name: 'Hide screen' }).click();
    await page.waitForURL('/locked');
    await expectNoAxeViolations(page);
    await unlock(page, 'not my password');
    await expect(page.getByLabel('Password')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
    await unlock(page, login.password);
    await page.waitForURL('/');
  });

  test('change password, with a temporary password', async ({ page, createStaff }) => {
    const account = await createStaff({ role: 'outreach', mustChangePassword: true });
    await signIn(page, account, '/change-password');
    await expectNoAxeViolations(page);
    await page.getByRole('button', { name: 'Change password' }).click();
    await expect(page.getByLabel('Current password')).toHaveAttribute('aria-invalid', 'true');
    await expectNoAxeViolations(page);
  });
});

test.describe('on a 360 px phone', () => {
  const noSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  test('sign-in, home and account fit without scrolling sideways', { tag: '@phone' }, async ({ page, signInAs }) => {
    expect(page.viewportSize()?.width).toBe(360);
    await page.goto('/sign-in');
    expect(await noSideways(page), '/sign-in').toBeLessThanOrEqual(360);
    await signInAs('manager');
    expect(await noSideways(page), '/').toBeLessThanOrEqual(360);
    // The links wait behind the menu (e2e/outreach-home.spec.ts measures the header); opened, every
    // link of the longest navigation is on screen, none cut off.
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link')).toHaveCount(0);
    await nav.getByText('Menu').click();
    const links = nav.getByRole('list').getByRole('link');
    await expect(links).toHaveCount(13);
    for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect()))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(360);
    }
    await page.goto('/account');
    expect(await noSideways(page), '/account').toBeLessThanOrEqual(360);
  });
});
