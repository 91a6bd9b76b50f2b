import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { collectBrowserErrors, expect, signIn, test } from './fixtures.ts';

// The start of an outreach worker's day on a 360 × 740 phone: signing in lands on the outreach home,
// and the header leaves the screen to the page (at most ~1/8 of its height), its links behind a
// menu that opens by keyboard as well as by touch.

const HEADER_MAX = 95; // px: about an eighth of a 740 px phone screen
const headerHeight = async (page: Page) => (await page.locator('header.shell-header').boundingBox())!.height;
const focusedText = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.textContent?.trim() ?? '');

test.describe('the outreach home on a phone', () => {
  test('@phone an outreach worker lands on it, under a one-line header whose menu works by keyboard', async ({ page, createStaff }) => {
    test.slow(); // two axe runs and four pages, on two shared cores
    const errors = collectBrowserErrors(page);
    const worker = await createStaff({ role: 'outreach' });
    await signIn(page, worker);
    await expect(page).toHaveURL('/outreach');
    expect(page.viewportSize()).toEqual({ width: 360, height: 740 });
    expect(await headerHeight(page)).toBeLessThanOrEqual(HEADER_MAX);
    // "Hide screen" stays one tap away; the links, the account and sign-out wait in the menu.
    const header = page.locator('header.shell-header');
    await expect(header.getByRole('button', { name: 'Hide screen' })).toBeVisible();
    await expect(header.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
    await expectNoAxeViolations(page);

    // "/" is the front desk's: an outreach worker is sent to their own home.
    await page.goto('/');
    await expect(page).toHaveURL('/outreach');
    await expect(page.getByRole('region', { name: 'Log a visit' })).toHaveCount(0);

    // By keyboard: skip link, the name, then the menu; Enter opens it and Tab walks its links.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Lantern');
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).toBe('Menu');
    await page.keyboard.press('Enter');
    const nav = page.getByRole('navigation', { name: 'Main' });
    const links = nav.getByRole('list').getByRole('link');
    await expect(links).toHaveText(['Outreach', 'Participants', 'Showers and laundry', 'Safe Suite', 'Programs', 'Alerts', 'Referrals', 'Agencies']);
    await expect(nav.getByRole('link', { name: 'Outreach', exact: true })).toHaveAttribute('aria-current', 'page');
    await expect(nav.getByRole('button', { name: 'Sign out' })).toBeVisible();
    for (const box of await links.evaluateAll((as) => as.map((a) => a.getBoundingClientRect()))) {
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(360);
    }
    // The open menu lies over the page: the header keeps its height.
    expect(await headerHeight(page)).toBeLessThanOrEqual(HEADER_MAX);
    await expectNoAxeViolations(page);
    await page.keyboard.press('Tab');
    await expect(links.first()).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(links.nth(1)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/participants');
    // The page changed: the menu closed behind it.
    await expect(links).toHaveCount(0);
    expect(await headerHeight(page)).toBeLessThanOrEqual(HEADER_MAX);
    expect(errors).toEqual([]);
  });

  test('@phone the front desk’s Today keeps the same short header', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    await expect(page).toHaveURL('/');
    expect(await headerHeight(page)).toBeLessThanOrEqual(HEADER_MAX);
    await page.getByRole('navigation', { name: 'Main' }).getByText('Menu').click();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Today' })).toHaveAttribute('aria-current', 'page');
    await expectNoAxeViolations(page);
  });
});
