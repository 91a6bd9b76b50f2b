import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { createParticipant } from './people.ts';

// "Hide screen" must stay hidden: after Esc Esc, the button or the idle lock, no way back through the
// browser (Back, Forward, its back/forward cache, the router's cache, another tab) shows anything but
// the locked page until the password is given. e2e/shell.spec.ts covers the lock itself.

async function expectLockedShowing(page: Page, ...secrets: string[]): Promise<void> {
  await expect(page).toHaveURL('/locked');
  await expect(page.getByLabel('Password')).toBeVisible();
  for (const secret of secrets) await expect(page.locator('body')).not.toContainText(secret);
}

async function unlock(page: Page, password: string): Promise<void> {
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.describe('a hide that stays hidden', () => {
  test('Back and Forward after Esc twice reach only the locked page, until the password is given', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    const login = await signInAs('coordinator');
    // Two app pages behind the person's, however the session was made (a stored one lands on Home
    // straight from the blank tab): Back twice below must stay in the app, not reach about:blank.
    await page.goto('/participants');
    await page.goto(`/participants/${person.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(person.alias);
    // Steps inside the app, so the router holds the person's page in its cache and history has
    // entries on both sides of it.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Participants', exact: true }).click();
    await page.waitForURL('/participants');
    await page.goBack();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(person.alias);

    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expectLockedShowing(page, person.alias, person.code);
    for (const step of ['back', 'back', 'forward', 'forward', 'forward'] as const) {
      await (step === 'back' ? page.goBack() : page.goForward());
      await expectLockedShowing(page, person.alias, person.code);
    }
    // History itself holds only the neutral title.
    await expect(page).toHaveTitle('Lantern');

    await unlock(page, login.password);
    await page.waitForURL('/');
    await page.goto(`/participants/${person.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(person.alias);
  });

  test('another tab of the same browser is covered and shows the locked page when one tab hides', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    await signInAs('coordinator');
    const other = await page.context().newPage();
    await other.goto('/participants');
    await other.goto(`/participants/${person.id}`);
    await expect(other.getByRole('heading', { level: 1 })).toContainText(person.alias);
    await page.bringToFront();
    await page.getByRole('button', { name: 'Hide screen' }).click();
    await page.waitForURL('/locked');
    await expectLockedShowing(other, person.alias, person.code);
    await other.goBack();
    await expectLockedShowing(other, person.alias, person.code);
  });

  test('a 404 page runs its scripts under the CSP, so Esc twice hides it too', async ({ page, signInAs }) => {
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) blocked.push(message.text());
    });
    await signInAs('peer');
    await page.goto('/no-such-page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Not found');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Escape');
    await expectLockedShowing(page);
    await page.goBack();
    await expectLockedShowing(page);
    expect(blocked).toEqual([]);
  });

  test('@phone an outreach worker hides from a participant’s page; Back shows only the locked page', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    await signInAs('outreach');
    await page.goto(`/participants/${person.id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(person.alias);
    await page.getByRole('button', { name: 'Hide screen' }).tap();
    await expectLockedShowing(page, person.alias, person.code);
    await page.goBack();
    await expectLockedShowing(page, person.alias, person.code);
    await page.goForward();
    await expectLockedShowing(page, person.alias, person.code);
  });
});
