import type { Page } from '@playwright/test';
import { expectNoAxeViolations } from './axe.ts';
import { collectBrowserErrors, expect, signIn, test } from './fixtures.ts';
import { createParticipant } from './people.ts';

// The outreach home on a 360 px phone. Each test signs in as an outreach worker of its own, so its
// current shift and recent contacts are its own whatever other tests do at the same time.

const fitsThePhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
const contactForm = (page: Page) => page.locator('.outreach-contact');

test.describe('outreach on a phone', () => {
  test('@phone a worker starts a shift in two taps, records contacts, voids one, and ends the shift', async ({ page, sql, createStaff }) => {
    test.slow(); // a whole shift, on two shared cores
    const errors = collectBrowserErrors(page);
    const worker = await createStaff({ role: 'outreach' });
    const person = await createParticipant(sql, 'Finch');
    // Signing in lands on the outreach home (e2e/outreach-home.spec.ts checks its header and menu).
    await signIn(page, worker);
    await expect(page).toHaveURL('/outreach');
    await expect(page.getByRole('heading', { level: 1, name: 'Outreach' })).toBeVisible();
    await fitsThePhone(page);
    await expectNoAxeViolations(page);

    // Two taps: the zone, then Start.
    await page.getByRole('radio', { name: 'North Shore' }).check();
    await page.getByRole('button', { name: 'Start shift' }).click();
    await expect(page.getByRole('heading', { name: 'On shift' })).toBeVisible();
    await expect(page.locator('.outreach-where')).toContainText('North Shore');

    // Saving with nobody chosen is refused beside the field.
    await contactForm(page).getByRole('button', { name: 'Save contact' }).click();
    await expect(contactForm(page).getByText('Find the person, or choose Anonymous.')).toBeVisible();

    // A returning participant, with naloxone for them and two kits to pass on.
    await page.getByRole('searchbox', { name: 'Who' }).fill(person.search);
    await page.getByRole('button', { name: new RegExp(person.alias) }).click();
    await page.getByRole('radio', { name: 'Returning' }).check();
    await page.getByRole('checkbox', { name: 'Supplies' }).check();
    const naloxone = page.getByRole('group', { name: 'Naloxone kit' });
    await naloxone.getByLabel('Given').fill('1');
    await naloxone.getByLabel('For someone else').fill('2');
    await contactForm(page).getByRole('button', { name: 'Save contact' }).click();
    await expect(page.getByRole('status')).toContainText(`Contact saved for ${person.alias}.`);
    await expect(page.getByRole('link', { name: 'Make a referral' })).toHaveAttribute('href', `/referrals/new?participant=${person.id}`);

    // An anonymous group of three; a quantity out of range is refused beside the supply first.
    await contactForm(page).getByRole('button', { name: 'Anonymous' }).click();
    await page.getByRole('radio', { name: 'New' }).check();
    await page.getByLabel('How many people').fill('3');
    await page.getByRole('checkbox', { name: 'Talk' }).check();
    await page.getByRole('group', { name: 'Condoms' }).getByLabel('Given').fill('900');
    await contactForm(page).getByRole('button', { name: 'Save contact' }).click();
    await expect(page.getByRole('group', { name: 'Condoms' }).getByText('Enter a whole number from 0 to 500.')).toBeVisible();
    await page.getByRole('group', { name: 'Condoms' }).getByLabel('Given').fill('12');
    await contactForm(page).getByRole('button', { name: 'Save contact' }).click();
    await expect(page.getByRole('status')).toHaveText('Contact saved.');

    const recent = page.locator('.outreach-contacts > li');
    await expect(recent).toHaveCount(2);
    await expect(recent.first()).toContainText('Anonymous, 3 people');
    await expect(recent.nth(1)).toContainText('Naloxone kit ×1 (+2 for others)');
    await expect(page.locator('.outreach-shift')).toContainText('2 contacts, 4 people');
    await fitsThePhone(page);
    await expectNoAxeViolations(page);

    // Void the group with a reason: kept, muted, out of the counts.
    await recent.first().getByText('Void', { exact: true }).click();
    await recent.first().getByLabel('Reason').fill('Counted twice');
    await recent.first().getByRole('button', { name: 'Void contact' }).click();
    await expect(recent.first()).toContainText('Voided: Counted twice');
    await expect(page.locator('.outreach-shift')).toContainText('1 contact, 1 person');

    // Two taps to end.
    await page.getByRole('button', { name: 'End shift' }).click();
    await page.getByRole('button', { name: 'Yes, end it now' }).click();
    await expect(page.getByRole('heading', { name: 'Start a shift' })).toBeVisible();

    const rows = await sql<{ people: number; voided: boolean; others: number | null }>(
      `SELECT c.people_count AS people, c.voided_at IS NOT NULL AS voided, (SELECT sum(for_others)::int FROM outreach_contact_supply s WHERE s.contact_id = c.id) AS others
       FROM outreach_contact c JOIN staff_user u ON u.id = c.created_by_id WHERE u.email = $1 ORDER BY c.contacted_at`,
      [worker.email],
    );
    expect(rows).toEqual([
      { people: 1, voided: false, others: 2 },
      { people: 3, voided: true, others: 0 },
    ]);
    const [shift] = await sql<{ ended: boolean }>(
      `SELECT s.ended_at IS NOT NULL AS ended FROM outreach_shift s JOIN staff_user u ON u.id = s.created_by_id WHERE u.email = $1`,
      [worker.email],
    );
    expect(shift).toEqual({ ended: true });
    expect(errors).toEqual([]);
  });

  test('@phone an online shift needs a platform, and the person’s timeline shows the contact', async ({ page, sql, createStaff }) => {
    const worker = await createStaff({ role: 'outreach' });
    const person = await createParticipant(sql, 'Finch');
    await signIn(page, worker);
    await page.goto('/outreach');
    await page.getByRole('radio', { name: 'Online' }).check();
    await page.getByRole('button', { name: 'Start shift' }).click();
    await expect(page.getByText('Choose at least one platform.')).toBeVisible();
    await page.getByRole('checkbox', { name: 'Dating apps' }).check();
    await page.getByRole('button', { name: 'Start shift' }).click();
    await expect(page.locator('.outreach-where')).toContainText('Online: Dating apps');
    await page.getByRole('searchbox', { name: 'Who' }).fill(person.search);
    await page.getByRole('button', { name: new RegExp(person.alias) }).click();
    await page.getByRole('radio', { name: 'New' }).check();
    await page.getByRole('checkbox', { name: 'Information' }).check();
    await contactForm(page).getByRole('button', { name: 'Save contact' }).click();
    await expect(page.getByRole('status')).toContainText('Contact saved');
    await page.goto(`/participants/${person.id}`);
    await expect(page.getByText('Outreach contact: Information')).toBeVisible();
    await expect(page.getByText(`Online outreach. By ${worker.displayName}.`)).toBeVisible();
  });

  test('peers and IT support neither see nor reach the outreach pages', async ({ page, signInAs, request }) => {
    await signInAs('peer');
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Outreach' })).toHaveCount(0);
    await page.goto('/outreach');
    await expect(page.getByText('This page is not available to your role.')).toBeVisible();
    const refused = await page.request.post('/api/outreach/entries', { data: { type: 'contact.add', payload: {} } });
    expect(refused.status()).toBe(403);
    const anonymous = await request.post('/api/outreach/entries', { data: { type: 'contact.add', payload: {} } });
    expect(anonymous.status()).toBe(401);
  });
});
