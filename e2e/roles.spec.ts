import type { Role } from '../lib/auth/permissions.ts';
import { demoLogin, expect, test } from './fixtures.ts';

// What each role finds in the main navigation, written out by hand (not derived from
// lib/navigation.ts) so that a change to who sees what has to be made here too, on purpose.
const ADMIN_PAGES = [
  { path: '/staff', label: 'Staff accounts' },
  { path: '/audit', label: 'Audit log' },
  { path: '/settings', label: 'Settings' },
];
const MAY_ADMINISTER: Record<Role, boolean> = { peer: false, coordinator: false, outreach: false, manager: true, admin: true };
const SIGNED_IN_PAGES = ['/', '/account', ...ADMIN_PAGES.map((p) => p.path)];
const NOT_AVAILABLE = 'This page is not available to your role.';

for (const role of Object.keys(MAY_ADMINISTER) as Role[]) {
  const allowed = MAY_ADMINISTER[role] ? ADMIN_PAGES : [];
  const forbidden = MAY_ADMINISTER[role] ? [] : ADMIN_PAGES;

  test.describe(`${role}`, () => {
    test.beforeEach(async ({ signInAs }) => {
      await signInAs(role);
    });

    test('the navigation shows exactly the links this role may use', async ({ page }) => {
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(['Home', ...allowed.map((p) => p.label)]);
      // The home page offers the same places, and no others.
      for (const p of forbidden) await expect(page.locator(`main a[href="${p.path}"]`)).toHaveCount(0);
      for (const p of allowed) await expect(page.getByRole('main').getByRole('link', { name: p.label })).toBeVisible();
    });

    test('every page this role may use loads', async ({ page }) => {
      for (const path of ['/', '/account', ...allowed.map((p) => p.path)]) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page).toHaveURL(path);
        await expect(page.getByText(NOT_AVAILABLE)).toHaveCount(0);
      }
    });

    if (forbidden.length) {
      test('every other page answers 403, in the browser and by direct request', async ({ page }) => {
        for (const p of forbidden) {
          const response = await page.goto(p.path);
          expect(response?.status(), p.path).toBe(403);
          await expect(page.getByText(NOT_AVAILABLE)).toBeVisible();
          await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not available');

          // The same request without a browser, with this role's cookies.
          const direct = await page.request.get(p.path, { maxRedirects: 0 });
          expect(direct.status(), p.path).toBe(403);
          expect(await direct.text()).toContain('not available to your role');
        }
      });
    }
  });
}

test.describe('nobody signed in', () => {
  for (const path of [...SIGNED_IN_PAGES, '/locked', '/change-password']) {
    test(`${path} sends the browser to the sign-in page`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL('/sign-in');
      await expect(page.getByLabel('Email')).toBeVisible();
    });
  }

  test('a direct request for a signed-in page gets a redirect and no signed-in content', async ({ playwright, baseURL }) => {
    const request = await playwright.request.newContext({ baseURL });
    const names = ['peer', 'coordinator', 'outreach', 'manager', 'admin'].map((r) => demoLogin(r as Role).displayName);
    for (const path of SIGNED_IN_PAGES) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect([302, 303, 307], `${path} status`).toContain(response.status());
      expect(new URL(response.headers().location ?? '', baseURL).pathname, `${path} location`).toBe('/sign-in');
      const body = await response.text();
      for (const text of ['Hello,', 'Sign out', 'Staff accounts', 'Audit log', ...names]) {
        expect(body, `${path} must not contain “${text}”`).not.toContain(text);
      }
    }
    await request.dispose();
  });
});
