import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test, type Sql } from './fixtures.ts';
import { createParticipant } from './people.ts';

// The Safe Suite as outreach workers and coordinators use it. Other tests run at the same time and
// the demo has a guest in its suite now, so each test books into a unit of its own.

const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

async function createUnit(sql: Sql) {
  const unit = { id: randomUUID(), name: `E2E suite ${pick('abcdefghjkmnpqrstuvwxyz', 5)}` };
  await sql(`INSERT INTO suite_unit (id, name, sort_order, updated_at) VALUES ($1, $2, 1000, now())`, [unit.id, unit.name]);
  return unit;
}

const bookForm = (page: Page) => page.locator('.suite-book');

/** Picks the person from the keyboard and the unit, leaving the times at the form's defaults. */
async function fillBooking(page: Page, person: { search: string; alias: string }, unitName: string) {
  const picker = page.getByRole('combobox', { name: 'Participant' });
  await picker.fill(person.search);
  await picker.press('Enter');
  await expect(bookForm(page).getByText(`Chosen: ${person.alias}`)).toBeVisible();
  await page.getByLabel('Unit', { exact: true }).selectOption({ label: unitName });
}

test('@phone an outreach worker books, checks in, logs a welfare check and checks out on a phone', async ({ page, sql, signInAs }) => {
  const person = await createParticipant(sql);
  const unit = await createUnit(sql);
  await signInAs('outreach');
  await page.goto('/suite');
  await fillBooking(page, person, unit.name);
  await bookForm(page).getByRole('button', { name: 'Book stay' }).click();
  await expect(bookForm(page).getByRole('status')).toContainText('Booked: 1 night, confirmed.');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);

  await bookForm(page).getByRole('link', { name: 'Open the stay' }).click();
  await expect(page.getByRole('heading', { level: 2, name: `${person.alias} · ${person.code}` })).toBeVisible();
  await page.getByRole('button', { name: 'Check in' }).click();
  await expect(page.getByRole('status')).toHaveText('In the suite.');

  await page.getByRole('textbox', { name: 'Note' }).fill('Asleep, door checked');
  await page.getByRole('button', { name: 'Save to the log' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Welfare check saved.' })).toBeVisible();
  await expect(page.locator('.suite-log')).toContainText('Asleep, door checked');
  await expect(page.locator('.suite-log')).toContainText('Welfare check');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Check out' }).click();
  await expect(page.getByRole('status').first()).toHaveText('Checked out.');
  const [row] = await sql<{ status: string; text_enc: Buffer }>(
    `SELECT s.status, l.text_enc FROM stay s JOIN stay_log_entry l ON l.stay_id = s.id WHERE s.unit_id = $1`,
    [unit.id],
  );
  expect(row!.status).toBe('checked_out');
  expect(row!.text_enc.toString('utf8')).not.toContain('Asleep');
});

test('a clash names the next free time; bad dates are refused beside the field; nothing is written', async ({ page, sql, signInAs }) => {
  const person = await createParticipant(sql);
  const unit = await createUnit(sql);
  await signInAs('coordinator');
  await page.goto('/suite');
  await fillBooking(page, person, unit.name);
  await bookForm(page).getByRole('button', { name: 'Book stay' }).click();
  await expect(bookForm(page).getByRole('status')).toContainText('Booked');

  const other = await createParticipant(sql);
  await fillBooking(page, other, unit.name);
  await bookForm(page).getByRole('button', { name: 'Book stay' }).click();
  await expect(bookForm(page).getByText(/is not free then\. It is taken from .* The next free time for a stay this long starts/)).toBeVisible();

  await page.getByLabel('Departure date').fill(await page.getByLabel('Arrival date').inputValue());
  await page.getByLabel('Departure time').fill('00:00');
  await bookForm(page).getByRole('button', { name: 'Book stay' }).click();
  await expect(page.locator('#field-endDate-error')).toHaveText('The departure must be after the arrival.');
  await expect(page.getByLabel('Departure date')).toHaveAttribute('aria-invalid', 'true');
  expect(await sql(`SELECT 1 FROM stay WHERE unit_id = $1`, [unit.id])).toHaveLength(1);

  // Added to the waitlist instead, then offered when the first stay is cancelled.
  await page.getByLabel('Departure date').fill(await page.getByLabel('Arrival date').inputValue().then(nextDay));
  await page.getByLabel('Departure time').fill('11:00');
  await bookForm(page).getByRole('button', { name: 'Add to waitlist' }).click();
  await expect(bookForm(page).getByRole('status')).toContainText('On the waitlist');
  const first = page.locator('.suite-stay').filter({ hasText: person.code });
  await first.getByRole('button', { name: 'Cancel stay' }).click();
  await first.getByRole('button', { name: 'Yes, cancel it' }).click();
  await expect(first.getByRole('button', { name: 'Undo' })).toBeVisible();
  const offered = page.locator('.suite-stay.is-offered').filter({ hasText: other.code });
  await expect(offered).toContainText('Offer: the unit is free for these dates now.');
  await offered.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('.suite-stay').filter({ hasText: other.code }).first()).toContainText('Confirmed');
  await expectNoAxeViolations(page);
  // The unit's own calendar shows the confirmed nights.
  await page.getByRole('navigation', { name: 'Calendar of unit' }).getByRole('link', { name: unit.name }).click();
  await expect(page.getByRole('heading', { level: 2, name: new RegExp(`^${unit.name}: `) })).toBeVisible();
  await expect(page.locator('.suite-day.is-taken').first()).toBeVisible();
});

test('the Today page shows the demo suite occupied without naming the guest; peer and IT support are refused', async ({
  page,
  sql,
  signInAs,
  newSignedInPage,
}) => {
  // Three sign-ins and an axe run.
  test.slow();
  const [guest] = await sql<{ alias: string; id: string }>(
    `SELECT p.alias, s.id FROM stay s JOIN participant p ON p.id = s.participant_id WHERE s.status = 'checked_in' LIMIT 1`,
  );
  await signInAs('outreach');
  const region = page.getByRole('region', { name: 'Safe Suite' });
  await expect(region).toContainText('Suite 1: Occupied until');
  await expect(region).not.toContainText(guest!.alias);
  await page.goto(`/suite/stays/${guest!.id}`);
  await expect(page.locator('.suite-log li').first()).toBeVisible();
  await expectNoAxeViolations(page);
  for (const role of ['peer', 'admin'] as const) {
    const other = await newSignedInPage(role);
    for (const path of ['/suite', `/suite/stays/${guest!.id}`]) {
      const response = await other.goto(path);
      expect(response?.status(), `${role} ${path}`).toBe(403);
      await expect(other.getByText('This page is not available to your role.')).toBeVisible();
      await expect(other.getByText(guest!.alias)).toHaveCount(0);
    }
    if (role === 'admin') {
      // IT support manages the units (names only) in settings.
      await other.goto('/settings/suite-units');
      await expect(other.getByRole('textbox', { name: 'Name' }).first()).toHaveValue('Suite 1');
      await expectNoAxeViolations(other);
    }
  }
});

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
