import { randomBytes } from 'node:crypto';
import { expectNoAxeViolations } from './axe.ts';
import { collectBrowserErrors, expect, signIn, test } from './fixtures.ts';

// The outreach lists in settings, seen from the phone they feed: a zone a manager adds is a shift start
// choice at once, and one taken out of use leaves the phone.

test.describe('outreach lists in settings', () => {
  test('a manager adds a zone, the phone offers it, renames it, takes it out of use and it is gone', async ({ page, createStaff }) => {
    test.slow(); // three axe runs and six pages, on two shared cores
    const errors = collectBrowserErrors(page);
    const manager = await createStaff({ role: 'manager' });
    const zone = `Riverside ${randomBytes(3).toString('hex')}`;
    await signIn(page, manager);
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Outreach lists' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Outreach lists' })).toBeVisible();
    for (const title of ['Street zones', 'Online platforms', 'What happened at a contact']) {
      await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible();
    }
    await expectNoAxeViolations(page);

    const zones = page.getByRole('region', { name: 'Street zones' });
    const add = zones.getByRole('form', { name: 'Add a zone' });
    // Empty, then taken: each refused beside the field, nothing added.
    await add.getByRole('button', { name: 'Add zone' }).click();
    await expect(add.getByText('Enter a name.')).toBeVisible();
    await expect(add.getByRole('textbox', { name: 'New zone' })).toHaveAttribute('aria-invalid', 'true');
    await add.getByRole('textbox', { name: 'New zone' }).fill('downtown');
    await add.getByRole('button', { name: 'Add zone' }).click();
    await expect(add.getByText('This list already has an entry with this name.')).toBeVisible();
    await expectNoAxeViolations(page);

    await add.getByRole('textbox', { name: 'New zone' }).fill(zone);
    await add.getByRole('button', { name: 'Add zone' }).click();
    await expect(page.getByRole('status')).toHaveText(`${zone} added at the end of the list.`);
    await expect(zones.getByRole('form', { name: `Rename ${zone}` })).toBeVisible();

    await page.goto('/outreach');
    await expect(page.getByRole('radio', { name: zone })).toBeVisible();

    // Renamed: the phone shows the new name.
    await page.goto('/settings/outreach');
    const rename = zones.getByRole('form', { name: `Rename ${zone}` });
    await rename.getByRole('textbox', { name: 'Name' }).fill('North Shore');
    await rename.getByRole('button', { name: `Save ${zone}` }).click();
    await expect(rename.getByText('This list already has an entry with this name.')).toBeVisible();
    await rename.getByRole('textbox', { name: 'Name' }).fill(`${zone} east`);
    await rename.getByRole('button', { name: `Save ${zone}` }).click();
    await expect(zones.getByRole('form', { name: `Rename ${zone} east` })).toBeVisible();

    await zones.getByRole('button', { name: `Take out of use ${zone} east` }).click();
    await expect(zones.getByRole('button', { name: `Back into use ${zone} east` })).toBeVisible();
    await expect(zones.getByRole('textbox', { name: 'Name (out of use)' })).toHaveValue(`${zone} east`);
    await expectNoAxeViolations(page);

    await page.goto('/outreach');
    await expect(page.getByRole('radio', { name: 'Downtown' })).toBeVisible();
    await expect(page.getByRole('radio', { name: `${zone} east` })).toHaveCount(0);
    expect(errors).toEqual([]);
  });

  test('a coordinator, who records outreach, cannot change its lists', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    await page.goto('/settings/outreach');
    await expect(page.getByText('This page is not available to your role.')).toBeVisible();
  });
});
