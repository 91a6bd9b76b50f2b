import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test, type Login, type Sql } from './fixtures.ts';

// Drop-in visits at the front desk: the quick log (keyboard first), double submits, anonymous
// visits, editing and voiding, and bad input. Each test makes its own participants (aliases
// no one else uses) and, where it counts visits, its own staff account to log them with.

const CODE_CHARACTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

type Person = { id: string; alias: string; code: string; search: string };

/** A consented participant, seen before, with an alias that starts with five letters no one else's does. */
async function createParticipant(sql: Sql, name = 'Wren'): Promise<Person> {
  const search = pick('BCDFGHJKLMNPQRSTVWXZ', 1) + pick('aeiouy', 1) + pick('bcdfghjklmnpqrstvwxz', 3);
  const alias = `${search} ${name}`;
  const code = `${pick(CODE_CHARACTERS, 3)}-${pick(CODE_CHARACTERS, 3)}`;
  const [staff] = await sql<{ id: string }>(`SELECT id FROM staff_user WHERE email = 'coordinator@example.org'`);
  const [row] = await sql<{ id: string }>(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at, last_seen_at)
     VALUES ($1, $2, $3, now(), $4, $4, now(), now() - interval '3 days') RETURNING id`,
    [randomUUID(), code, alias, staff!.id],
  );
  return { id: row!.id, alias, code, search };
}

const searchBox = (page: Page) => page.getByRole('combobox', { name: 'Find a participant' });
const outcome = (page: Page) =>
  page
    .getByRole('main')
    .getByRole('status')
    .filter({ has: page.locator('p') });

/** Types the search text and waits, as a person would, until the person shows first in the list. */
async function find(page: Page, person: Person): Promise<void> {
  await searchBox(page).focus();
  await page.keyboard.type(person.search);
  await expect(page.getByRole('option').first()).toContainText(person.code);
}

async function visitsBy(sql: Sql, login: Login) {
  return sql<{ id: string; participant_id: string | null; services: string[] | null; voided: boolean }>(
    `SELECT v.id, v.participant_id, array_agg(st.key ORDER BY st.key) FILTER (WHERE st.key IS NOT NULL) AS services, v.voided_at IS NOT NULL AS voided
     FROM visit v JOIN staff_user s ON s.id = v.created_by_id
     LEFT JOIN visit_service vs ON vs.visit_id = v.id LEFT JOIN service_type st ON st.id = vs.service_type_id
     WHERE s.email = $1 GROUP BY v.id ORDER BY v.created_at`,
    [login.email],
  );
}

/** Records responses with a 5xx status: bad input must never reach a server error. */
function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

test.describe('the quick log', () => {
  test('a returning person’s visit with two services: no more than 8 keystrokes after the search text, no mouse', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    const desk = await createStaff({ role: 'coordinator' });
    await signIn(page, desk);
    await expect(searchBox(page)).toBeFocused();
    await page.keyboard.type(person.search); // the search text: not counted
    await expect(page.getByRole('option').first()).toContainText(`${person.alias} ${person.code}`);

    let keystrokes = 0;
    const press = async (key: string) => {
      keystrokes += 1;
      await page.keyboard.press(key);
    };
    await press('Enter'); // pick the first match
    await press('1'); // Shower
    await press('3'); // Meal or food
    await press('Enter'); // save
    expect(keystrokes).toBeLessThanOrEqual(8);

    await expect(outcome(page)).toContainText(`Visit saved for ${person.alias} (${person.code}).`);
    await expect(searchBox(page)).toBeFocused();
    await expect(searchBox(page)).toHaveValue('');
    await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(0);
    const visits = await visitsBy(sql, desk);
    expect(visits).toEqual([{ id: expect.any(String), participant_id: person.id, services: ['meal', 'shower'], voided: false }]);
    await expect(page.getByRole('row').filter({ hasText: person.code })).toContainText('Shower, Meal or food');
  });

  test('the number keys are shown on the toggles and the search text stays out of the address bar', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await signInAs('coordinator');
    await expect(page.getByRole('checkbox', { name: 'Shower' })).toHaveAttribute('aria-keyshortcuts', '1');
    await expect(page.getByRole('checkbox', { name: 'Meal or food' })).toHaveAttribute('aria-keyshortcuts', '3');
    await find(page, person);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await expect(searchBox(page)).toHaveAttribute('aria-activedescendant', 'quick-log-matches-0');
    await page.keyboard.press('Enter');
    await expect(page.getByText(`Visit for ${person.alias} ${person.code}`)).toBeVisible();
    expect(requests.filter((u) => u.includes(person.search))).toEqual([]);
    expect(page.url()).not.toContain(person.search);
  });

  test('a double click on Save records one visit', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    const desk = await createStaff({ role: 'coordinator' });
    await signIn(page, desk);
    await find(page, person);
    await page.keyboard.press('Enter');
    await page.keyboard.press('2');
    await page.getByRole('button', { name: /Save visit/ }).dblclick();
    await expect(outcome(page)).toContainText(`Visit saved for ${person.alias}`);
    await page.waitForTimeout(500);
    expect(await visitsBy(sql, desk)).toHaveLength(1);
  });

  test('a request sent twice (a network retry) records one visit', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    const desk = await createStaff({ role: 'coordinator' });
    await signIn(page, desk);
    let deliveries = 0;
    await page.route('**/*', async (route) => {
      const request = route.request();
      // The save only (it carries the key), not the panel's "already in today?" look-up for the person.
      const body = request.postData() ?? '';
      if (request.method() !== 'POST' || !body.includes(person.id) || !body.includes('idempotencyKey')) return route.continue();
      // The first answer is "lost"; the browser sends the very same request again.
      await route.fetch();
      const again = await route.fetch();
      deliveries += 2;
      await route.fulfill({ response: again });
    });
    await find(page, person);
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(outcome(page)).toContainText(`Visit saved for ${person.alias}`);
    expect(deliveries).toBe(2);
    const visits = await visitsBy(sql, desk);
    expect(visits).toHaveLength(1);
    expect(await sql(`SELECT 1 FROM audit_event WHERE action = 'visit.logged' AND entity_id = $1`, [visits[0]!.id])).toHaveLength(1);
  });

  test('an anonymous visit, by typing “anon” or with the button', async ({ page, sql, createStaff }) => {
    const desk = await createStaff({ role: 'coordinator' });
    await signIn(page, desk);
    await page.keyboard.type('anon');
    await expect(page.getByRole('option').first()).toHaveText('Anonymous visit');
    await page.keyboard.press('Enter');
    await page.keyboard.press('2');
    await page.keyboard.press('Enter');
    await expect(outcome(page)).toContainText('Anonymous visit saved.');
    await expect(searchBox(page)).toBeFocused();

    await page.keyboard.press('Tab');
    await expect(page.getByRole('button', { name: 'Anonymous visit' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
    await expect(outcome(page).locator('p').first()).toHaveText('Anonymous visit saved.');
    await expect.poll(async () => (await visitsBy(sql, desk)).length).toBe(2);
    expect((await visitsBy(sql, desk)).map((v) => [v.participant_id, v.services])).toEqual([
      [null, ['laundry']],
      [null, ['meal']],
    ]);
    await expect(page.getByRole('row').filter({ hasText: 'Anonymous' }).first()).toBeVisible();
  });

  test('a peer logs a visit, supplies with a quantity', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    const peer = await createStaff({ role: 'peer' });
    await signIn(page, peer);
    await find(page, person);
    await page.keyboard.press('Enter');
    await page.keyboard.press('9'); // Condoms, the ninth
    await page.getByLabel('How many: Condoms').fill('3');
    await page.keyboard.press('Enter');
    await expect(outcome(page)).toContainText(`Visit saved for ${person.alias} (${person.code}).`);
    const [visit] = await visitsBy(sql, peer);
    expect(visit).toMatchObject({ participant_id: person.id, services: ['condoms'] });
    expect(await sql(`SELECT quantity FROM visit_service WHERE visit_id = $1`, [visit!.id])).toEqual([{ quantity: 3 }]);
  });
});

test.describe('changing a visit', () => {
  async function logOne(page: Page, person: Person) {
    await find(page, person);
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(outcome(page)).toContainText(`Visit saved for ${person.alias}`);
  }

  test('its author changes the services, then voids it with a reason: kept, crossed out, not counted', async ({ page, sql, createStaff }) => {
    const person = await createParticipant(sql);
    const desk = await createStaff({ role: 'coordinator' });
    await signIn(page, desk);
    await logOne(page, person);
    const row = page.getByRole('row').filter({ hasText: person.code });
    await row.getByRole('link', { name: /Change/ }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Visit at \d\d:\d\d on \d{4}-\d\d-\d\d$/);
    await expectNoAxeViolations(page);

    await page.getByRole('checkbox', { name: 'Shower' }).uncheck();
    await page.getByRole('checkbox', { name: 'Laundry' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText('Visit changed.');
    expect((await visitsBy(sql, desk))[0]!.services).toEqual(['laundry']);

    await page.getByRole('button', { name: 'Void visit' }).click();
    await page.getByRole('button', { name: 'Yes, void it' }).click();
    await expect(page.getByLabel('Reason')).toHaveAccessibleDescription(/Enter a reason/);
    await page.getByLabel('Reason').fill('Logged for the wrong person');
    // The question stays open beside the refused field: the answer is Yes again.
    await page.getByRole('button', { name: 'Yes, void it' }).click();
    await expect(page.getByText('This visit was voided.')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Void visit' })).toHaveCount(0);
    expect((await visitsBy(sql, desk))[0]!.voided).toBe(true);
    const [stats] = await sql<{ visit_count: number }>(`SELECT visit_count FROM participant WHERE id = $1`, [person.id]);
    expect(stats!.visit_count).toBe(0);

    await page.getByRole('link', { name: 'Back to today' }).click();
    await expect(row).toHaveClass(/visit-voided/);
    await expect(row).toContainText('Voided: Logged for the wrong person');
  });

  test('someone else at the desk may look but not change it', async ({ page, sql, createStaff, newSignedInPage }) => {
    const person = await createParticipant(sql);
    const desk = await createStaff({ role: 'coordinator' });
    await signIn(page, desk);
    await logOne(page, person);
    const [visit] = await visitsBy(sql, desk);
    const peer = await newSignedInPage('peer');
    await peer.goto(`/visits/${visit!.id}`);
    await expect(peer.getByText(/Only the person who logged this visit can change it/)).toBeVisible();
    await expect(peer.getByRole('button', { name: /Save changes|Void visit/ })).toHaveCount(0);
    const response = await peer.goto(`/visits/${randomUUID()}`);
    expect(response?.status()).toBe(404);
    await expect(peer.getByText('That visit was not found.')).toBeVisible();
  });
});

test.describe('bad input gets a plain message beside the field and records nothing', () => {
  type Tamper = { what: string; message: RegExp; before?: (page: Page, person: Person, sql: Sql) => Promise<unknown> };
  const byLabel = (label: string) => (page: Page) => page.getByLabel(label, { exact: true });
  const CASES: (Tamper & { target: (page: Page) => ReturnType<Page['getByLabel']> })[] = [
    ...['0', '-3', '501', '1e9', '2.5'].map((qty) => ({
      what: `a quantity of ${qty}`,
      message: /Enter a whole number from 1 to 500\./,
      target: byLabel('How many: Condoms'),
      before: async (page: Page) => {
        await page.keyboard.press('9');
        await page.getByLabel('How many: Condoms').fill(qty);
      },
    })),
    {
      what: 'a visit in the future',
      message: /A visit cannot be in the future\./,
      target: byLabel('Earlier time'),
      before: async (page) => page.getByLabel('Earlier time').fill(new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 16)),
    },
    {
      what: 'a person de-identified meanwhile',
      message: /de-identified/,
      target: (page) => searchBox(page),
      before: async (_page, person, sql) => {
        await sql(`UPDATE participant SET alias = NULL, deidentified_at = now() WHERE id = $1`, [person.id]);
      },
    },
    {
      what: 'an unknown participant',
      message: /That participant was not found/,
      target: (page) => searchBox(page),
      before: async (page) =>
        page
          .getByRole('region', { name: 'Log a visit' })
          .locator('input[name="participantId"]')
          .evaluate((el: HTMLInputElement, id) => (el.value = id), randomUUID()),
    },
    {
      what: 'a participant id of the wrong type',
      message: /That participant was not found/,
      target: (page) => searchBox(page),
      before: async (page) =>
        page
          .getByRole('region', { name: 'Log a visit' })
          .locator('input[name="participantId"]')
          .evaluate((el: HTMLInputElement) => (el.value = '42')),
    },
    {
      what: 'an unknown service',
      message: /One of the services was not found/,
      target: (page) => page.getByRole('group', { name: /Services and supplies/ }),
      before: async (page) => {
        await page.keyboard.press('1');
        await page.getByRole('checkbox', { name: 'Shower' }).evaluate((el: HTMLInputElement, id) => (el.value = id), randomUUID());
      },
    },
    {
      what: 'the same service twice',
      message: /Tick each service only once/,
      target: (page) => page.getByRole('group', { name: /Services and supplies/ }),
      before: async (page) => {
        await page.keyboard.press('1');
        await page.locator('form:has(#quick-log-search)').evaluate((form) => {
          const shower = form.querySelector<HTMLInputElement>('input[name="service"]:checked')!;
          const copy = Object.assign(document.createElement('input'), { type: 'hidden', name: 'service', value: shower.value });
          form.append(copy);
        });
      },
    },
  ];

  for (const bad of CASES) {
    test(bad.what, async ({ page, sql, createStaff }) => {
      const person = await createParticipant(sql);
      const desk = await createStaff({ role: 'coordinator' });
      const errors = watchServerErrors(page);
      await signIn(page, desk);
      await find(page, person);
      await page.keyboard.press('Enter');
      // Choosing the person asks the server whether they are already in today, and its answer
      // redraws the panel, which would put back a value altered by hand before it came.
      await expect(page.locator('form:has(#quick-log-search)')).toHaveAttribute('data-same-day', 'known');
      await bad.before?.(page, person, sql);
      const answered = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().postData()?.includes('idempotencyKey') === true);
      await page.getByRole('button', { name: /Save visit/ }).click();
      await answered;
      // The refused visit comes back into the panel, with the message beside the field.
      const target = bad.target(page);
      await expect(target).toHaveAccessibleDescription(bad.message);
      await expect(target).toBeFocused();
      await expect(page.getByRole('main').getByRole('status')).toContainText('was not saved');
      expect(await visitsBy(sql, desk)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('Save with nobody chosen asks for the person and sends nothing', async ({ page, createStaff, sql }) => {
    const desk = await createStaff({ role: 'coordinator' });
    await signIn(page, desk);
    await page.getByRole('checkbox', { name: 'Shower' }).check();
    await page.getByRole('button', { name: /Save visit/ }).click();
    await expect(searchBox(page)).toHaveAccessibleDescription(/Find the participant, or choose Anonymous visit\./);
    await expect(searchBox(page)).toBeFocused();
    expect(await visitsBy(sql, desk)).toEqual([]);
  });
});

test.describe('services and supplies in settings', () => {
  test('a manager adds a supply, renames it, moves it, and stops offering it: it leaves the quick log', async ({ page, signInAs }) => {
    await signInAs('manager');
    await page.goto('/settings');
    await page.getByRole('link', { name: 'Services and supplies' }).click();
    await expect(page).toHaveURL('/settings/services');
    await expectNoAxeViolations(page);
    const name = `Bus ticket ${pick('abcdefghjk', 5)}`;
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind').selectOption({ label: 'Supply (counted)' });
    await page.getByLabel('Unit (supplies only)').fill('ticket');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('main').getByRole('status')).toHaveText(`${name} added at the end of the list.`);
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('ticket');
    await expect(page.getByRole('row').last()).toContainText(name);

    await row.getByRole('button', { name: `Move ${name} up` }).click();
    await expect(page.getByRole('row').last()).not.toContainText(name);

    await row.getByRole('link', { name: `Edit ${name}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expectNoAxeViolations(page);
    await page.getByLabel('Name', { exact: true }).fill(`${name} (day)`);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${name} (day)`);

    await page.goto('/');
    await expect(page.getByRole('checkbox', { name: `${name} (day)` })).toBeVisible();
    await page.goBack();
    await page.getByRole('button', { name: 'Stop offering it' }).click();
    await expect(page.getByRole('main').getByRole('status').first()).toContainText('No longer offered');
    await page.goto('/');
    await expect(page.getByRole('checkbox', { name: 'Shower' })).toBeVisible();
    await expect(page.getByRole('checkbox', { name: `${name} (day)` })).toHaveCount(0);
  });

  test('a name already in use is refused beside the field', async ({ page, signInAs, sql }) => {
    await signInAs('manager');
    await page.goto('/settings/services');
    await page.getByLabel('Name', { exact: true }).fill('shower');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByLabel('Name', { exact: true })).toHaveAccessibleDescription(/already exists/);
    expect(await sql(`SELECT 1 FROM service_type WHERE name = 'shower'`)).toHaveLength(0);
  });

  test('IT support may edit the list; a coordinator may not open it', async ({ page, signInAs, newSignedInPage }) => {
    await signInAs('admin');
    expect((await page.goto('/settings/services'))?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Services and supplies');
    const coordinator = await newSignedInPage('coordinator');
    expect((await coordinator.goto('/settings/services'))?.status()).toBe(403);
  });
});
