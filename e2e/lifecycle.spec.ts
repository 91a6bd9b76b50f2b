import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test, type Role, type Sql } from './fixtures.ts';
import { localDay } from '../lib/calendar/index.ts';

// Merge, retention and access requests, as a coordinator and a program manager use them. Every
// participant here is made for the test through SQL, with an alias no other test uses.

const NOT_AVAILABLE = 'This page is not available to your role.';
const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const code = () =>
  Array.from({ length: 6 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)])
    .join('')
    .replace(/^(...)/, '$1-');
const token = () => randomBytes(4).toString('hex');

type Person = { id: string; code: string; alias: string };

/** A participant made directly in the database (consented by the demo manager), last active `daysAgo`. */
async function person(sql: Sql, alias: string, { daysAgo = 0, visits = 0 } = {}): Promise<Person> {
  const [staff] = await sql<{ id: string }>(`SELECT id FROM staff_user WHERE email = 'manager@example.org'`);
  const p = { id: randomUUID(), code: code(), alias };
  await sql(
    `INSERT INTO participant (id, code, alias, pronouns, pronouns_state, consent_at, consent_by_id, created_by_id, updated_at, last_activity_at)
     VALUES ($1, $2, $3, 'she/her', 'answered', now(), $4, $4, now(), now() - make_interval(days => $5))`,
    [p.id, p.code, alias, staff!.id, daysAgo],
  );
  for (let i = 0; i < visits; i++) {
    // Visits before the last activity, so the visit trigger leaves last_activity_at where it was put.
    const at = new Date(Date.now() - (daysAgo * 24 + i + 1) * 3_600_000);
    const [visit] = await sql<{ id: string }>(
      `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
       VALUES (gen_random_uuid(), $1, $2, $4::date, gen_random_uuid(), $3, now()) RETURNING id`,
      [p.id, at, staff!.id, localDay(at)],
    );
    await sql(`INSERT INTO visit_service (visit_id, service_type_id, quantity) SELECT $1, id, 2 FROM service_type WHERE key IN ('shower', 'condoms')`, [
      visit!.id,
    ]);
  }
  return p;
}

const row = async (sql: Sql, id: string) =>
  (
    await sql<{
      alias: string | null;
      merged_into_id: string | null;
      visit_count: number;
      deidentified_at: Date | null;
      pronouns: string | null;
      code: string;
    }>(`SELECT alias, merged_into_id::text, visit_count, deidentified_at, pronouns, code FROM participant WHERE id = $1`, [id])
  )[0]!;

/** The main content's status message (Next's route announcer is outside main). */
const status = (page: Page) => page.getByRole('main').getByRole('status').first();

test.describe('merge', () => {
  test('a coordinator finds the other record, compares, confirms and merges', async ({ page, signInAs, sql }) => {
    const t = token();
    const kept = await person(sql, `Merle ${t}`, { visits: 1 });
    const other = await person(sql, `Merle ${t} again`, { visits: 2 });
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));

    await signInAs('coordinator');
    await page.goto(`/participants/${kept.id}/merge`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Merge two records');
    await expect(page).toHaveTitle('Lantern');
    await expectNoAxeViolations(page);

    // Search by keyboard; the text goes in a POST body, never the address.
    await page.getByLabel('Alias or code').fill(`${t} again`);
    await page.keyboard.press('Enter');
    await expect(status(page)).toHaveText('1 other record found.');
    await page.getByRole('link', { name: `Compare with ${other.alias} (${other.code})` }).click();
    await expect(page).toHaveURL(`/participants/${kept.id}/merge?with=${other.id}`);
    const compared = page.getByRole('region', { name: 'Records compared' });
    await expect(compared.getByRole('row', { name: /^Visits/ })).toHaveText(/Visits\s*1\s*2/);
    await expect(compared.getByRole('row', { name: /^Code/ })).toContainText(other.code);
    await expectNoAxeViolations(page);

    await expect(page.getByLabel(`Keep ${kept.alias} (${kept.code})`)).toBeChecked();
    await page.getByLabel('These two records are the same person').check();
    await page.getByRole('button', { name: 'Merge records' }).click();
    await page.waitForURL(`/participants/${kept.id}`);
    expect(await row(sql, kept.id)).toMatchObject({ visit_count: 3, alias: kept.alias });
    expect(await row(sql, other.id)).toMatchObject({ merged_into_id: kept.id, alias: null, visit_count: 0 });
    const [audit] = await sql(`SELECT details FROM audit_event WHERE action = 'participant.merged' AND entity_id = $1`, [kept.id]);
    expect(audit!.details).toMatchObject({ keptId: kept.id, mergedId: other.id });
    for (const url of urls) expect(decodeURIComponent(url)).not.toContain(t);
  });

  test('an unconfirmed merge, a record with itself and a merged-away record are refused plainly', async ({ page, signInAs, sql }) => {
    const [a, b] = [await person(sql, `Merit ${token()}`), await person(sql, `Merit ${token()}`)];
    await signInAs('manager');
    await page.goto(`/participants/${a.id}/merge?with=${b.id}`);
    await page.getByRole('button', { name: 'Merge records' }).click();
    await expect(page.getByLabel('These two records are the same person')).toHaveAccessibleDescription('Tick the box to confirm these are the same person.');
    await expect(page.getByRole('button', { name: 'Merge records' })).toBeEnabled();
    expect((await row(sql, b.id)).merged_into_id).toBeNull();
    expect(await sql(`SELECT 1 FROM audit_event WHERE action = 'participant.merged' AND entity_id IN ($1, $2)`, [a.id, b.id])).toHaveLength(0);

    await page.goto(`/participants/${a.id}/merge?with=${a.id}`);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('That is the same record. Choose another one.');
    await expect(page.getByRole('button', { name: 'Merge records' })).toHaveCount(0);

    await sql(`UPDATE participant SET merged_into_id = $1, alias = NULL WHERE id = $2`, [a.id, b.id]);
    await page.goto(`/participants/${b.id}/merge`);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(`Record ${b.code} was already merged into another record.`);
    await expect(page.getByLabel('Alias or code')).toHaveCount(0);
    await page.goto(`/participants/${a.id}/merge?with=${b.id}`);
    await expect(page.getByRole('main').getByRole('alert')).toHaveText(`Record ${b.code} was already merged into another record.`);
    await expect(page.getByRole('button', { name: 'Merge records' })).toHaveCount(0);
  });

  test('a search too short to use gets a message beside the field @phone', async ({ page, signInAs, sql }) => {
    const p = await person(sql, `Short ${token()}`);
    await signInAs('manager');
    await page.goto(`/participants/${p.id}/merge`);
    await page.getByLabel('Alias or code').fill('x');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.getByLabel('Alias or code')).toHaveAccessibleDescription('Type at least two characters of an alias or code.');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
  });
});

test.describe('retention', () => {
  test('a manager sees how many records are due and de-identifies them from settings', async ({ page, signInAs, sql }) => {
    const stale = await person(sql, `Faded ${token()}`, { daysAgo: 365 * 3, visits: 1 });
    const recent = await person(sql, `Recent ${token()}`, { daysAgo: 30 });
    await signInAs('manager');
    await page.goto('/settings');
    await page.getByRole('link', { name: /^Retention/ }).click();
    await expect(page).toHaveURL('/settings/retention');
    await expectNoAxeViolations(page);

    const [due] = await sql<{ n: number }>(
      `SELECT count(*)::int AS n FROM participant WHERE deidentified_at IS NULL AND merged_into_id IS NULL AND last_activity_at < now() - interval '24 months'`,
    );
    expect(due!.n).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId('retention-due')).toContainText(`${due!.n} record${due!.n === 1 ? ' has' : 's have'} had no activity since`);

    const run = page.getByRole('button', { name: `De-identify ${due!.n} record${due!.n === 1 ? '' : 's'}`, exact: true });
    await run.click();
    await expect(page.getByLabel('I understand that this cannot be undone')).toHaveAccessibleDescription('Tick the box to confirm.');
    await expect(run).toBeEnabled();
    expect((await row(sql, stale.id)).alias).toBe(stale.alias);

    await page.getByLabel('I understand that this cannot be undone').check();
    await run.click();
    await expect(status(page)).toHaveText(/^\d+ records? (was|were) de-identified\.$/);
    await expect(page.getByText('Nothing to de-identify now.')).toBeVisible();
    expect(await row(sql, stale.id)).toMatchObject({ alias: null, pronouns: null, visit_count: 1, code: stale.code, deidentified_at: expect.any(Date) });
    expect(await row(sql, recent.id)).toMatchObject({ alias: recent.alias, deidentified_at: null });
    expect(await sql(`SELECT 1 FROM audit_event WHERE action = 'participant.deidentified' AND entity_id = $1`, [stale.id])).toHaveLength(1);
    await expectNoAxeViolations(page);
  });
});

test.describe('access request', () => {
  test('a manager reads everything held and downloads it as a file with a neutral name', async ({ page, signInAs, sql }) => {
    const p = await person(sql, `Robin <b>${token()}</b>`, { visits: 1 });
    await signInAs('manager');
    await page.goto(`/participants/${p.id}/access`);
    // HTML in an alias is shown as text.
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Everything held about ${p.alias} (${p.code})`);
    await expect(page).toHaveTitle('Lantern');
    await expect(page.getByRole('region', { name: 'Visits', exact: true })).toContainText('Shower, Condoms × 2');
    await expectNoAxeViolations(page);

    const downloading = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Download as a file (JSON)' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^lantern-access-request-\d{4}-\d\d-\d\d\.json$/);
    const file = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(file).toMatchObject({ format: 'lantern-access-request', participant: { id: p.id, alias: p.alias, code: p.code, pronouns: 'she/her' } });
    expect(file.visits).toHaveLength(1);
    expect(file.visits[0].services).toEqual(expect.arrayContaining([expect.objectContaining({ service: 'Condoms', quantity: 2 })]));

    const response = await page.request.get(`/participants/${p.id}/access/download`);
    expect(response.headers()['cache-control']).toContain('no-store');
    const actions = await sql<{ action: string }>(`SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`, [p.id]);
    expect(actions.map((a) => a.action)).toEqual([
      'participant.access_request_viewed',
      'participant.access_request_exported',
      'participant.access_request_exported',
    ]);
  });

  test('the profile’s link to it is not prefetched: only opening the page is recorded as a view', async ({ page, signInAs, sql }) => {
    const p = await person(sql, `Prefetch ${token()}`);
    await signInAs('manager');
    await page.goto(`/participants/${p.id}`);
    const link = page.locator(`main a[href="/participants/${p.id}/access"]`);
    await expect(link).toBeVisible();
    await link.hover();
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    expect(await sql(`SELECT 1 FROM audit_event WHERE action = 'participant.access_request_viewed' AND entity_id = $1`, [p.id])).toHaveLength(0);
    await link.click();
    await expect(page).toHaveURL(`/participants/${p.id}/access`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Everything held about ${p.alias} (${p.code})`);
    expect(await sql(`SELECT 1 FROM audit_event WHERE action = 'participant.access_request_viewed' AND entity_id = $1`, [p.id])).toHaveLength(1);
  });

  test('fits a 360 px phone @phone', async ({ page, signInAs, sql }) => {
    const p = await person(sql, `Phone ${token()}`, { visits: 2 });
    await signInAs('manager');
    await page.goto(`/participants/${p.id}/access`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await expectNoAxeViolations(page);
  });
});

test.describe('who may do what', () => {
  const CASES: { role: Role; merge: boolean; access: boolean; retention: boolean }[] = [
    { role: 'peer', merge: false, access: false, retention: false },
    { role: 'outreach', merge: false, access: false, retention: false },
    { role: 'coordinator', merge: true, access: false, retention: false },
    { role: 'admin', merge: false, access: false, retention: false },
  ];
  for (const c of CASES) {
    test(`a ${c.role} is refused what the role may not do, by URL and by direct request`, async ({ page, signInAs, sql }) => {
      const p = await person(sql, `Guarded ${token()}`);
      await signInAs(c.role);
      const pages = [
        { path: `/participants/${p.id}/merge`, allowed: c.merge },
        { path: `/participants/${p.id}/access`, allowed: c.access },
        { path: '/settings/retention', allowed: c.retention },
      ];
      for (const { path, allowed } of pages) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(allowed ? 200 : 403);
        if (!allowed) await expect(page.getByText(NOT_AVAILABLE)).toBeVisible();
      }
      const direct = await page.request.get(`/participants/${p.id}/access/download`, { maxRedirects: 0 });
      expect(direct.status()).toBe(403);
      expect(await direct.text()).not.toContain(p.alias);
      expect(await sql(`SELECT 1 FROM audit_event WHERE entity_id = $1`, [p.id])).toHaveLength(0);
      if (c.role === 'admin') {
        await page.goto('/settings');
        await expect(page.getByRole('link', { name: /^Retention/ })).toHaveCount(0);
      }
    });
  }
});
