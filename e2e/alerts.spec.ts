import { randomBytes, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { demoLogin, expect, test, type Sql } from './fixtures.ts';
import { addDays, localDay } from '../lib/calendar/index.ts';

// Aggressor alerts as the desk uses them: a coordinator takes a street report with a vehicle,
// reviews and publishes it; a peer sees it on the sheet without anything about the reporter and
// finds it by two characters of the plate. Plates and aliases are unique per test.

const LETTERS = 'ABCDEFGHJKMNPRSTUVWXYZ';
const pick = (n: number, from: string) => Array.from(randomBytes(n), (b) => from[b % from.length]).join('');
/** "QX 7R 42": fictional, unique enough that two characters of it find this report among a few. */
const uniquePlate = () => `${pick(2, LETTERS)} ${pick(1, '23456789')}${pick(1, LETTERS)} ${pick(2, '23456789')}`;

function yesterday(): string {
  return addDays(localDay(new Date()), -1);
}

async function insertParticipant(sql: Sql, alias: string): Promise<{ id: string; code: string }> {
  const id = randomUUID();
  const code = `${pick(3, 'ACDEFGHJKMNPQRTUVWXY34679')}-${pick(3, 'ACDEFGHJKMNPQRTUVWXY34679')}`;
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at)
     SELECT $1, $2, $3, now(), s.id, s.id, now() FROM staff_user s WHERE s.email = $4`,
    [id, code, alias, demoLogin('coordinator').email],
  );
  return { id, code };
}

function watchUrls(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(decodeURIComponent(r.url())));
  return urls;
}

const SCRIPT = '<script>window.__alertScript = 1</script>';

/** Fills the report form for a street report with a vehicle, the reporter chosen from the keyboard. */
async function fillStreetReport(page: Page, who: { alias: string; code: string }, plate: string) {
  await page.getByRole('combobox', { name: 'Who is reporting?' }).fill(who.alias);
  await expect(page.getByRole('option').first()).toContainText(who.code);
  await page.keyboard.press('Enter');
  await page.getByLabel('Date it happened').fill(yesterday());
  await page.getByLabel('Roughly when').selectOption('night');
  await page.getByRole('textbox', { name: 'General area', exact: true }).fill('Behind the grain elevator');
  await page.getByRole('radio', { name: 'Street' }).check();
  await page.getByRole('textbox', { name: 'Vehicle make', exact: true }).fill('Chevrolet');
  await page.getByRole('textbox', { name: 'Vehicle colour', exact: true }).fill('Maroon');
  await page.getByRole('textbox', { name: 'Plate (part is fine)', exact: true }).fill(plate);
  await page.getByRole('checkbox', { name: 'Robbery or theft' }).check();
  await page.getByRole('textbox', { name: 'Description of the aggressor', exact: true }).fill(`Thin man, red jacket ${SCRIPT}`);
  await page.getByLabel('What happened, in their words').fill('He took my phone at the lights');
}

test('a street report goes from the coordinator to the peer’s sheet without the reporter, and two plate characters find it', async ({
  page,
  signInAs,
  sql,
  newSignedInPage,
}) => {
  test.setTimeout(120_000);
  const alias = `Wren ${randomBytes(3).toString('hex')}`;
  const person = { alias, ...(await insertParticipant(sql, alias)) };
  const plate = uniquePlate();
  await signInAs('coordinator');
  await page.goto('/alerts/new');
  await expectNoAxeViolations(page);
  await fillStreetReport(page, person, plate);
  await page.getByRole('button', { name: 'Save report' }).click();
  await page.waitForURL(/\/alerts\/reports\/[0-9a-f-]{36}$/);

  // The reviewer sees the reporter and the account; the preview does not.
  await expect(page.getByRole('region', { name: 'Reporter (never on an alert)' })).toContainText(person.code);
  const preview = page.getByRole('region', { name: 'Preview: exactly what the alert will show' });
  await expect(preview).toContainText(plate);
  await expect(preview).not.toContainText(person.code);
  await expect(preview).not.toContainText('took my phone');
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Mark as reviewed' }).click();
  await expect(page.getByRole('status')).toHaveText('Marked as reviewed.');
  await page.getByRole('button', { name: 'Publish this alert' }).click();
  await expect(page.getByRole('status')).toHaveText('Published: the alert is on the sheet.');

  const peer = await newSignedInPage('peer');
  const urls = watchUrls(peer);
  await peer.goto('/alerts');
  const card = peer.getByRole('article').filter({ hasText: plate });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('Maroon Chevrolet');
  // Script typed into the description shows as the characters typed, and never runs.
  await expect(card).toContainText(SCRIPT);
  expect(await peer.evaluate(() => (window as unknown as { __alertScript?: number }).__alertScript)).toBeUndefined();
  const body = await peer.locator('main').innerText();
  for (const secret of [person.alias, person.code, 'took my phone']) expect(body).not.toContain(secret);
  await expectNoAxeViolations(peer);

  const twoChars = plate.replace(/\s/g, '').slice(2, 4);
  await peer.getByLabel('Plate, phone number, handle or words').fill(twoChars.toLowerCase());
  await peer.getByRole('button', { name: 'Search' }).click();
  const results = peer.getByRole('region', { name: 'Search' });
  await expect(results.getByRole('article').filter({ hasText: plate })).toHaveCount(1);
  await expect(results).not.toContainText(person.code);
  expect(urls.filter((u) => u.toLowerCase().includes(`=${twoChars.toLowerCase()}`))).toEqual([]);

  // The Today page shows the newest alerts too, and the printable sheet has a neutral heading.
  await peer.goto('/');
  await expect(peer.getByRole('region', { name: 'Aggressor alerts' }).getByRole('article').filter({ hasText: plate })).toHaveCount(1);
  await peer.goto('/alerts/print');
  await expect(peer.getByRole('heading', { level: 1 })).toHaveText('Safety notices');
  await expect(peer.getByRole('article').filter({ hasText: plate })).toHaveCount(1);
});

test('bad input gets a plain message beside the field and saves nothing', async ({ page, signInAs, sql }) => {
  test.setTimeout(90_000);
  // Reports this login took (tests run in parallel: another may be saving one meanwhile).
  const mine = async () =>
    (
      await sql<{ n: number }>('SELECT count(*)::int AS n FROM alert_report r JOIN staff_user s ON s.id = r.created_by_id WHERE s.email = $1', [
        demoLogin('outreach').email,
      ])
    )[0]!.n;
  const before = await mine();
  await signInAs('outreach');
  await page.goto('/alerts/new');
  await page.getByRole('combobox', { name: 'Who is reporting?' }).fill('zz');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  const future = addDays(localDay(new Date()), 3);
  await page.getByLabel('Date it happened').fill(future);
  await page.getByRole('radio', { name: 'Street' }).check();
  await page.getByRole('textbox', { name: 'Plate (part is fine)', exact: true }).fill('ABCDEFGHIJKLMNOP');
  await page.getByRole('checkbox', { name: 'Weapon' }).check();
  await page.getByRole('textbox', { name: 'Description of the aggressor', exact: true }).fill('Tall');
  await page.getByRole('button', { name: 'Save report' }).click();
  await expect(page.getByRole('textbox', { name: 'Plate (part is fine)', exact: true })).toHaveAccessibleDescription(/10 letters and numbers or fewer/);
  await page.getByRole('textbox', { name: 'Plate (part is fine)', exact: true }).fill('QQ 12');
  await page.getByRole('button', { name: 'Save report' }).click();
  await expect(page.getByLabel('Date it happened')).toHaveAccessibleDescription(/cannot be in the future/);
  // Nothing chosen was lost along the way.
  await expect(page.getByRole('checkbox', { name: 'Weapon' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Street' })).toBeChecked();
  await expect(page.getByRole('textbox', { name: 'Plate (part is fine)', exact: true })).toHaveValue('QQ 12');
  await expectNoAxeViolations(page);
  expect(await mine()).toBe(before);

  await page.getByLabel('Date it happened').fill(yesterday());
  await page.getByRole('button', { name: 'Save report' }).click();
  await expect(page.getByRole('status')).toContainText('Report saved. A coordinator will review it');
  expect(await mine()).toBe(before + 1);
});

test('outreach on a 360 px phone: the report form, the sheet and search fit @phone', async ({ page, signInAs }) => {
  await signInAs('outreach');
  await page.goto('/alerts/new');
  await page.getByRole('radio', { name: 'Online or phone' }).check();
  await expect(page.getByRole('textbox', { name: 'Phone number', exact: true })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'Plate (part is fine)', exact: true })).toHaveCount(0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);

  await page.goto('/alerts');
  await expect(page.getByRole('heading', { name: 'Aggressor alerts, newest first' })).toBeVisible();
  await page.getByLabel('Plate, phone number, handle or words').fill('x');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByLabel('Plate, phone number, handle or words')).toHaveAccessibleDescription(/at least 2/);
  await page.getByLabel('Plate, phone number, handle or words').fill('250-555-0142');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByRole('region', { name: 'Search' }).getByRole('status')).toHaveText(/found|Nothing matches/);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page);
});
