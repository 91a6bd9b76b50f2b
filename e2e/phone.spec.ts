import type { Page } from '@playwright/test';
import type { Role } from '../lib/auth/permissions.ts';
import { navFor } from '../lib/navigation.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test, type Sql } from './fixtures.ts';

// Every staff page on a 360 × 740 phone, for every role: nothing wider than the screen (tables
// turn into one card per row, their key column first and in full), a header of at most about an
// eighth of the screen's height, and a menu that opens and works from the keyboard.

const WIDTH = 360;
const HEADER_MAX = 92; // px: an eighth of 740, with a little rounding

/** One of each kind of record the pages below open, from the demo data, by the name the paths use. */
async function sampleIds(sql: Sql): Promise<Record<string, string>> {
  const one = async (query: string) => {
    const [row] = await sql<{ id: string }>(query);
    if (!row) throw new Error(`the demo has none: ${query}`);
    return row.id;
  };
  return {
    participant: await one(
      `SELECT p.id FROM participant p WHERE p.alias IS NOT NULL AND EXISTS (SELECT 1 FROM visit v WHERE v.participant_id = p.id) ORDER BY p.code LIMIT 1`,
    ),
    visit: await one(`SELECT id FROM visit WHERE participant_id IS NOT NULL ORDER BY visited_at DESC LIMIT 1`),
    program: await one(`SELECT id FROM program ORDER BY name LIMIT 1`),
    session: await one(
      `SELECT s.id FROM program_session s WHERE EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id) ORDER BY s.starts_at DESC LIMIT 1`,
    ),
    agency: await one(`SELECT id FROM agency ORDER BY name LIMIT 1`),
    referral: await one(`SELECT id FROM referral ORDER BY created_at DESC LIMIT 1`),
    stay: await one(`SELECT id FROM stay ORDER BY created_at DESC LIMIT 1`),
    report: await one(`SELECT id FROM alert_report ORDER BY created_at DESC LIMIT 1`),
    staff: await one(`SELECT id FROM staff_user WHERE email = 'peer@example.org'`),
    resource: await one(`SELECT id FROM resource ORDER BY name LIMIT 1`),
    service: await one(`SELECT id FROM service_type ORDER BY created_at LIMIT 1`),
  };
}

/**
 * The pages each role opens: its navigation, and the pages behind it (new, detail, edit, settings).
 * ":name" stands for a record's id, filled in from sampleIds at run time.
 */
function pagesFor(role: Role): string[] {
  const worker = role === 'coordinator' || role === 'outreach' || role === 'manager';
  const desk = role === 'coordinator' || role === 'manager';
  const behind: Partial<Record<string, string[]>> = {
    '/': worker ? ['/visits/:visit'] : [],
    '/participants': [
      '/participants/:participant',
      ...(worker ? ['/participants/new', '/participants/:participant/edit'] : []),
      ...(desk ? ['/participants/:participant/merge'] : []),
      ...(role === 'manager' ? ['/participants/:participant/access'] : []),
    ],
    '/suite': ['/suite/stays/:stay'],
    '/programs': ['/programs/:program', '/programs/sessions/:session'],
    '/alerts': ['/alerts/print', ...(worker ? ['/alerts/new'] : []), ...(desk ? ['/alerts/reports', '/alerts/reports/:report'] : [])],
    '/referrals': ['/referrals/new', '/referrals/:referral'],
    '/agencies': ['/agencies/print', ...(desk ? ['/agencies/new', '/agencies/:agency'] : [])],
    '/staff': ['/staff/:staff', '/staff/new'],
    '/settings': [
      '/settings/services',
      '/settings/services/:service',
      '/settings/resources',
      '/settings/resources/:resource',
      '/settings/suite-units',
      '/settings/outreach',
      ...(role === 'manager' ? ['/settings/programs', '/settings/programs/:program', '/settings/retention'] : []),
    ],
  };
  return [...navFor(role).flatMap(({ href }) => [href, ...(behind[href] ?? [])]), '/account'];
}

/** The pages in runs of a few, one test each: the two workers share them, and a failure names its run. */
function chunks<T>(list: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(list.length / size) }, (_, i) => list.slice(i * size, (i + 1) * size));
}

const documentWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);
const headerHeight = async (page: Page) => (await page.locator('header.shell-header').boundingBox())!.height;

/**
 * Each table row's first cell (its key: who, which agency, which session), wholly on screen and
 * not inside a frame that scrolls sideways. Report tables (`.sticky-labels`) scroll on purpose with
 * their row names held at the left edge, and are left out, as is the bookings grid (a grid of
 * seats by time, with its own phone layout and its own test in bookings.spec.ts).
 */
const keyCellsOffScreen = (page: Page) =>
  page.evaluate((width) => {
    const out: string[] = [];
    for (const table of document.querySelectorAll<HTMLTableElement>('main table:not(.sticky-labels):not(.booking-grid)')) {
      if (!table.checkVisibility()) continue;
      const frame = table.closest<HTMLElement>('.table-wrap');
      if (frame && frame.scrollWidth > frame.clientWidth + 1) out.push(`a table scrolls sideways (${frame.scrollWidth} px in ${frame.clientWidth})`);
      for (const row of table.querySelectorAll<HTMLTableRowElement>('tbody tr')) {
        const key = row.cells[0];
        if (!key || key.colSpan > 1 || !key.checkVisibility()) continue;
        const box = key.getBoundingClientRect();
        if (box.left < 0 || box.right > width) out.push(`“${key.textContent?.trim()}” lies at ${Math.round(box.left)}–${Math.round(box.right)} px`);
      }
    }
    return out;
  }, WIDTH);

const ROLES_WALKED: Role[] = ['peer', 'coordinator', 'outreach', 'manager', 'admin'];

test.describe('every page on a 360 px phone', () => {
  for (const role of ROLES_WALKED) {
    for (const [n, paths] of chunks(pagesFor(role), 4).entries()) {
      test(`${role} ${n + 1}: no page wider than the screen, key columns in view, a short header, axe clean @phone`, async ({ page, signInAs, sql }) => {
        test.slow(); // four pages, each with an axe run, on two shared cores
        expect(page.viewportSize()).toEqual({ width: WIDTH, height: 740 });
        await signInAs(role);
        const ids = await sampleIds(sql);
        const problems: string[] = [];
        for (const path of paths.map((p) => p.replace(/:(\w+)/g, (_, name: string) => ids[name]!))) {
          const response = await page.goto(path);
          expect(response?.status(), path).toBe(200);
          await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
          const width = await documentWidth(page);
          if (width > WIDTH) problems.push(`${path}: the page is ${width} px wide`);
          for (const p of await keyCellsOffScreen(page)) problems.push(`${path}: ${p}`);
          const height = await headerHeight(page);
          if (height > HEADER_MAX) problems.push(`${path}: the header is ${height} px high`);
          await expectNoAxeViolations(page).catch((e: Error) =>
            problems.push(
              `${path}: ${e.message
                .split('\n')
                .filter((l) => l.includes('['))
                .join(' ')}`,
            ),
          );
        }
        expect(problems).toEqual([]);
      });
    }
  }
});

test.describe('the header on a 360 px phone', () => {
  for (const role of ROLES_WALKED) {
    test(`${role}: one short line, its menu opens and works from the keyboard @phone`, async ({ page, signInAs }) => {
      await signInAs(role);
      expect(await headerHeight(page)).toBeLessThanOrEqual(HEADER_MAX);
      const nav = page.getByRole('navigation', { name: 'Main' });
      const links = nav.getByRole('list').getByRole('link');
      await expect(links).toHaveCount(0);
      // Skip link, the name, then the menu: Enter opens it, Tab walks its links, Enter follows one.
      await page.locator('header .brand').focus();
      await page.keyboard.press('Tab');
      await expect(nav.getByText('Menu')).toBeFocused();
      await page.keyboard.press('Enter');
      const items = navFor(role);
      await expect(links).toHaveText(items.map((i) => i.label));
      expect(await headerHeight(page)).toBeLessThanOrEqual(HEADER_MAX); // the open menu lies over the page
      await page.keyboard.press('Tab');
      await expect(links.first()).toBeFocused();
      await page.keyboard.press('Tab');
      await expect(links.nth(1)).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page).toHaveURL(items[1]!.href);
      await expect(links).toHaveCount(0);
      expect(await headerHeight(page)).toBeLessThanOrEqual(HEADER_MAX);
    });
  }
});
