import { randomBytes } from 'node:crypto';
import { expectNoAxeViolations } from './axe.ts';
import { collectBrowserErrors, expect, FAR_ZONE, giveBrowserOtherZoneRules, test } from './fixtures.ts';
import { formatDateTime, localDay } from '../lib/calendar/index.ts';

// The audit log and the settings page, as a program manager and IT support use them.

/** Today's date in Vancouver, as the date filter reads it. */
const vancouverToday = () => localDay(new Date());

test.describe('audit log', () => {
  test('shows who did what, filtered by person, action and date', async ({ page, signInAs }) => {
    const manager = await signInAs('manager');
    await page.goto('/audit');
    await expectNoAxeViolations(page);
    await page.getByLabel('Staff member').selectOption({ label: `${manager.displayName} (Program manager)` });
    await page.getByLabel('Action').selectOption('auth.signed_in');
    await page.getByLabel('From').fill(vancouverToday());
    await page.getByLabel('To').fill(vancouverToday());
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page).toHaveURL(/action=auth\.signed_in/);
    const rows = page.getByRole('region', { name: 'Audit events' }).getByRole('row');
    await expect(rows.nth(1)).toContainText(manager.displayName);
    // Plain words, not the stored code; the filter lists them in plain words too.
    await expect(page.getByLabel('Action').getByRole('option', { name: 'Signed in', exact: true })).toHaveAttribute('value', 'auth.signed_in');
    for (const row of (await rows.all()).slice(1)) {
      await expect(row.getByRole('cell', { name: 'Signed in', exact: true })).toBeVisible();
      await expect(row).not.toContainText('auth.signed_in');
      await expect(row).toContainText(`${manager.displayName} (Program manager)`);
    }
    await expectNoAxeViolations(page);
  });

  test('pages through many events, newest first, and sorts by time from the keyboard', async ({ page, signInAs, sql }) => {
    const action = `e2e.filler_${randomBytes(3).toString('hex')}`;
    // Sixty events an hour apart (the log is append-only: inserting is all anyone may do).
    await sql(
      `INSERT INTO audit_event (at, action, details)
       SELECT now() - make_interval(hours => n), $1, jsonb_build_object('n', n) FROM generate_series(1, 60) AS n`,
      [action],
    );
    await signInAs('admin');
    await page.goto(`/audit?action=${action}`);
    await expect(page.getByText('60 results')).toBeVisible();
    await expect(page.getByText('Page 1 of 2')).toBeVisible();
    const firstDetails = page.getByRole('region', { name: 'Audit events' }).getByRole('row').nth(1);
    await expect(firstDetails).toContainText('n: 1');
    await page.getByRole('link', { name: 'Next' }).click();
    await expect(page.getByText('Page 2 of 2')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Next' })).toHaveCount(0);

    const time = page.getByRole('columnheader', { name: /Time/ });
    await expect(time).toHaveAttribute('aria-sort', 'descending');
    await time.getByRole('link').focus();
    await page.keyboard.press('Enter');
    await expect(time).toHaveAttribute('aria-sort', 'ascending');
    await expect(page.getByText('Page 1 of 2')).toBeVisible();
    await expect(firstDetails).toContainText('n: 60');
  });

  test('a bad address falls back to defaults instead of failing', async ({ page, signInAs }) => {
    await signInAs('manager');
    const response = await page.goto('/audit?page=abc&actor=nobody&from=2026-02-31&action=%3Cscript%3E&outcome=maybe');
    expect(response?.status()).toBe(200);
    await expect(page.getByText(/^Page 1 of \d+$/)).toBeVisible();
  });

  test('fits a 360 px phone: one card per event, nothing to scroll sideways @phone', async ({ page, signInAs }) => {
    await signInAs('manager');
    await page.goto('/audit');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    const frame = page.getByRole('region', { name: 'Audit events' });
    expect(await frame.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    await expectNoAxeViolations(page);
  });

  test.describe("in a browser whose clock and time-zone rules are not the server's", () => {
    test.use({ timezoneId: FAR_ZONE });
    for (const role of ['manager', 'admin'] as const) {
      test(`shows times in Vancouver time as the server has them, and hydrates without an error (${role})`, async ({ page, signInAs }) => {
        await giveBrowserOtherZoneRules(page);
        const errors = collectBrowserErrors(page);
        await signInAs(role);
        await page.goto('/audit');
        // Hydration can end after the load event.
        await page.waitForLoadState('networkidle');
        const times = await page.getByRole('region', { name: 'Audit events' }).locator('tbody time').all();
        expect(times.length).toBeGreaterThan(0); // this test's own sign-in at least
        for (const time of times.slice(0, 10)) await expect(time).toHaveText(formatDateTime((await time.getAttribute('datetime'))!));
        expect(errors).toEqual([]);
      });
    }
  });

  test('a coordinator cannot open it', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    const response = await page.goto('/audit');
    expect(response?.status()).toBe(403);
    await expect(page.getByText('This page is not available to your role.')).toBeVisible();
  });
});

test.describe('settings', () => {
  // Only bad input here: a saved change would alter the idle sign-out for every test running alongside.
  test('a bad value gets a message beside the field and nothing is saved', async ({ page, signInAs }) => {
    await signInAs('admin');
    await page.goto('/settings');
    await expectNoAxeViolations(page);
    const field = page.getByLabel('Sign out after this many idle minutes');
    const before = await field.inputValue();
    for (const [value, message] of [
      ['4', 'At least 5 minutes'],
      ['', 'Enter a number of minutes.'],
    ] as const) {
      await field.fill(value);
      await page.getByRole('button', { name: 'Save settings' }).click();
      await expect(field).toHaveAccessibleDescription(message);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
    }
    await expectNoAxeViolations(page);
    await page.reload();
    await expect(page.getByLabel('Sign out after this many idle minutes')).toHaveValue(before);
  });
});
