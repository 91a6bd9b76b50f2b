import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test, type Sql } from './fixtures.ts';

// The Today page: the front desk's start page for peers, coordinators and
// managers; IT support keeps a plain home. Other tests log visits at the same time, so counts
// are checked by how they change, never by their value.

const CODE_CHARACTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

/** A participant whose alias starts with five letters no one else's does (`search`). */
async function createParticipant(sql: Sql, rest = 'Finch'): Promise<{ id: string; alias: string; code: string; search: string }> {
  const search = pick('BCDFGHJKLMNPQRSTVWXZ', 1) + pick('aeiouy', 1) + pick('bcdfghjklmnpqrstvwxz', 3);
  const alias = `${search} ${rest}`;
  const code = `${pick(CODE_CHARACTERS, 3)}-${pick(CODE_CHARACTERS, 3)}`;
  const [staff] = await sql<{ id: string }>(`SELECT id FROM staff_user WHERE email = 'coordinator@example.org'`);
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at)
     VALUES ($1, $2, $3, now(), $4, $4, now())`,
    [randomUUID(), code, alias, staff!.id],
  );
  const [row] = await sql<{ id: string }>(`SELECT id FROM participant WHERE code = $1`, [code]);
  return { id: row!.id, alias, code, search };
}

const count = async (page: Page, what: 'visits' | 'people') => Number(await page.getByTestId(`today-${what}`).textContent());
const search = (page: Page) => page.getByRole('combobox', { name: 'Find a participant' });

async function logFirstService(page: Page, text: string, code: string): Promise<void> {
  await search(page).fill(text);
  await expect(page.getByRole('option').first()).toContainText(code);
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
}

/**
 * Kamloops' wall clock at an instant, worked out without any tz data: British Columbia has been on
 * UTC−7 all year since 2026 (tzdata 2026b). The server's Node (ICU 2025c) and PostgreSQL (tzdata
 * 2025b) on the build machines still read UTC−8 for these dates.
 */
const kamloops = (at: number) => new Date(at - 7 * 3_600_000).toISOString();

test.describe('Today', () => {
  test('shows the day and the time in Kamloops (UTC−7), whatever the host’s own tz data says', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    await signInAs('coordinator');
    const before = Date.now();
    await logFirstService(page, person.search, person.code);
    const row = page.getByRole('row').filter({ hasText: person.code });
    await expect(row).toBeVisible();
    const after = Date.now();
    const shown = await row.getByRole('cell').first().textContent();
    expect([kamloops(before).slice(11, 16), kamloops(after).slice(11, 16)]).toContain(shown);
    const day = new Date(kamloops(after).slice(0, 10) + 'T12:00:00Z');
    const heading = day.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).replace(',', '');
    await expect(page.getByText(`Today is ${heading}.`)).toBeVisible();
  });

  test('shows today’s counts and who has been in, and both follow a save', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    await signInAs('coordinator');
    await expect(page.getByRole('heading', { name: 'Today so far' })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Who has been in today' })).toBeVisible();
    const visits = await count(page, 'visits');
    const people = await count(page, 'people');

    await logFirstService(page, person.search, person.code);
    await expect(page.getByRole('main').getByRole('status')).toContainText(`Visit saved for ${person.alias} (${person.code}).`);
    const row = page.getByRole('row').filter({ hasText: person.code });
    await expect(row).toContainText(person.alias);
    await expect(row).toContainText('Shower');
    await expect(row.getByRole('cell').first()).toHaveText(/^\d\d:\d\d$/);
    await expect.poll(() => count(page, 'visits')).toBeGreaterThan(visits);
    expect(await count(page, 'people')).toBeGreaterThan(people);
  });

  test('an alias with markup in it is shown as text', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql, '<b>Bold</b>');
    await signInAs('coordinator');
    await logFirstService(page, person.search, person.code);
    const row = page.getByRole('row').filter({ hasText: person.code });
    await expect(row).toContainText(`${person.search} <b>Bold</b>`);
    await expect(row.locator('b')).toHaveCount(0);
  });

  test('has room for the queue, the Safe Suite and alerts, each for the roles that see them', async ({ page, signInAs, newSignedInPage }) => {
    await signInAs('coordinator');
    for (const name of ['Shower and laundry queue', 'Safe Suite', 'Aggressor alerts']) {
      await expect(page.getByRole('region', { name })).toBeVisible();
    }
    const peer = await newSignedInPage('peer');
    await expect(peer.getByRole('region', { name: 'Shower and laundry queue' })).toBeVisible();
    await expect(peer.getByRole('region', { name: 'Safe Suite' })).toHaveCount(0);
  });

  test('IT support keeps a plain home without participant data', async ({ page, signInAs }) => {
    await signInAs('admin');
    await expect(page.getByRole('region', { name: 'Log a visit' })).toHaveCount(0);
    await expect(page.getByText('Who has been in today')).toHaveCount(0);
    await expect(page.getByRole('main').getByRole('link', { name: 'Staff accounts' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })).toHaveAttribute('aria-current', 'page');
  });

  test('has no axe violations, with the list of matches open and with a visit listed', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    await signInAs('coordinator');
    await search(page).fill(person.search);
    await expect(page.getByRole('listbox')).toBeVisible();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Enter');
    await page.keyboard.press('9');
    await expect(page.getByLabel('How many: Condoms')).toHaveValue('1');
    await expectNoAxeViolations(page);
    await page.keyboard.press('Enter');
    await expect(page.getByRole('row').filter({ hasText: person.code })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('a peer’s Today has no axe violations', async ({ page, signInAs }) => {
    await signInAs('peer');
    await expect(search(page)).toBeFocused();
    await expectNoAxeViolations(page);
  });
});

test.describe('Today on a 360 px phone', () => {
  test('fits without sideways scrolling and logs a visit by touch @phone', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    // A coordinator at the desk (outreach workers start on the outreach home, e2e/outreach-home.spec.ts).
    const coordinator = await createStaff({ role: 'coordinator' });
    await signIn(page, coordinator);
    expect(page.viewportSize()?.width).toBe(360);
    const width = () => page.evaluate(() => document.documentElement.scrollWidth);
    expect(await width()).toBeLessThanOrEqual(360);

    await search(page).fill(person.search);
    await page.getByRole('option').first().tap();
    await page.getByRole('checkbox', { name: 'Meal or food' }).tap();
    await page.getByRole('checkbox', { name: 'Naloxone kit' }).tap();
    await page.getByLabel('How many: Naloxone kit').fill('2');
    expect(await width()).toBeLessThanOrEqual(360);
    await page.getByRole('button', { name: /Save visit/ }).tap();
    await expect(page.getByRole('main').getByRole('status')).toContainText(`Visit saved for ${person.alias} (${person.code}).`);
    const rows = await sql<{ key: string; quantity: number }>(
      `SELECT st.key, vs.quantity FROM visit v JOIN visit_service vs ON vs.visit_id = v.id JOIN service_type st ON st.id = vs.service_type_id
       WHERE v.participant_id = $1 ORDER BY st.key`,
      [person.id],
    );
    expect(rows).toEqual([
      { key: 'meal', quantity: 1 },
      { key: 'naloxone', quantity: 2 },
    ]);
    expect(await width()).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
  });
});
