import { randomInt, randomUUID } from 'node:crypto';
import type { Locator, Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test, type Sql } from './fixtures.ts';
import { createParticipant } from './people.ts';
import { localDay } from '../lib/calendar/index.ts';

// Issue 21: a destructive action asks once, and can be undone for a while after. For each of the
// four (cancel a stay, void a visit, end a referral, end a shift) the keyboard path: the first
// Enter only asks, with focus on the safe answer, so a second stray Enter keeps the record; Y
// does it; then Undo brings it back. Each test signs in with a staff account of its own.

const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

/** First Enter asks (focus on Keep), a stray second Enter keeps, then Enter and Y do it. */
async function askKeepThenConfirm(page: Page, opener: Locator, keepName: string, kept: () => Promise<void>) {
  await opener.focus();
  await page.keyboard.press('Enter');
  const keep = page.getByRole('button', { name: keepName, exact: true });
  await expect(keep).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(keep).toHaveCount(0);
  await expect(opener).toBeFocused();
  await kept();
  await page.keyboard.press('Enter');
  await expect(keep).toBeFocused();
  await page.keyboard.press('y');
}

const staffId = async (sql: Sql, email: string) => (await sql<{ id: string }>(`SELECT id FROM staff_user WHERE email = $1`, [email]))[0]!.id;
const audited = async (sql: Sql, action: string, entityId: string) =>
  (await sql(`SELECT 1 FROM audit_event WHERE action = $1 AND entity_id = $2`, [action, entityId])).length;

test('a stay: cancelled after one question, then reinstated with Undo', async ({ page, sql, createStaff }) => {
  test.slow(); // a booking, two pages and two axe runs on two shared cores
  const person = await createParticipant(sql);
  const unit = { id: randomUUID(), name: `E2E undo ${pick('abcdefghjkmnpqrstuvwxyz', 5)}` };
  await sql(`INSERT INTO suite_unit (id, name, sort_order, updated_at) VALUES ($1, $2, 1000, now())`, [unit.id, unit.name]);
  const desk = await createStaff({ role: 'coordinator' });
  await signIn(page, desk);
  await page.goto('/suite');
  const picker = page.getByRole('combobox', { name: 'Participant' });
  await picker.fill(person.search);
  // Enter picks the first match only once the matches have come back.
  await expect(page.locator('.suite-book').getByRole('option').first()).toContainText(person.code);
  await picker.press('Enter');
  await expect(page.locator('.suite-book').getByText(person.code)).toBeVisible();
  await page.getByLabel('Unit', { exact: true }).selectOption({ label: unit.name });
  await page.locator('.suite-book').getByRole('button', { name: 'Book stay' }).click();
  await expect(page.locator('.suite-book').getByRole('status')).toContainText('Booked');
  const [stay] = await sql<{ id: string }>(`SELECT id FROM stay WHERE unit_id = $1`, [unit.id]);
  const status = async () => (await sql<{ status: string }>(`SELECT status::text FROM stay WHERE id = $1`, [stay!.id]))[0]!.status;

  const card = page.locator('.suite-stay').filter({ hasText: person.code });
  await askKeepThenConfirm(page, card.getByRole('button', { name: 'Cancel stay' }), 'Keep', async () => expect(await status()).toBe('confirmed'));
  await expect(card.getByRole('status')).toContainText('Stay cancelled.');
  await expect.poll(status).toBe('cancelled');
  const undo = card.getByRole('button', { name: 'Undo' });
  await expect(undo).toBeFocused();
  await expectNoAxeViolations(page);
  // The stay's own page offers the same undo while the window is open.
  await page.goto(`/suite/stays/${stay!.id}`);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('button', { name: 'Cancel stay' })).toBeVisible();
  expect(await status()).toBe('confirmed');
  expect(await audited(sql, 'stay.reinstated', stay!.id)).toBe(1);
});

test('a visit: voided after one question, then restored with Undo', async ({ page, sql, createStaff }) => {
  const person = await createParticipant(sql);
  const desk = await createStaff({ role: 'coordinator' });
  const visitId = randomUUID();
  await sql(
    `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
     VALUES ($1, $2, now(), $3::date, gen_random_uuid(), $4, now())`,
    [visitId, person.id, localDay(new Date()), await staffId(sql, desk.email)],
  );
  const voided = async () => (await sql<{ voided: boolean }>(`SELECT voided_at IS NOT NULL AS voided FROM visit WHERE id = $1`, [visitId]))[0]!.voided;
  await signIn(page, desk);
  await page.goto(`/visits/${visitId}`);
  await page.getByLabel('Reason').fill('Logged for the wrong person');
  await askKeepThenConfirm(page, page.getByRole('button', { name: 'Void visit' }), 'Keep', async () => expect(await voided()).toBe(false));
  await expect(page.getByText('This visit was voided.')).toBeVisible();
  await expect(page.getByRole('main').getByRole('status').filter({ hasText: 'Visit voided.' })).toBeVisible();
  expect(await voided()).toBe(true);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: 'Void visit' })).toBeVisible();
  expect(await voided()).toBe(false);
  expect(await audited(sql, 'visit.unvoided', visitId)).toBe(1);
});

test('a referral: ended after one question, then reopened with Undo', async ({ page, sql, createStaff }) => {
  const person = await createParticipant(sql);
  const agency = { id: randomUUID(), name: `E2E Housing ${pick('abcdefghjkmnpqrstuvwxyz', 6)}` };
  await sql(`INSERT INTO agency (id, name, categories, phone, updated_at) VALUES ($1, $2, '{housing}', '250-555-0199', now())`, [agency.id, agency.name]);
  const desk = await createStaff({ role: 'coordinator' });
  const referralId = randomUUID();
  await sql(
    `INSERT INTO referral (id, participant_id, agency_id, category, reason_category, referred_on, follow_up_on, staff_id, consent,
                           status_by_id, status_at, idempotency_key, updated_at)
     VALUES ($1, $2, $3, 'housing', 'housing', $4::date, $4::date, $5, 'nothing', $5, now(), gen_random_uuid(), now())`,
    [referralId, person.id, agency.id, localDay(new Date()), await staffId(sql, desk.email)],
  );
  const status = async () => (await sql<{ status: string }>(`SELECT status::text FROM referral WHERE id = $1`, [referralId]))[0]!.status;
  await signIn(page, desk);
  await page.goto(`/referrals/${referralId}`);
  await page.getByLabel('New status').selectOption({ label: 'Closed' });
  await askKeepThenConfirm(page, page.getByRole('button', { name: 'Save status' }), 'Keep', async () => expect(await status()).toBe('made'));
  await expect(page.getByTestId('referral-status')).toHaveText('Closed');
  await expect(page.getByRole('status').filter({ hasText: 'This referral has ended.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('referral-status')).toHaveText('Made');
  await expect(page.getByLabel('New status')).toBeVisible();
  expect(await status()).toBe('made');
  expect(await audited(sql, 'referral.reopened', referralId)).toBe(1);
});

test('@phone a shift: ended after one question, then resumed with Undo', async ({ page, sql, createStaff }) => {
  const worker = await createStaff({ role: 'outreach' });
  await signIn(page, worker);
  await expect(page).toHaveURL('/outreach');
  await page.getByRole('radio', { name: 'North Shore' }).check();
  await page.getByRole('button', { name: 'Start shift' }).click();
  await expect(page.getByRole('heading', { name: 'On shift' })).toBeVisible();
  const shift = async () =>
    (
      await sql<{ id: string; ended: boolean }>(
        `SELECT s.id::text, s.ended_at IS NOT NULL AS ended FROM outreach_shift s JOIN staff_user u ON u.id = s.created_by_id WHERE u.email = $1`,
        [worker.email],
      )
    )[0]!;
  await expect.poll(async () => (await shift()).ended).toBe(false);

  await askKeepThenConfirm(page, page.getByRole('button', { name: 'End shift' }), 'Keep going', async () => {
    await expect(page.getByRole('heading', { name: 'On shift' })).toBeVisible();
    expect((await shift()).ended).toBe(false);
  });
  await expect(page.getByRole('heading', { name: 'Start a shift' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Shift ended.' })).toBeVisible();
  expect((await shift()).ended).toBe(true);
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { name: 'On shift' })).toBeVisible();
  const after = await shift();
  expect(after.ended).toBe(false);
  expect(await audited(sql, 'outreach_shift.resumed', after.id)).toBe(1);
});
