import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { demoLogin, expect, test, type Sql } from './fixtures.ts';

// Participant records as the front desk uses them. Every alias is made unique for the test, so
// parallel tests and the demo data never meet. Aliases and search text must never reach a URL.

const NOT_AVAILABLE = 'This page is not available to your role.';
const UUID = /\/participants\/[0-9a-f-]{36}$/;

const unique = (word: string) => `${word} ${randomBytes(3).toString('hex')}`;

/** Records every URL the browser asks for, to prove a text never travels in one. */
function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(decodeURIComponent(r.url())));
  return urls;
}

function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

/** A record made directly in the database (consent by the demo coordinator). */
async function insertParticipant(sql: Sql, alias: string, code: string): Promise<string> {
  const id = randomUUID();
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at, last_seen_at, visit_count)
     SELECT $1, $2, $3, now(), s.id, s.id, now(), now() - interval '3 days', 4 FROM staff_user s WHERE s.email = $4`,
    [id, code, alias, demoLogin('coordinator').email],
  );
  return id;
}

function randomCode(): string {
  const a = 'ACDEFGHJKMNPQRTUVWXY34679';
  const pick = () => Array.from(randomBytes(3), (b) => a[b % a.length]).join('');
  return `${pick()}-${pick()}`;
}

/** Submits the participant form and waits until it can be used again (or the page moved on). */
async function submit(page: Page, button: 'Create record' | 'Save changes'): Promise<void> {
  const answered = page.waitForResponse((r) => r.request().method() === 'POST');
  await page.getByRole('button', { name: button }).click();
  await answered;
}

test.describe('a coordinator', () => {
  test('creates a record, seeing the duplicate hint for a similar alias, and the alias never reaches a URL', async ({ page, signInAs, sql }) => {
    test.slow(); // three pages, each checked with axe
    const urls = watchUrls(page);
    const existing = unique('Marigold');
    const existingCode = randomCode();
    await insertParticipant(sql, existing, existingCode);
    await signInAs('coordinator');
    await page.goto('/participants');
    await page.getByRole('link', { name: 'Add a participant' }).click();
    await expect(page).toHaveURL('/participants/new');
    await expect(page).toHaveTitle('Lantern');
    await expectNoAxeViolations(page);

    const alias = existing.replace('Marigold', 'Marigolde');
    await page.getByLabel('Alias', { exact: true }).pressSequentially(alias, { delay: 15 });
    const hint = page.getByRole('region', { name: 'Already on record?' });
    await expect(hint.getByRole('listitem').filter({ hasText: existing })).toContainText(existingCode);
    await expectNoAxeViolations(page);

    // Thirty this year: the profile shows the range, never the year.
    await page.getByLabel('Year of birth', { exact: true }).fill(String(new Date().getFullYear() - 30));
    await page.getByLabel('Gender identity').selectOption({ label: 'Two-Spirit' });
    await page.getByLabel('Pronouns', { exact: true }).fill('she/they');
    await page.getByRole('group', { name: 'Preferred language' }).getByLabel('Prefers not to answer').check();
    await page.getByLabel('Travelling worker').selectOption({ label: 'Yes, travels for work' });
    await page.getByLabel('Safe contact').fill('Text after 6 only, code word bluebird');
    await page.getByLabel('Notes').fill('Prefers the side door');
    await page.getByLabel('The person agreed that we keep a record').check();
    await submit(page, 'Create record');

    await expect(page).toHaveURL(UUID);
    const code = (await sql<{ code: string }>('SELECT code FROM participant WHERE alias = $1', [alias]))[0]!.code;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`${alias} · ${code}`);
    await expect(page).toHaveTitle('Lantern');
    const details = page.getByRole('region', { name: 'Details' });
    await expect(details).toContainText('Two-Spirit');
    await expect(details).toContainText('Prefers not to answer');
    await expect(details).toContainText('25 to 34');
    await expect(details).toContainText(`recorded by ${demoLogin('coordinator').displayName}`);
    await expect(page.getByText('bluebird')).toHaveCount(0);
    await expectNoAxeViolations(page);

    const stored = await sql<{ row: string }>(`SELECT t::text AS row FROM participant t WHERE alias = $1`, [alias]);
    expect(stored[0]!.row).not.toMatch(/bluebird|side door/);
    for (const url of urls) expect(url).not.toContain(alias.split(' ')[1]);
  });

  test('is refused plainly without consent, without an alias, or with control characters; nothing is created', async ({ page, signInAs, sql }) => {
    const errors = watchServerErrors(page);
    await signInAs('coordinator');
    await page.goto('/participants/new');
    const alias = unique('Clover');
    await page.getByLabel('Alias', { exact: true }).fill(alias);
    await submit(page, 'Create record');
    const consent = page.getByLabel('The person agreed that we keep a record');
    await expect(consent).toHaveAttribute('aria-invalid', 'true');
    await expect(consent).toHaveAccessibleDescription(/log an anonymous visit instead/);
    await expect(page.getByRole('button', { name: 'Create record' })).toBeEnabled();
    await expect(page.getByLabel('Alias', { exact: true })).toHaveValue(alias);
    await expectNoAxeViolations(page);

    await page.getByLabel('Alias', { exact: true }).fill('');
    await page.getByLabel('Year of birth', { exact: true }).fill('1850');
    await consent.check();
    await submit(page, 'Create record');
    await expect(page.getByLabel('Alias', { exact: true })).toHaveAccessibleDescription(/Enter an alias\./);
    await expect(page.getByLabel('Year of birth', { exact: true })).toHaveAccessibleDescription(/Enter a year between/);
    await expect(page.getByRole('button', { name: 'Create record' })).toBeEnabled();

    await page.getByLabel('Alias', { exact: true }).fill(`${alias}\u0007`);
    await page.getByLabel('Year of birth', { exact: true }).fill('');
    await submit(page, 'Create record');
    await expect(page.getByLabel('Alias', { exact: true })).toHaveAccessibleDescription(/Remove the special characters/);
    expect(await sql('SELECT 1 FROM participant WHERE alias LIKE $1', [`${alias}%`])).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  test('an alias with HTML is kept and shown as text', async ({ page, signInAs, sql }) => {
    await signInAs('coordinator');
    await page.goto('/participants/new');
    const alias = `<b>${unique('Jade')}</b>`;
    await page.getByLabel('Alias', { exact: true }).fill(alias);
    await page.getByLabel('The person agreed that we keep a record').check();
    await submit(page, 'Create record');
    await expect(page).toHaveURL(UUID);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(alias);
    await expect(heading.locator('b')).toHaveCount(0);
    expect(await sql('SELECT 1 FROM participant WHERE alias = $1', [alias])).toHaveLength(1);
  });

  test('edits a record, reveals the sensitive fields (audited), and sees both on the timeline', async ({ page, signInAs, sql }) => {
    test.slow(); // create, edit and reveal: four pages
    await signInAs('coordinator');
    await page.goto('/participants/new');
    const alias = unique('Sparrow');
    await page.getByLabel('Alias', { exact: true }).fill(alias);
    await page.getByLabel('Notes').fill('Likes the early shower slot');
    await page.getByLabel('The person agreed that we keep a record').check();
    await submit(page, 'Create record');
    await expect(page).toHaveURL(UUID);
    const id = page.url().split('/').pop()!;

    await page.getByRole('link', { name: 'Edit details' }).click();
    await expect(page).toHaveURL(`/participants/${id}/edit`);
    await expectNoAxeViolations(page);
    await page.getByLabel('Pronouns', { exact: true }).fill('he/him');
    // No safe contact is stored, so there is nothing to reveal: the box is there, empty.
    await expect(page.getByRole('button', { name: 'Show the safe contact to change it' })).toHaveCount(0);
    await expect(page.getByLabel('Safe contact')).toHaveValue('');
    await expect(page.getByLabel('Notes')).toHaveCount(0); // notes are dated entries, added on the record's page
    await page.getByLabel('Safe contact').fill('Text only after 6');
    await submit(page, 'Save changes');
    await expect(page).toHaveURL(`/participants/${id}`);
    await expect(page.getByRole('region', { name: 'Details' })).toContainText('he/him');
    await expect(page.getByRole('listitem').filter({ hasText: 'Details changed' })).toContainText('Pronouns, safe contact');

    const before = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'participant.sensitive_viewed' AND entity_id = $1`, [
      id,
    ]);
    await page.getByRole('button', { name: 'Show safe contact and notes' }).click();
    await expect(page.getByText('Likes the early shower slot')).toBeVisible(); // the create form's notes: the first entry
    await expect(page.getByText('Text only after 6')).toBeVisible();
    await expectNoAxeViolations(page);
    const after = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'participant.sensitive_viewed' AND entity_id = $1`, [id]);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    await page.reload();
    await expect(page.getByText('Likes the early shower slot')).toHaveCount(0);
  });

  test('cannot edit a de-identified record', async ({ page, signInAs, sql }) => {
    const id = await insertParticipant(sql, unique('Faded'), randomCode());
    await sql(`UPDATE participant SET alias = NULL, deidentified_at = now() WHERE id = $1`, [id]);
    await signInAs('coordinator');
    await page.goto(`/participants/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('De-identified record');
    await expect(page.getByRole('link', { name: 'Edit details' })).toHaveCount(0);
    await page.goto(`/participants/${id}/edit`);
    await expect(page.getByRole('main')).toContainText('This record was de-identified and can no longer be changed.');
    await expect(page.getByRole('button', { name: 'Save changes' })).toHaveCount(0);
  });

  test('an unknown or malformed address says so plainly', async ({ page, signInAs }) => {
    await signInAs('coordinator');
    for (const id of ['not-an-id', '00000000-0000-4000-8000-000000000000']) {
      const response = await page.goto(`/participants/${id}`);
      expect(response?.status()).toBe(404);
      await expect(page.getByText('That participant was not found.')).toBeVisible();
    }
  });
});

test.describe('the participants list', () => {
  test('searches by alias or code without the text ever reaching the URL; the search can be cleared', async ({ page, signInAs, sql, context }) => {
    const urls = watchUrls(page);
    const alias = unique('Juniper');
    const code = randomCode();
    await insertParticipant(sql, alias, code);
    await signInAs('coordinator');
    await page.goto('/participants');
    await expectNoAxeViolations(page);
    const secret = alias.split(' ')[1]!;
    await page.getByLabel('Alias or code').fill(secret);
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const table = page.getByRole('region', { name: 'Participants' });
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table.getByRole('row').nth(1)).toContainText(code);
    await expect(page.getByLabel('Alias or code')).toHaveValue(secret);

    const cookie = (await context.cookies()).find((c) => c.value === secret);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/participants' });

    // Sorting keeps the search, still out of the URL.
    await table.getByRole('link', { name: /Alias/ }).click();
    await expect(page).toHaveURL(/sort=alias/);
    await expect(table.getByRole('row')).toHaveCount(2);

    // By code: lower case, no hyphen.
    await page.getByLabel('Alias or code').fill(code.replace('-', '').toLowerCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(table.getByRole('row').nth(1)).toContainText(alias);

    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect(page.getByLabel('Alias or code')).toHaveValue('');
    expect((await context.cookies()).some((c) => c.name === 'lantern_participants_q')).toBe(false);
    const history = await page.evaluate(() => window.history.length);
    expect(history).toBeGreaterThan(1);
    for (const url of urls) {
      expect(url).not.toContain(secret);
      expect(url.toLowerCase()).not.toContain(code.replace('-', '').toLowerCase());
    }
  });
});

test.describe('a peer', () => {
  test('sees alias, code and last seen only, and cannot reach the forms by URL', async ({ page, signInAs, sql }) => {
    const alias = unique('Wren');
    const id = await insertParticipant(sql, alias, randomCode());
    await sql(`UPDATE participant SET pronouns = 'xe/xem', pronouns_state = 'answered' WHERE id = $1`, [id]);
    await signInAs('peer');
    await page.goto('/participants');
    const table = page.getByRole('region', { name: 'Participants' });
    await expect(table.getByRole('columnheader')).toHaveText([/Alias/, 'Code', /Last seen/]);
    await expect(page.getByRole('link', { name: 'Add a participant' })).toHaveCount(0);
    await expect(page.getByLabel('Travelling')).toHaveCount(0);
    await expectNoAxeViolations(page);

    await page.goto(`/participants/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(alias);
    await expect(page.getByText('xe/xem')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Details' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /safe contact/ })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /Edit|Merge|access request/ })).toHaveCount(0);
    await expectNoAxeViolations(page);

    for (const path of ['/participants/new', `/participants/${id}/edit`]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByText(NOT_AVAILABLE)).toBeVisible();
    }
  });
});

test.describe('a peer at the desk (issue 17)', () => {
  test('sees no visit history, services or dates on the profile, and cannot open a past visit', async ({ page, signInAs, newSignedInPage, sql }) => {
    test.slow(); // two sign-ins in two browsers
    const alias = unique('Plover');
    const id = await insertParticipant(sql, alias, randomCode());
    // A visit two days ago with crisis intervention: the kind of history a peer must not see.
    const [visit] = await sql<{ id: string }>(
      `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
       SELECT gen_random_uuid(), $1, now() - interval '2 days', (now() - interval '2 days')::date, gen_random_uuid(), id, now()
       FROM staff_user WHERE email = 'coordinator@example.org' RETURNING id::text`,
      [id],
    );
    await sql(`INSERT INTO visit_service (visit_id, service_type_id, quantity) SELECT $1, id, 1 FROM service_type WHERE name = 'Crisis intervention'`, [
      visit!.id,
    ]);

    // The control: a coordinator sees it on the timeline.
    const coordinator = await newSignedInPage('coordinator');
    await coordinator.goto(`/participants/${id}`);
    await expect(coordinator.getByRole('heading', { name: 'Timeline' })).toBeVisible();
    await expect(coordinator.getByText(/Crisis intervention/)).toBeVisible();

    await signInAs('peer');
    await page.goto(`/participants/${id}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText(alias);
    await expect(page.getByRole('heading', { name: 'Timeline' })).toHaveCount(0);
    await expect(page.getByText(/Crisis intervention|Drop-in visit/)).toHaveCount(0);
    await expect(page.getByRole('heading', { name: 'Showers and laundry' })).toBeVisible();
    await expectNoAxeViolations(page);
    const response = await page.goto(`/visits/${visit!.id}`);
    expect(response?.status()).toBe(404);
  });
});

test.describe('a manager', () => {
  test('finds the merge and access request links on the profile', async ({ page, signInAs, sql }) => {
    const id = await insertParticipant(sql, unique('Heron'), randomCode());
    await signInAs('manager');
    await page.goto(`/participants/${id}`);
    await expect(page.getByRole('link', { name: 'Merge with another record' })).toHaveAttribute('href', `/participants/${id}/merge`);
    await expect(page.getByRole('link', { name: /access request/ })).toHaveAttribute('href', `/participants/${id}/access`);
  });
});

test.describe('on a phone', () => {
  test('the list and the form fit 360 px @phone', async ({ page, signInAs }) => {
    await signInAs('outreach');
    for (const path of ['/participants', '/participants/new']) {
      await page.goto(path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
      await expectNoAxeViolations(page);
    }
  });
});
