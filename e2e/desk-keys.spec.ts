import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test, type Login, type Sql } from './fixtures.ts';
import { createParticipant } from './people.ts';

// The quick log by keyboard (issue 21): a person back the same day, quantities without Tab
// walks, keys for every service and supply, and "Add this person" when a search finds nobody.
// Keystrokes after the search text are counted, as a person at the desk would press them.

// Several pages, an axe run and a second sign-in per test: room for a busy machine.
test.describe.configure({ timeout: 180_000 });

type Person = Awaited<ReturnType<typeof createParticipant>>;

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Find a participant' });
const outcome = (page: Page) =>
  page
    .getByRole('main')
    .getByRole('status')
    .filter({ has: page.locator('p') });

function counter(page: Page) {
  const counted = {
    keys: 0,
    press: async (key: string) => {
      counted.keys += 1;
      await page.keyboard.press(key);
    },
  };
  return counted;
}

async function find(page: Page, person: Person): Promise<void> {
  await searchBox(page).focus();
  await page.keyboard.type(person.search); // the search text: not counted
  await expect(page.getByRole('option').first()).toContainText(person.code, { timeout: 20_000 });
}

async function visitsOf(sql: Sql, person: Person) {
  return sql<{ id: string; services: string[] }>(
    `SELECT v.id, array_agg(st.key || ':' || vs.quantity ORDER BY st.key) AS services
     FROM visit v JOIN visit_service vs ON vs.visit_id = v.id JOIN service_type st ON st.id = vs.service_type_id
     WHERE v.participant_id = $1 AND v.voided_at IS NULL GROUP BY v.id ORDER BY v.created_at`,
    [person.id],
  );
}

/** The first visit of the day, logged through the quick log: Shower. */
async function firstVisit(page: Page, person: Person) {
  await find(page, person);
  await page.keyboard.press('Enter');
  await page.keyboard.press('1');
  await page.keyboard.press('Enter');
  await expect(outcome(page)).toContainText(`Visit saved for ${person.alias}`);
}

async function deskAs(page: Page, createStaff: (o: { role: 'coordinator' | 'peer' }) => Promise<Login>, role: 'coordinator' | 'peer' = 'coordinator') {
  const login = await createStaff({ role });
  await signIn(page, login);
  return login;
}

test.describe('a person back the same day', () => {
  test('Enter adds to that visit: 3 keys after the search text, one visit, quantities summed, audited', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    await deskAs(page, createStaff);
    await firstVisit(page, person);
    const [first] = await visitsOf(sql, person);

    await find(page, person);
    const keys = counter(page);
    await keys.press('Enter'); // pick
    const question = page.getByRole('group', { name: /^Already in today at \d\d:\d\d\./ });
    await expect(question).toBeVisible();
    await expect(question.getByRole('button', { name: /Add to that visit/ })).toHaveAttribute('aria-keyshortcuts', 'Enter');
    await expect(question.getByRole('button', { name: /New visit/ })).toHaveAttribute('aria-keyshortcuts', 'N');
    await expectNoAxeViolations(page);
    await keys.press('3'); // Meal or food
    await keys.press('Enter'); // add to that visit
    expect(keys.keys).toBe(3);
    await expect(outcome(page)).toContainText(`Added to the visit at`);
    await expect(outcome(page)).toContainText(`for ${person.alias} (${person.code}).`);
    await expect.poll(async () => visitsOf(sql, person)).toEqual([{ id: first!.id, services: ['meal:1', 'shower:1'] }]);
    const events = await sql<{ merged: string }>(`SELECT details->>'merged' AS merged FROM audit_event WHERE action = 'visit.updated' AND entity_id = $1`, [
      first!.id,
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]!.merged).toMatch(/^[0-9a-f-]{36}$/);
  });

  test('N saves a separate visit', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    await deskAs(page, createStaff);
    await firstVisit(page, person);
    await find(page, person);
    const keys = counter(page);
    await keys.press('Enter');
    await expect(page.getByText(/^Already in today at/)).toBeVisible();
    await keys.press('2'); // Laundry
    await keys.press('n'); // new visit
    expect(keys.keys).toBe(3);
    await expect(outcome(page).locator('p').first()).toHaveText(`Visit saved for ${person.alias} (${person.code}).`);
    await expect.poll(async () => (await visitsOf(sql, person)).map((v) => v.services)).toEqual([['shower:1'], ['laundry:1']]);
  });

  test('someone else at the desk (a peer) adds to the visit another logged, with the same keys', async ({ page, sql, createStaff, newSignedInPage }) => {
    const person = await createParticipant(sql);
    await deskAs(page, createStaff);
    await firstVisit(page, person);
    const [first] = await visitsOf(sql, person);
    const peer = await newSignedInPage('peer');
    await peer.bringToFront();
    await expect(searchBox(peer)).toBeFocused(); // drawn and hydrated: typing reaches the search
    await find(peer, person);
    await peer.keyboard.press('Enter');
    await expect(peer.getByRole('group', { name: /^Already in today at \d\d:\d\d\./ })).toBeVisible();
    await peer.keyboard.press('3'); // Meal or food
    await peer.keyboard.press('Enter'); // add to that visit
    await expect(outcome(peer)).toContainText('Added to the visit at');
    await expect.poll(async () => visitsOf(sql, person)).toEqual([{ id: first!.id, services: ['meal:1', 'shower:1'] }]);
  });
});

test.describe('quantities and keys', () => {
  test('a supply at 3 in 3 keys (+ +), a supply past the ninth by its key, its quantity typed after one Tab', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    await deskAs(page, createStaff);
    await expect(page.getByText(/the one shown on a service or supply ticks it/)).toBeVisible();
    const naloxone = page.getByRole('checkbox', { name: 'Naloxone kit' });
    const naloxoneKey = await naloxone.getAttribute('aria-keyshortcuts');
    expect(naloxoneKey).toMatch(/^[0A-Z]$/);
    await find(page, person);
    const keys = counter(page);
    await keys.press('Enter'); // pick
    await keys.press('9'); // Condoms
    await keys.press('+');
    await keys.press('+');
    await expect(page.getByLabel('How many: Condoms')).toHaveValue('3');
    await expect(page.getByText('Condoms: 3 pack', { exact: true })).toBeAttached();
    await keys.press(naloxoneKey!); // past the ninth
    await expect(naloxone).toBeChecked();
    await expect(naloxone).toBeFocused();
    await keys.press('Tab'); // into its quantity
    await keys.press('4');
    await keys.press('Enter'); // save
    expect(keys.keys).toBe(8);
    await expect(outcome(page)).toContainText(`Visit saved for ${person.alias}`);
    await expect.poll(async () => visitsOf(sql, person)).toEqual([{ id: expect.any(String), services: ['condoms:3', 'naloxone:4'] }]);
  });
});

test.describe('a search that finds nobody', () => {
  test('a coordinator is offered “Add this person”, by keyboard, with the alias carried outside the URL', async ({ page, createStaff }) => {
    await deskAs(page, createStaff);
    const alias = `Zyx${Date.now().toString(36)}`;
    await searchBox(page).focus();
    await page.keyboard.type(alias);
    await expect(page.getByText('No one found. Check the spelling')).toBeVisible();
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Add this person' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL('/participants/new');
    await expect(page.getByLabel('Alias')).toHaveValue(alias);
    expect(await page.evaluate(() => Object.keys(sessionStorage).filter((k) => k.includes('Alias')))).toEqual([]); // read once
  });

  test('a peer (who may not add participants) is not offered it', async ({ page, createStaff }) => {
    await deskAs(page, createStaff, 'peer');
    await searchBox(page).focus();
    await page.keyboard.type(`Zyx${Date.now().toString(36)}`);
    await expect(page.getByText('No one found. Check the spelling')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Add this person' })).toHaveCount(0);
  });
});
