import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { collectBrowserErrors, expect, FAR_ZONE, giveBrowserOtherZoneRules, test, type Sql } from './fixtures.ts';
import { formatDateTime } from '../lib/calendar/index.ts';

// Programs and attendance as the desk uses them. The demo seeds Tuesday breakfast with each
// program's latest session left unrecorded; the first test records it. Specs in this file run
// in order (they share that session).
test.describe.configure({ mode: 'serial' });

const CODE_CHARACTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

/** A participant whose alias starts with five letters no one else's does (`search`). */
async function createParticipant(sql: Sql) {
  const search = pick('BCDFGHJKLMNPQRSTVWXZ', 1) + pick('aeiouy', 1) + pick('bcdfghjklmnpqrstvwxz', 3);
  const alias = `${search} Wren`;
  const code = `${pick(CODE_CHARACTERS, 3)}-${pick(CODE_CHARACTERS, 3)}`;
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at)
     SELECT $1, $2, $3, now(), id, id, now() FROM staff_user WHERE email = 'coordinator@example.org'`,
    [randomUUID(), code, alias],
  );
  return { alias, code, search };
}

function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.url()}`);
  });
  return errors;
}

const total = (page: Page) => page.locator('#attendance-total');

test('a peer records the Tuesday breakfast from the keyboard: two named people and five without a name make 7', async ({ page, signInAs, sql }) => {
  test.setTimeout(90_000); // a whole session's recording, with three accessibility checks
  const errors = watchServerErrors(page);
  const [first, second] = [await createParticipant(sql), await createParticipant(sql)];
  await signInAs('peer');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Programs' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Programs' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: /^Record attendance \(.+\), Tuesday breakfast/ }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tuesday breakfast' })).toBeVisible();
  await expect(total(page)).toContainText('Total: 0');
  const sessionPath = new URL(page.url()).pathname;

  // Search-and-add: the box has focus; a few letters and Enter count the person and clear the box.
  const search = page.getByRole('combobox', { name: 'Add someone by alias or code' });
  await expect(search).toBeFocused();
  for (const person of [first, second]) {
    await page.keyboard.type(person.search);
    await expect(page.getByRole('option', { name: new RegExp(person.alias) })).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: `Counted: ${person.alias} · ${person.code}.` })).toBeVisible();
    await expect(search).toHaveValue('');
  }
  await expect(page.getByRole('list', { name: 'Counted at this session' }).getByRole('listitem')).toHaveCount(2);

  // The same person again: a plain answer, nothing added.
  await search.focus();
  await page.keyboard.type(first.search);
  await expect(page.getByRole('option', { name: new RegExp(first.alias) })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Already counted at this session.')).toBeVisible();

  // Five who gave no name, typed in the headcount and saved with Enter.
  const headcount = page.getByLabel('People who gave no name');
  await headcount.fill('5');
  await headcount.press('Enter');
  await expect(total(page)).toContainText('Total: 7');
  await expect(total(page)).toContainText('2 named, 5 without a name');
  await expectNoAxeViolations(page);

  // Bad headcounts: a plain message beside the field, nothing changed.
  for (const [value, message] of [
    ['-3', 'A headcount cannot be below 0.'],
    ['100000', 'That is more than 500 people. Check the number.'],
  ] as const) {
    await page.getByLabel('People who gave no name').fill(value);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.locator('#field-anonymousCount-error')).toHaveText(message);
    await expect(total(page)).toContainText('Total: 7');
  }
  await page.reload();
  await expect(total(page)).toContainText('Total: 7');

  // The program page lists the session with its counts.
  await page.getByRole('link', { name: 'Back to Tuesday breakfast' }).click();
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="${sessionPath}"]`) });
  await expect(row.getByRole('cell')).toHaveText([/./, /Held/, '2', '5', '7']);
  await expectNoAxeViolations(page);

  // The programs list no longer asks to record it: it says what was recorded, for which session.
  const [session] = await sql<{ starts_at: Date }>(`SELECT starts_at FROM program_session WHERE id = $1`, [sessionPath.split('/').pop()]);
  const when = formatDateTime(session!.starts_at);
  await page.goto('/programs');
  await expect(page.getByRole('link', { name: /^Record attendance \(.+\), Tuesday breakfast/ })).toHaveCount(0);
  const recorded = page.getByRole('link', { name: `Attendance recorded (${when}): 7 came, Tuesday breakfast` });
  await expect(recorded).toHaveText(`Attendance recorded (${when}): 7 came`);
  await expect(recorded).toHaveAttribute('href', sessionPath);

  // One confirmation at a time: "+1" then Save then "+1" again, each replacing the one before.
  await recorded.click();
  const statuses = page.getByRole('main').getByRole('status').filter({ hasText: /./ });
  await page.getByRole('button', { name: '+1 without a name' }).click();
  await expect(statuses).toHaveText(['Added one. 6 without a name.']);
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(statuses).toHaveText(['Saved.']);
  await page.getByRole('button', { name: '+1 without a name' }).click();
  await expect(statuses).toHaveText(['Added one. 7 without a name.']);
  await expect(total(page)).toContainText('Total: 9');
  expect(errors).toEqual([]);
});

test('a cancelled session, a future one and an unknown one take no attendance', async ({ page, signInAs }) => {
  const errors = watchServerErrors(page);
  await signInAs('peer');
  await page.goto('/programs');
  await page.getByRole('link', { name: 'Thursday lunch', exact: true }).click();
  await page.getByLabel('Status').selectOption('cancelled');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/status=cancelled/);
  await page.getByRole('cell').getByRole('link').first().click();
  await expect(page.getByText(/^Cancelled: /)).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Add someone by alias or code' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: '+1 without a name' })).toHaveCount(0);

  await page.goto('/programs');
  await page.getByRole('link', { name: 'Tuesday breakfast', exact: true }).click();
  await page.getByRole('cell').getByRole('link').first().click(); // newest first: eight weeks ahead
  await expect(page.getByText('This session has not happened yet.')).toBeVisible();
  await expect(page.getByRole('combobox', { name: 'Add someone by alias or code' })).toHaveCount(0);

  const response = await page.goto(`/programs/sessions/${randomUUID()}`);
  expect(response?.status()).toBe(404);
  expect(errors).toEqual([]);
});

test('a manager adds a program; bad input is answered beside the field', async ({ page, signInAs }) => {
  const errors = watchServerErrors(page);
  await signInAs('manager');
  await page.goto('/settings/programs');
  await expectNoAxeViolations(page);
  const name = `Sewing circle ${pick('abcdefghjk', 4)}`;
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Starts').fill('14:00');
  await page.getByLabel('Ends').fill('13:00');
  await page.getByRole('button', { name: 'Add program' }).click();
  await expect(page.locator('#field-end-error')).toHaveText('End after the start time.');
  await page.getByLabel('Ends').fill('15:30');
  await page.getByRole('button', { name: 'Add program' }).click();
  await expect(page.getByText('Program added, with its sessions for the coming weeks.')).toBeVisible();
  await page.goto('/programs');
  await page.getByRole('link', { name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('table').getByRole('row')).not.toHaveCount(1);
  expect(errors).toEqual([]);
});

test('a manager cancels a coming session with a reason: it stays on the list, marked cancelled', async ({ page, signInAs }) => {
  const errors = watchServerErrors(page);
  await signInAs('manager');
  await page.goto('/programs');
  await page.getByRole('link', { name: 'Alumni Group', exact: true }).click();
  await page.getByRole('cell').getByRole('link').nth(1).click(); // newest first: a coming session
  await expect(page).toHaveURL(/\/programs\/sessions\//);
  const sessionPath = new URL(page.url()).pathname;
  await page.getByRole('button', { name: 'Cancel this session' }).click();
  await expect(page.locator('#cancel-reason-error')).toHaveText('Enter a reason, like the nurse is away.');
  await page.getByLabel('Reason for cancelling').fill('Room booked for a funeral');
  await page.getByRole('button', { name: 'Cancel this session' }).click();
  await expect(page.getByText('Cancelled: Room booked for a funeral.')).toBeVisible();
  await page.getByRole('link', { name: 'Back to Alumni Group' }).click();
  const row = page.getByRole('row').filter({ has: page.locator(`a[href="${sessionPath}"]`) });
  await expect(row.getByRole('cell').nth(1)).toHaveText('Cancelled — Room booked for a funeral');
  expect(errors).toEqual([]);
});

test.describe("in a browser whose clock and time-zone rules are not the server's", () => {
  test.use({ timezoneId: FAR_ZONE });
  test("a program's sessions show in Vancouver time as the server has them, and the page hydrates without an error", async ({ page, signInAs }) => {
    await giveBrowserOtherZoneRules(page);
    const errors = collectBrowserErrors(page);
    await signInAs('peer');
    await page.goto('/programs');
    await page.getByRole('link', { name: 'Tuesday breakfast', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Tuesday breakfast' })).toBeVisible();
    // Hydration can end after the load event.
    await page.waitForLoadState('networkidle');
    const times = await page.getByRole('table').locator('tbody time').all();
    expect(times.length).toBeGreaterThan(0);
    for (const time of times.slice(0, 5)) await expect(time).toHaveText(formatDateTime((await time.getAttribute('datetime'))!));
    expect(errors).toEqual([]);
  });
});

test('the attendance page fits a 360 px phone, and +1 counts one tap at a time @phone', async ({ page, signInAs }) => {
  await signInAs('peer');
  await page.goto('/programs');
  await page.getByRole('link', { name: /^Record attendance \(.+\), Thursday lunch/ }).click();
  await expect(page.getByRole('combobox', { name: 'Add someone by alias or code' })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expectNoAxeViolations(page);
  // One tap per person who gives no name.
  await page.getByRole('button', { name: '+1 without a name' }).tap();
  await expect(page.getByText('Added one. 1 without a name.')).toBeVisible();
  await page.getByRole('button', { name: '+1 without a name' }).tap();
  await expect(page.getByText('Added one. 2 without a name.')).toBeVisible();
  await expect(total(page)).toContainText('Total: 2');
});
