import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test } from './fixtures.ts';
import { createParticipant } from './people.ts';

// Offline first on a 360 px phone: entries made with no connection wait, sealed, in the browser's
// queue, survive a reload with no connection (the service worker's copy of the page), and are stored
// once each when the connection returns. Re-posting the queue's captured requests stores nothing twice.

const form = (page: Page) => page.locator('.outreach-contact');
const save = (page: Page) => form(page).getByRole('button', { name: 'Save contact' }).click();
const outbox = (page: Page) => page.locator('.outreach-outbox');

async function anonymous(page: Page, isNew: 'New' | 'Returning', kind: string) {
  await form(page).getByRole('button', { name: 'Anonymous' }).click();
  await page.getByRole('radio', { name: isNew }).check();
  await page.getByRole('checkbox', { name: kind }).check();
}

async function expectKept(page: Page) {
  await expect(page.getByRole('status')).toContainText('Contact kept on this phone');
}

test('@phone five contacts made offline wait, survive a reload offline, and are stored once each when the connection returns', async ({
  page,
  context,
  sql,
  createStaff,
}) => {
  test.slow(); // a whole shift, on two shared cores
  const worker = await createStaff({ role: 'outreach' });
  const person = await createParticipant(sql);
  const posted: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/outreach/entries')) posted.push(r.postData() ?? '');
  });

  // Online: a shift, and one contact with a person, so the phone knows them for offline search.
  await signIn(page, worker);
  await page.goto('/outreach');
  await page.getByRole('radio', { name: 'Highway motels' }).check();
  await page.getByRole('button', { name: 'Start shift' }).click();
  await expect(page.locator('.outreach-where')).toContainText('Highway motels');
  await page.getByRole('searchbox', { name: 'Who' }).fill(person.search);
  await page.getByRole('button', { name: new RegExp(person.alias) }).click();
  await page.getByRole('radio', { name: 'New' }).check();
  await page.getByRole('checkbox', { name: 'Talk' }).check();
  await save(page);
  await expect(page.getByRole('status')).toContainText(`Contact saved for ${person.alias}.`);
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.waitForFunction(async () => !!(await caches.match('/outreach', { ignoreVary: true })));

  await context.setOffline(true);
  await expect(outbox(page)).toContainText('offline');
  // 1. an anonymous group of four
  await anonymous(page, 'New', 'Talk');
  await page.getByLabel('How many people').fill('4');
  await save(page);
  await expectKept(page);
  // 2. the person met earlier, found with no connection, with naloxone for them and two kits for someone else
  await page.getByRole('searchbox', { name: 'Who' }).fill(person.search);
  await page.getByRole('button', { name: new RegExp(person.alias) }).click();
  await page.getByRole('radio', { name: 'Returning' }).check();
  await page.getByRole('checkbox', { name: 'Supplies' }).check();
  await page.getByRole('group', { name: 'Naloxone kit' }).getByLabel('Given').fill('1');
  await page.getByRole('group', { name: 'Naloxone kit' }).getByLabel('For someone else').fill('2');
  await save(page);
  await expectKept(page);
  // 3. a referral made on the spot
  await anonymous(page, 'Returning', 'Referral');
  await save(page);
  await expectKept(page);
  // 4. and 5.
  await anonymous(page, 'New', 'Information');
  await save(page);
  await expectKept(page);
  await anonymous(page, 'Returning', 'Supplies');
  await page.getByRole('group', { name: 'Condoms' }).getByLabel('Given').fill('12');
  await save(page);
  await expectKept(page);
  await expect(outbox(page).locator('.outreach-outbox-state')).toHaveText('offline · 5 waiting');
  await expect(page.locator('.outreach-shift')).toContainText('6 contacts, 9 people');

  // A reload with no connection: the page and what waits are still there, and it still fits the phone.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Outreach' })).toBeVisible();
  await expect(outbox(page).locator('.outreach-outbox-state')).toHaveText('offline · 5 waiting');
  await expect(outbox(page).locator('li.waiting')).toHaveCount(5);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);

  // Back online: sent in order, stored once each, nothing left waiting.
  await context.setOffline(false);
  await expect(outbox(page)).toHaveCount(0, { timeout: 15_000 });
  const stored = async () =>
    sql<{ people: number; others: number; kinds: string }>(
      `SELECT c.people_count AS people, coalesce((SELECT sum(for_others)::int FROM outreach_contact_supply s WHERE s.contact_id = c.id), 0) AS others,
            (SELECT string_agg(o.name, ',' ORDER BY o.name) FROM outreach_contact_kind k JOIN outreach_option o ON o.id = k.kind_id WHERE k.contact_id = c.id) AS kinds
       FROM outreach_contact c JOIN staff_user u ON u.id = c.created_by_id WHERE u.email = $1 ORDER BY c.contacted_at, c.id`,
      [worker.email],
    );
  const expected = [
    { people: 1, others: 0, kinds: 'Talk' },
    { people: 4, others: 0, kinds: 'Talk' },
    { people: 1, others: 2, kinds: 'Supplies' },
    { people: 1, others: 0, kinds: 'Referral' },
    { people: 1, others: 0, kinds: 'Information' },
    { people: 1, others: 0, kinds: 'Supplies' },
  ];
  await expect.poll(stored).toEqual(expected);
  await expect(page.locator('.outreach-contacts > li')).toHaveCount(6);

  // Replay every request the queue made, twice: each answers "already stored", nothing doubles.
  const sealed = posted.filter((body) => body.includes('"sealed"'));
  expect(sealed.length).toBeGreaterThanOrEqual(7); // the shift, six contacts (offline attempts included)
  expect(sealed.join('')).not.toContain(person.alias);
  for (let round = 0; round < 2; round++) {
    for (const body of sealed) {
      const answer = await page.request.post('/api/outreach/entries', { data: JSON.parse(body) as unknown });
      expect(await answer.json()).toEqual({ ok: true, duplicate: true });
    }
  }
  expect(await stored()).toEqual(expected);
  const [shifts] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM outreach_shift s JOIN staff_user u ON u.id = s.created_by_id WHERE u.email = $1`, [
    worker.email,
  ]);
  expect(shifts).toEqual({ n: 1 });
});

test('@phone hiding the screen wipes what waits on the phone and destroys its key: a copy taken before can no longer be read', async ({
  page,
  sql,
  createStaff,
}) => {
  const worker = await createStaff({ role: 'outreach' });
  const posted: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/api/outreach/entries')) posted.push(r.postData() ?? '');
  });
  await signIn(page, worker);
  await page.goto('/outreach');
  await page.getByRole('button', { name: 'Start shift' }).click();
  await expect(page.getByRole('heading', { name: 'On shift' })).toBeVisible();

  // The entries address cannot be reached: the contact waits, sealed.
  await page.route('**/api/outreach/entries', (route) => route.abort('internetdisconnected'));
  await anonymous(page, 'New', 'Talk');
  await save(page);
  await expectKept(page);
  await expect(outbox(page).locator('.outreach-outbox-state')).toHaveText('1 waiting');
  await page.waitForFunction(async () => (await caches.keys()).length > 0);
  await page.unrouteAll();

  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await page.waitForURL('/locked');
  await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('lantern-outbox');
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBe(0);

  const copy = JSON.parse(posted.at(-1)!) as unknown;
  const answer = await page.request.post('/api/outreach/entries', { data: copy });
  expect(answer.status()).toBe(401); // still locked
  await page.getByLabel('Password').fill(worker.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.waitForURL((url) => url.pathname !== '/locked');
  await page.goto('/outreach');
  await expect(page.getByRole('heading', { name: 'On shift' })).toBeVisible();
  await expect(outbox(page)).toHaveCount(0);
  const again = await page.request.post('/api/outreach/entries', { data: copy });
  expect(await again.json()).toMatchObject({ ok: false, message: expect.stringMatching(/can no longer be read/) });
  const [contacts] = await sql<{ n: number }>(
    `SELECT count(*)::int AS n FROM outreach_contact c JOIN staff_user u ON u.id = c.created_by_id WHERE u.email = $1`,
    [worker.email],
  );
  expect(contacts).toEqual({ n: 0 });
});

test('@phone signing out with entries waiting asks first, then wipes them from the phone', async ({ page, createStaff }) => {
  const worker = await createStaff({ role: 'outreach' });
  await signIn(page, worker);
  await page.goto('/outreach');
  await page.getByRole('button', { name: 'Start shift' }).click();
  await expect(page.getByRole('heading', { name: 'On shift' })).toBeVisible();
  await page.route('**/api/outreach/entries', (route) => route.abort('internetdisconnected'));
  await anonymous(page, 'Returning', 'Talk');
  await save(page);
  await expect(outbox(page).locator('.outreach-outbox-state')).toHaveText('1 waiting');

  const asked: string[] = [];
  page.once('dialog', (d) => {
    asked.push(d.message());
    void d.dismiss();
  });
  // On a phone, Sign out is in the header's menu.
  await page.getByRole('navigation', { name: 'Main' }).getByText('Menu').click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect.poll(() => asked).toEqual(['1 entry is still waiting on this phone and will be deleted if you sign out now. Sign out anyway?']);
  await expect(page).toHaveURL('/outreach');
  await expect(outbox(page).locator('.outreach-outbox-state')).toHaveText('1 waiting');

  page.once('dialog', (d) => void d.accept());
  const signOut = page.getByRole('button', { name: 'Sign out' });
  if (!(await signOut.isVisible())) await page.getByRole('navigation', { name: 'Main' }).getByText('Menu').click();
  await signOut.click();
  await page.waitForURL('/sign-in');
  await expect.poll(() => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))).not.toContain('lantern-outbox');
  await expect.poll(() => page.evaluate(async () => (await caches.keys()).length)).toBe(0);
});
