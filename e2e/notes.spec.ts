import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { demoLogin, expect, test, type Sql } from './fixtures.ts';

// A participant's dated notes (issue 21): a coordinator adds a crisis entry and a note, reads them
// dated and signed behind the audited reveal; roles without notes never see them.

const unique = (word: string) => `${word} ${randomBytes(3).toString('hex')}`;

async function insertParticipant(sql: Sql, alias: string): Promise<string> {
  const id = randomUUID();
  const a = 'ACDEFGHJKMNPQRTUVWXY34679';
  const code = Array.from(randomBytes(6), (b) => a[b % a.length])
    .join('')
    .replace(/^(...)/, '$1-');
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at)
     SELECT $1, $2, $3, now(), s.id, s.id, now() FROM staff_user s WHERE s.email = $4`,
    [id, code, alias, demoLogin('coordinator').email],
  );
  return id;
}

async function addEntry(page: Page, kind: string, text: string) {
  const form = page.getByRole('form', { name: 'Add entry' });
  await form.getByLabel('Kind').selectOption({ label: kind });
  await form.getByLabel('Entry').fill(text);
  await form.getByRole('button', { name: 'Add entry' }).click();
  await expect(form.getByRole('status')).toContainText('Entry added');
}

const views = async (sql: Sql, id: string) =>
  (await sql<{ n: number }>(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'participant.sensitive_viewed' AND entity_id = $1`, [id]))[0]!.n;

test('a coordinator adds a crisis entry and a note, and reads both dated and signed after the audited reveal @phone', async ({ page, signInAs, sql }) => {
  test.slow();
  const id = await insertParticipant(sql, unique('Wren'));
  const crisis = unique('Sat with her after a bad date');
  const note = unique('Came back in, doing better');
  const me = await signInAs('coordinator');
  await page.goto(`/participants/${id}`);
  const section = page.getByRole('region', { name: 'Safe contact and notes' });
  await expect(section).toContainText('None recorded.');

  // Bad input: the reason beside the field, nothing saved.
  const form = page.getByRole('form', { name: 'Add entry' });
  await form.getByRole('button', { name: 'Add entry' }).click();
  await expect(form.getByLabel('Kind')).toHaveAccessibleDescription('Choose what kind of note this is.');
  expect((await sql<{ n: number }>('SELECT count(*)::int AS n FROM participant_note WHERE participant_id = $1', [id]))[0]!.n).toBe(0);

  await addEntry(page, 'Crisis', crisis);
  await addEntry(page, 'Note', note);
  // Stored encrypted: the words are nowhere in the table or the audit log.
  expect(await sql("SELECT 1 FROM participant_note WHERE encode(text_enc, 'escape') LIKE $1", [`%${crisis.slice(0, 12)}%`])).toHaveLength(0);
  expect(await sql('SELECT 1 FROM audit_event WHERE details::text LIKE $1', ['%bad date%'])).toHaveLength(0);
  await expect(section).not.toContainText(crisis);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);

  const before = await views(sql, id);
  await section.getByRole('button', { name: 'Show safe contact and notes' }).click();
  const entries = section.getByRole('list', { name: 'Notes, newest first' }).getByRole('listitem');
  await expect(entries).toHaveCount(2);
  await expect(entries.nth(0)).toContainText('Note');
  await expect(entries.nth(0)).toContainText(note);
  await expect(entries.nth(1)).toContainText('Crisis');
  await expect(entries.nth(1)).toContainText(crisis);
  for (const i of [0, 1]) {
    await expect(entries.nth(i)).toContainText(me.displayName);
    await expect(entries.nth(i).locator('time')).toHaveText(/\d/);
  }
  expect(await views(sql, id)).toBe(before + 1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);
  await page.reload();
  await expect(page.getByText(crisis)).toHaveCount(0);
});

test('the audit log shows the reading of the notes to a program manager', async ({ page, signInAs, sql }) => {
  test.slow();
  const id = await insertParticipant(sql, unique('Finch'));
  await signInAs('manager');
  await page.goto(`/participants/${id}`);
  await addEntry(page, 'Safety plan', 'Texts the desk when starting and finishing');
  await page.getByRole('button', { name: 'Show safe contact and notes' }).click();
  await expect(page.getByText('Texts the desk when starting and finishing')).toBeVisible();
  await page.goto('/audit?action=participant.sensitive_viewed');
  await expect(page.getByRole('region', { name: 'Audit events' }).getByRole('row').nth(1)).toContainText('Viewed notes and safe contact');
  await page.goto('/audit?action=participant.note_added');
  await expect(page.getByRole('region', { name: 'Audit events' }).getByRole('row').nth(1)).toContainText('Note added');
  await expect(page.getByRole('region', { name: 'Audit events' })).not.toContainText('Texts the desk');
  await expectNoAxeViolations(page);
});

test('a peer sees no notes and cannot add one', async ({ page, signInAs, sql }) => {
  test.slow();
  const id = await insertParticipant(sql, unique('Lark'));
  await sql(
    `INSERT INTO participant_note (id, participant_id, kind_id, written_at, author_id, text_enc)
     SELECT gen_random_uuid(), $1, k.id, now(), s.id, NULL FROM note_kind k, staff_user s WHERE k.key = 'crisis' AND s.email = $2`,
    [id, demoLogin('coordinator').email],
  );
  await signInAs('peer');
  await page.goto(`/participants/${id}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Lark');
  await expect(page.getByRole('region', { name: 'Safe contact and notes' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Add entry' })).toHaveCount(0);
  await expect(page.getByText('Crisis')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

test('IT support cannot open a participant record at all', async ({ page, signInAs, sql }) => {
  test.slow();
  const id = await insertParticipant(sql, unique('Tern'));
  await signInAs('admin');
  await page.goto(`/participants/${id}`);
  await expect(page.getByText('This page is not available to your role.')).toBeVisible();
  await expect(page.getByRole('form', { name: 'Add entry' })).toHaveCount(0);
});

test('a program manager keeps the list of kinds in Settings', async ({ page, signInAs }) => {
  test.slow();
  await signInAs('manager');
  await page.goto('/settings/note-kinds');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Kinds of note');
  for (const name of ['Note', 'Crisis', 'Safety plan'])
    await expect(
      page
        .getByRole('listitem')
        .filter({ hasText: new RegExp(`^${name}`) })
        .first(),
    ).toBeVisible();
  const form = page.getByRole('form', { name: 'Add a kind of note' });
  await form.getByRole('button', { name: 'Add kind' }).click();
  await expect(form.getByLabel('New kind')).toHaveAccessibleDescription(/Enter a name/);
  const name = unique('Follow-up');
  await form.getByLabel('New kind').fill(name);
  await form.getByRole('button', { name: 'Add kind' }).click();
  await expect(page.getByText(`${name} added at the end of the list.`)).toBeVisible();
  await expectNoAxeViolations(page);
});
