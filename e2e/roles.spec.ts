import type { Role } from '../lib/auth/permissions.ts';
import { collectBrowserErrors, demoLogin, expect, FAR_ZONE, giveBrowserOtherZoneRules, test } from './fixtures.ts';

// What each role finds in the main navigation, written out by hand (not derived from
// lib/navigation.ts) so that a change to who sees what has to be made here too, on purpose.
type Page = { path: string; label: string };
const TODAY = { path: '/', label: 'Today' };
const HOME = { path: '/', label: 'Home' };
const PARTICIPANTS = { path: '/participants', label: 'Participants' };
const ADMIN_PAGES = [
  { path: '/staff', label: 'Staff accounts' },
  { path: '/audit', label: 'Audit log' },
  { path: '/settings', label: 'Settings' },
];
const BOOKINGS = { path: '/bookings', label: 'Showers and laundry' };
const SUITE = { path: '/suite', label: 'Safe Suite' };
const OUTREACH = { path: '/outreach', label: 'Outreach' };
const PROGRAMS = { path: '/programs', label: 'Programs' };
const ALERTS = { path: '/alerts', label: 'Alerts' };
const REFERRALS = { path: '/referrals', label: 'Referrals' };
const AGENCIES = { path: '/agencies', label: 'Agencies' };
const REPORTS = { path: '/reports', label: 'Reports' };
const FRONT_DESK = [TODAY, PARTICIPANTS, BOOKINGS];
/** What workers have beyond the desk: stays are confidential and referrals personal, so not for peers. */
const WORKERS = [...FRONT_DESK, SUITE, OUTREACH, PROGRAMS, ALERTS, REFERRALS, AGENCIES];
const NAV: Record<Role, Page[]> = {
  // Peers read the agency directory (to hand out a number) but see no stays or referrals.
  peer: [...FRONT_DESK, PROGRAMS, ALERTS, AGENCIES],
  coordinator: WORKERS,
  // Outreach workers start on the outreach home, first in their navigation; "/" only sends them there.
  outreach: [OUTREACH, ...WORKERS.filter((p) => p !== TODAY && p !== OUTREACH)],
  manager: [...WORKERS, REPORTS, ...ADMIN_PAGES],
  // IT support sees no participant data: a plain home instead of the front desk's Today.
  admin: [HOME, ...ADMIN_PAGES],
};
/** Pages behind the navigation's, reached from them. */
const INNER: Record<string, Page[]> = {
  '/alerts': [{ path: '/alerts/print', label: 'Printable sheet' }],
  '/settings': [
    { path: '/settings/services', label: 'Services and supplies' },
    { path: '/settings/resources', label: 'Showers and laundry' },
    { path: '/settings/suite-units', label: 'Safe Suite units' },
    { path: '/settings/outreach', label: 'Outreach lists' },
  ],
  '/reports': [{ path: '/reports/full', label: 'Full report' }],
  '/referrals': [{ path: '/referrals/new', label: 'New referral' }],
  '/agencies': [{ path: '/agencies/print', label: 'Printable list' }],
};
/** Inner pages only some of the roles behind a navigation link may use. */
const TAKE_REPORT = { path: '/alerts/new', label: 'Take a report' };
const REVIEW = { path: '/alerts/reports', label: 'Reports to review' };
// Programs are managed by managers, not by IT support, who also sees the settings page.
const PROGRAM_SETTINGS = { path: '/settings/programs', label: 'Programs' };
const ROLE_INNER: Record<Role, Page[]> = {
  peer: [],
  coordinator: [TAKE_REPORT, REVIEW],
  outreach: [TAKE_REPORT],
  manager: [TAKE_REPORT, REVIEW, PROGRAM_SETTINGS],
  admin: [],
};
/** Every page some role may not use: each navigation and inner page but the start page. */
const GUARDED = [...new Set([...Object.values(NAV).flat(), ...Object.values(INNER).flat(), ...Object.values(ROLE_INNER).flat()])].filter((p) => p.path !== '/');
const SIGNED_IN_PAGES = ['/', '/account', ...GUARDED.map((p) => p.path)];
const NOT_AVAILABLE = 'This page is not available to your role.';

for (const role of Object.keys(NAV) as Role[]) {
  const reachable = [...NAV[role].flatMap((p) => [p, ...(INNER[p.path] ?? [])]), ...ROLE_INNER[role]];
  const allowed = reachable.filter((p) => p.path !== '/');
  const forbidden = GUARDED.filter((p) => !reachable.includes(p));
  const frontDesk = NAV[role].includes(TODAY);
  /** Where "/" (and signing in) takes this role. */
  const start = role === 'outreach' ? '/outreach' : '/';

  test.describe(`${role}`, () => {
    // A browser whose clock and time-zone rules are not the server's (see giveBrowserOtherZoneRules).
    test.use({ timezoneId: FAR_ZONE });
    test.beforeEach(async ({ page, signInAs }) => {
      await giveBrowserOtherZoneRules(page);
      await signInAs(role);
    });

    test('the navigation shows exactly the links this role may use', async ({ page }) => {
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link')).toHaveText(NAV[role].map((p) => p.label));
      // The start page links to no page this role may not use.
      for (const p of forbidden) await expect(page.locator(`main a[href="${p.path}"]`)).toHaveCount(0);
      if (start === '/outreach') {
        // The outreach home: the shift comes first.
        await expect(page).toHaveURL('/outreach');
        await expect(page.getByRole('heading', { level: 1 })).toHaveText('Outreach');
        await expect(nav.getByRole('link', { name: 'Outreach', exact: true })).toHaveAttribute('aria-current', 'page');
        await expect(page.getByRole('region', { name: 'Log a visit' })).toHaveCount(0);
      } else if (frontDesk) {
        // Today: the quick log and who has been in.
        await expect(page.getByRole('region', { name: 'Log a visit' })).toBeVisible();
        await expect(page.getByRole('heading', { name: 'Who has been in today' })).toBeVisible();
      } else {
        // The plain home offers the same places as the navigation, as cards.
        for (const p of NAV[role].filter((n) => n.path !== '/')) await expect(page.getByRole('main').getByRole('link', { name: p.label })).toBeVisible();
        await expect(page.getByRole('region', { name: 'Log a visit' })).toHaveCount(0);
      }
    });

    test('the start page asks for nothing that is missing, and at 1280 px the navigation is one line', async ({ page }) => {
      const missing: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 404) missing.push(r.url());
      });
      page.on('console', (m) => {
        if (m.type() === 'error' && m.text().includes('404')) missing.push(m.location().url || m.text());
      });
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto('/');
      await page.waitForLoadState('networkidle');
      // A browser asks for the page's icon once and then remembers the answer, even a 404: ask again.
      const icon = await page.evaluate(() => document.querySelector('link[rel~="icon"]')?.getAttribute('href') ?? '/favicon.ico');
      if ((await page.request.get(icon)).status() === 404) missing.push(icon);
      expect(missing).toEqual([]);

      const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
      await expect(links).toHaveCount(NAV[role].length);
      const tops = await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect().top));
      expect(new Set(tops).size, `link tops ${tops.join(', ')}`).toBe(1);
    });

    test('every page this role may use loads and hydrates without a browser error, and nothing it asks for is missing', async ({ page }) => {
      const paths = ['/', '/account', ...allowed.map((p) => p.path)];
      // About two seconds a page on the 2-core machines: the manager's twenty pages need more than the default.
      test.setTimeout(15_000 + 3_000 * paths.length);
      const missing: string[] = [];
      page.on('response', (r) => {
        if (r.status() === 404) missing.push(`${new URL(page.url()).pathname}: ${r.url()}`);
      });
      const errors = collectBrowserErrors(page);
      for (const path of paths) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(200);
        await expect(page).toHaveURL(path === '/' ? start : path);
        await expect(page.getByText(NOT_AVAILABLE)).toHaveCount(0);
        // Hydration can end after the load event: let it finish before the next page.
        await page.waitForLoadState('networkidle');
      }
      expect(missing).toEqual([]);
      expect(errors).toEqual([]);
    });

    if (forbidden.length) {
      test('every other page answers 403, in the browser and by direct request', async ({ page }) => {
        // Two requests a page on the 2-core machines: as with the pages above, the time grows with the list.
        test.setTimeout(15_000 + 3_000 * forbidden.length);
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
      for (const text of ['Hello,', 'Sign out', 'Staff accounts', 'Audit log', 'Log a visit', 'Who has been in', ...names]) {
        expect(body, `${path} must not contain “${text}”`).not.toContain(text);
      }
    }
    await request.dispose();
  });
});
