import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test, type Sql } from './fixtures.ts';
import { addDays, localDay } from '../lib/calendar/index.ts';

// Referrals as staff make them. Other specs run at the same time against the same server, so each
// test makes its own participant and agency and looks only at those.
//
// The controlled clock: the server's clock is shared by every spec running at once, so it is not
// moved. Instead, "a week passes" for this test's one referral: its referral and follow-up dates
// are moved back seven days through the `sql` fixture, exactly as if it had been made a week ago.
// The status history (append-only) keeps the real times it was recorded.

const CODE_CHARACTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

async function createParticipant(sql: Sql) {
  const alias = `${pick('BCDFGHJKLMNPQRSTVWXZ', 1)}${pick('aeiouy', 1)}${pick('bcdfghjklmnpqrstvwxz', 3)} Wren`;
  const code = `${pick(CODE_CHARACTERS, 3)}-${pick(CODE_CHARACTERS, 3)}`;
  const id = randomUUID();
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at)
     SELECT $1, $2, $3, now(), id, id, now() FROM staff_user WHERE email = 'coordinator@example.org'`,
    [id, code, alias],
  );
  return { id, alias, code };
}

async function createAgency(sql: Sql, categories = '{housing}') {
  const name = `E2E Housing ${pick('abcdefghjkmnpqrstuvwxyz', 6)}`;
  const id = randomUUID();
  await sql(`INSERT INTO agency (id, name, categories, phone, updated_at) VALUES ($1, $2, $3, '250-555-0199', now())`, [id, name, categories]);
  return { id, name };
}

const followUps = (page: Page) => page.getByRole('region', { name: 'Follow-ups due' });

test('a coordinator refers a person to housing with consent "alias only"; a week later the follow-up is due; it is closed as completed', async ({
  page,
  sql,
  signInAs,
}) => {
  test.slow(); // a whole referral's life in one journey: about 30 s on a busy 2-core machine
  const person = await createParticipant(sql);
  const agency = await createAgency(sql);
  const me = await signInAs('coordinator');

  await page.goto(`/participants/${person.id}`);
  await page.getByRole('link', { name: 'Refer to an agency' }).click();
  await expect(page.getByRole('heading', { name: 'New referral' })).toBeVisible();
  await expect(page.getByText(`Chosen: ${person.alias} · ${person.code}`)).toBeVisible();
  await page.getByLabel('Agency').selectOption({ label: agency.name });
  await expect(page.getByLabel('Kind of support')).toHaveValue('housing');
  await page.getByLabel('What for', { exact: true }).selectOption({ label: 'Housing or a bed' });
  await page.getByLabel('Details (optional)').fill('Looking for housing');
  await page.getByRole('radio', { name: 'Alias only' }).check();
  await expectNoAxeViolations(page);

  // Sharing the alias without recording the person's consent is refused beside the box; nothing is saved.
  await page.getByRole('button', { name: 'Save referral' }).click();
  await expect(page.getByText('Tick that the person agreed to share this')).toBeVisible();
  expect(await sql(`SELECT 1 FROM referral WHERE agency_id = $1`, [agency.id])).toHaveLength(0);

  await page.getByRole('checkbox', { name: /The person agreed to share this/ }).check();
  await page.getByRole('button', { name: 'Save referral' }).click();
  await expect(page.getByRole('heading', { name: `Referral to ${agency.name}` })).toBeVisible();
  await expect(page.getByTestId('referral-status')).toHaveText('Made');
  await expect(page.getByText(`Alias only. Consent recorded by ${me.displayName}`, { exact: false })).toBeVisible();
  const today = localDay(new Date());
  await expect(page.getByText(`${addDays(today, 7)}`)).toBeVisible();
  const referralId = page.url().split('/').pop()!;
  // What for is a choice; the words beside it are kept encrypted and shown on request (audited).
  await expect(page.getByText('Housing or a bed')).toBeVisible();
  expect(
    await sql(
      `SELECT 1 FROM referral WHERE id = $1 AND reason_category = 'housing'
    AND position(convert_to('Looking for housing', 'UTF8') IN reason_detail_enc) = 0`,
      [referralId],
    ),
  ).toHaveLength(1);
  await page.getByRole('button', { name: 'Show the reason in words' }).click();
  await expect(page.getByText('Looking for housing')).toBeVisible();

  // Today: not due yet.
  await page.goto('/');
  await expect(followUps(page)).toBeVisible();
  await expect(followUps(page).getByRole('link', { name: new RegExp(person.code) })).toHaveCount(0);

  // A week passes for this referral.
  await sql(`UPDATE referral SET referred_on = referred_on - 7, follow_up_on = follow_up_on - 7 WHERE id = $1`, [referralId]);
  await page.reload();
  const due = followUps(page).getByRole('listitem').filter({ hasText: person.code });
  await expect(due).toContainText(`${agency.name} (housing), due ${today}`);
  // And on the referrals page, filtered by the URL.
  await page.goto(`/referrals?due=due&agency=${agency.id}`);
  await expect(page.getByRole('region', { name: 'Referrals' }).getByRole('link', { name: new RegExp(person.code) })).toBeVisible();
  await expectNoAxeViolations(page);

  // The agency calls back: connected; then the person has a place: completed, with an outcome note.
  await page
    .getByRole('region', { name: 'Referrals' })
    .getByRole('link', { name: new RegExp(person.code) })
    .click();
  await expect(page.getByLabel('New status').locator('option', { hasText: 'Completed' })).toHaveCount(0); // not offered from "made"
  await page.getByLabel('New status').selectOption({ label: 'Connected' });
  await page.getByRole('button', { name: 'Save status' }).click();
  await expect(page.getByTestId('referral-status')).toContainText('Connected');
  // The confirmation stays on screen after the page shows the new status.
  await expect(page.getByRole('status')).toHaveText('Status changed to “connected”.');
  await expect(page.getByLabel('New status')).toHaveValue('');
  await page.getByLabel('New status').selectOption({ label: 'Completed' });
  await page.getByLabel('Outcome note (optional)').fill('Moved in');
  await page.getByRole('button', { name: 'Save status' }).click();
  await page.getByRole('button', { name: 'Yes, end it' }).click();
  await expect(page.getByTestId('referral-status')).toContainText('Completed');
  await expect(page.getByRole('status').filter({ hasText: 'Status changed' })).toHaveText('Status changed to “completed”.');
  const history = page.getByRole('region', { name: 'History' }).getByRole('listitem');
  await expect(history).toHaveCount(3);
  await expect(history.nth(2)).toContainText(`Connected → Completed, by ${me.displayName}`);
  // A reload drops the one-time confirmation; the history still shows every change.
  await page.reload();
  await expect(page.getByTestId('referral-status')).toContainText('Completed');
  await expect(page.getByText('Status changed to')).toHaveCount(0);
  await expect(history).toHaveCount(3);
  await expect(history.nth(1)).toContainText(`Made → Connected, by ${me.displayName}`);
  await expect(history.nth(2)).toContainText(`Connected → Completed, by ${me.displayName}`);
  // The outcome note stays hidden until asked for.
  await expect(page.getByText('Moved in')).toHaveCount(0);
  // One button shows every hidden text the referral has: here the reason in words and the outcome note.
  await page.getByRole('button', { name: 'Show the reason in words and outcome note' }).click();
  await expect(page.getByText('Moved in')).toBeVisible();
  await expectNoAxeViolations(page);

  await page.goto('/');
  await expect(followUps(page).getByRole('link', { name: new RegExp(person.code) })).toHaveCount(0);
  // The person's timeline shows it.
  await page.goto(`/participants/${person.id}`);
  await expect(page.getByText(`Referred to ${agency.name}`)).toBeVisible();
});

async function createReferral(sql: Sql, agencyId: string, participantId: string, followUpOn: string) {
  const id = randomUUID();
  await sql(
    `INSERT INTO referral (id, participant_id, agency_id, category, reason_category, referred_on, follow_up_on, staff_id, consent,
                           status_by_id, status_at, idempotency_key, updated_at)
     SELECT $1, $2, $3, 'housing', 'housing', $4::date - 14, $4::date, id, 'nothing', id, now(), gen_random_uuid(), now()
     FROM staff_user WHERE email = 'coordinator@example.org'`,
    [id, participantId, agencyId, followUpOn],
  );
}

test('a message beside a field goes as soon as the field is put right', async ({ page, sql, signInAs }) => {
  const person = await createParticipant(sql);
  const agency = await createAgency(sql);
  await signInAs('coordinator');
  await page.goto(`/referrals/new?participant=${person.id}`);
  await page.getByLabel('What for', { exact: true }).selectOption({ label: 'Housing or a bed' });
  await page.getByRole('button', { name: 'Save referral' }).click();
  const agencyField = page.getByLabel('Agency');
  await expect(agencyField).toHaveAccessibleDescription(/Choose an agency/);
  await expect(agencyField).toHaveAttribute('aria-invalid', 'true');
  await agencyField.selectOption({ label: agency.name });
  await expect(page.locator('.field-error', { hasText: /Choose an agency/ })).toHaveCount(0);
  await expect(agencyField).not.toHaveAttribute('aria-invalid');
  expect(await sql(`SELECT 1 FROM referral WHERE agency_id = $1`, [agency.id])).toHaveLength(0);
});

test('the referrals list keeps "follow-up due now" when its filters are sent again, or takes a date instead', async ({ page, sql, signInAs }) => {
  const agency = await createAgency(sql);
  const [due, later] = [await createParticipant(sql), await createParticipant(sql)];
  const today = localDay(new Date());
  await createReferral(sql, agency.id, due.id, addDays(today, -2));
  await createReferral(sql, agency.id, later.id, addDays(today, 5));
  await signInAs('coordinator');
  const listed = page.getByRole('region', { name: 'Referrals' }).getByRole('link', { name: /Wren/ });
  const dueNow = page.getByRole('checkbox', { name: 'Follow-up due now' });

  // The "Follow-ups due" shortcut, then another page size sent with the filter form.
  await page.goto(`/referrals?due=due&agency=${agency.id}`);
  await expect(listed).toHaveText([new RegExp(due.code)]);
  await page.getByLabel('Rows per page').selectOption('50');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(/pageSize=50/);
  expect(new URL(page.url()).searchParams.getAll('due')).toEqual(['due']);
  await expect(listed).toHaveText([new RegExp(due.code)]);
  await expect(dueNow).toBeChecked();

  // A date instead: the box clears, and the date is the one filter sent.
  await page.getByLabel('Follow-up due by').fill(addDays(today, 7));
  await expect(dueNow).not.toBeChecked();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page).toHaveURL(new RegExp(`due=${addDays(today, 7)}`));
  expect(new URL(page.url()).searchParams.getAll('due')).toEqual([addDays(today, 7)]);
  await expect(listed).toHaveCount(2);
  await expect(dueNow).not.toBeChecked();
  await expectNoAxeViolations(page);

  // Ticking the box again clears the date.
  await dueNow.check();
  await expect(page.getByLabel('Follow-up due by')).toHaveValue('');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(listed).toHaveText([new RegExp(due.code)]);
});

test('peers read and search the agency directory and its printable list, but see no referrals', async ({ page, sql, signInAs }) => {
  const agency = await createAgency(sql, '{housing,shelters}');
  await signInAs('peer');
  await page.goto('/agencies');
  await page.getByLabel('Name').fill(agency.name.slice(4));
  await page.getByLabel('Kind of support').selectOption({ label: 'Shelters' });
  await page.getByRole('button', { name: 'Search' }).click();
  const list = page.getByRole('list', { name: 'Agency directory' });
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list).toContainText('250-555-0199');
  await expect(page.getByRole('link', { name: 'Add an agency' })).toHaveCount(0);
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Printable list' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Community services in Kamloops');
  await expect(page.getByRole('region', { name: 'Housing' })).toContainText(agency.name);
  await expectNoAxeViolations(page);
  await expect(page).toHaveTitle('Lantern');
  expect((await page.goto('/referrals'))?.status()).toBe(403);
});

test('a coordinator adds an agency; a name already listed is refused beside the field', async ({ page, sql, signInAs }) => {
  const existing = await createAgency(sql);
  await signInAs('coordinator');
  await page.goto('/agencies/new');
  await page.getByLabel('Name').fill(existing.name);
  await page.getByRole('checkbox', { name: 'Housing' }).check();
  await page.getByRole('button', { name: 'Add agency' }).click();
  await expect(page.getByText('An agency with this name is already in the directory.')).toBeVisible();
  await expectNoAxeViolations(page);
});

test('@phone the referral form and directory fit a 360 px screen', async ({ page, sql, signInAs }) => {
  await createAgency(sql);
  await signInAs('outreach');
  for (const path of ['/referrals/new', '/agencies', '/referrals']) {
    await page.goto(path);
    expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(360);
  }
});
