import { randomInt, randomUUID } from 'node:crypto';
import type { Page } from '@playwright/test';
import { daySlots, slotIsPast, type SlotResource } from '../lib/bookings/slots.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test, type Sql } from './fixtures.ts';
import { addDays, localDay, localTime } from '../lib/calendar/index.ts';

// Shower and laundry bookings as the desk uses them. Other tests run at the same time and the
// clock is whatever it is, so each test makes its own resource, open round the clock, and its own
// participants; checks look at those, never at totals.

const CODE_CHARACTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

/** A participant whose alias starts with five letters no one else's does (`search`). */
async function createParticipant(sql: Sql, opts: { deidentified?: boolean } = {}) {
  const search = pick('BCDFGHJKLMNPQRSTVWXZ', 1) + pick('aeiouy', 1) + pick('bcdfghjklmnpqrstvwxz', 3);
  const alias = `${search} Heron`;
  const code = `${pick(CODE_CHARACTERS, 3)}-${pick(CODE_CHARACTERS, 3)}`;
  const id = randomUUID();
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at, deidentified_at)
     SELECT $1, $2, $3, now(), id, id, now(), $4 FROM staff_user WHERE email = 'coordinator@example.org'`,
    [id, code, opts.deidentified ? null : alias, opts.deidentified ? new Date() : null],
  );
  return { id, alias, code, search };
}

// Every test's resource is open round the clock, so over a full run the grid of any day would grow
// to thousands of slots, and pages that show it (and axe over them) to a crawl. Each test retires
// what it made when it ends: its resources' held places are cancelled and the resources closed, so
// they leave the grid as a retired shower leaves it in the program.
const madeResources: string[] = [];
test.afterEach(async ({ sql }) => {
  const ids = madeResources.splice(0);
  if (!ids.length) return;
  await sql(`UPDATE booking SET status = 'cancelled', cancelled_at = now() WHERE resource_id = ANY($1::uuid[]) AND status IN ('booked', 'checked_in')`, [ids]);
  await sql(`UPDATE resource SET active = false, updated_at = now() WHERE id = ANY($1::uuid[])`, [ids]);
});

/**
 * A resource of this test's own, open every day round the clock (retired when the test ends).
 * `first` sorts it before every other (the demo's showers too): a test that books "the next free
 * place" or moves a booking makes one, so that place is its own when several are free at that
 * time, and never a slot another test is counting on its resource.
 */
async function createResource(
  sql: Sql,
  opts: { kind?: 'shower' | 'laundry'; capacity?: number; slotMinutes?: number; active?: boolean; first?: boolean } = {},
): Promise<SlotResource> {
  const kind = opts.kind ?? 'shower';
  const r: SlotResource = {
    id: randomUUID(),
    name: `E2E ${kind} ${pick('abcdefghjkmnpqrstuvwxyz', 5)}`,
    kind,
    capacity: opts.capacity ?? 1,
    slotMinutes: opts.slotMinutes ?? 30,
    active: opts.active ?? true,
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMin: 0, closesMin: 1440 })),
  };
  await sql(`INSERT INTO resource (id, kind, name, capacity, slot_minutes, active, sort_order, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, now())`, [
    r.id,
    kind,
    r.name,
    r.capacity,
    r.slotMinutes,
    r.active,
    opts.first ? 0 : 1000,
  ]);
  await sql(`INSERT INTO resource_hours (resource_id, weekday, opens_min, closes_min) SELECT $1, d, 0, 1440 FROM generate_series(1, 7) d`, [r.id]);
  madeResources.push(r.id);
  return r;
}

/** The first slot that can still be booked (today, or just after midnight). */
function soonSlot(r: SlotResource) {
  const today = localDay(new Date());
  return [...daySlots(r, today), ...daySlots(r, addDays(today, 1))].find((s) => !slotIsPast(s, new Date()))!;
}
const tomorrowSlot = (r: SlotResource, n: number) => daySlots(r, addDays(localDay(new Date()), 1))[n]!;

/** Records responses with a 5xx status: bad input must never reach a server error. */
function watchServerErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 500) errors.push(`${r.status()} ${r.request().method()} ${r.url()}`);
  });
  return errors;
}

/** The booking opened under a slot on the grid (Book), and the panel above it (next free, waitlist). */
const slotForm = (page: Page) => page.locator('form.slot-book');
const picker = (page: Page) => slotForm(page).getByRole('combobox', { name: 'Who is it for?' });
const panelPicker = (page: Page) => page.locator('.book-panel').getByRole('combobox', { name: 'Who is it for?' });
const bookButton = (page: Page, r: SlotResource, start: Date, seat = 1) =>
  page.getByRole('button', { name: `Book ${r.name} at ${localTime(start)}, ${r.kind === 'shower' ? 'stall' : 'pair'} ${seat}`, exact: true });
/** What the grid says after a booking made on it; a refusal stays in the slot's own booking form. */
const gridStatus = (page: Page) => page.locator('.booking-grid-said');
const slotAlert = (page: Page) => slotForm(page).getByRole('alert');
const panelStatus = (page: Page) => page.locator('.book-panel').getByRole('status');

/** Book on the grid where it says Book, then the person (or Anonymous), from the keyboard. */
async function bookFromGrid(page: Page, r: SlotResource, start: Date, who: { search: string; code: string } | 'anonymous', seat = 1) {
  await bookButton(page, r, start, seat).focus();
  await page.keyboard.press('Enter');
  await expect(picker(page)).toBeFocused();
  if (who === 'anonymous') {
    await page.keyboard.type('zz');
    await page.keyboard.press('ArrowUp'); // the last option is always Anonymous
  } else {
    await page.keyboard.type(who.search);
    await expect(slotForm(page).getByRole('option').first()).toContainText(who.code);
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('button', { name: `Book ${r.name} at ${localTime(start)}`, exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
}

test.describe('the desk books showers and laundry from the keyboard', () => {
  test('book the next slot for a returning person, check them in (the visit gets the shower), then done', async ({ page, sql, signInAs }) => {
    const errors = watchServerErrors(page);
    const person = await createParticipant(sql);
    const shower = await createResource(sql);
    const slot = soonSlot(shower);
    await signInAs('coordinator');
    await page.goto(`/bookings?day=${localDay(slot.start)}`);
    await expect(page).toHaveTitle('Lantern');
    await bookFromGrid(page, shower, slot.start, person);
    await expect(gridStatus(page)).toContainText(
      new RegExp(`^Booked S-\\d\\d+: ${shower.name} at ${localTime(slot.start)}, stall 1\\. For ${person.alias} · ${person.code}\\.$`),
    );
    await expect(slotForm(page)).toHaveCount(0);

    const cell = page.getByRole('region', { name: shower.name }).getByRole('cell').filter({ hasText: person.code });
    await expect(cell).toContainText(person.alias);
    // The focus is on the new booking, where it was booked.
    await expect(cell.locator('.booking-card :focus')).toHaveCount(1);
    await cell.getByRole('button', { name: /^Check in/ }).focus();
    await page.keyboard.press('Enter');
    await expect(cell.getByText('Checked in', { exact: true })).toBeVisible();
    const visits = await sql(
      `SELECT st.key FROM visit v JOIN visit_service vs ON vs.visit_id = v.id JOIN service_type st ON st.id = vs.service_type_id
      WHERE v.participant_id = $1 AND v.voided_at IS NULL`,
      [person.id],
    );
    expect(visits.map((v) => v.key)).toEqual(['shower']);
    await cell.getByRole('button', { name: /^Done/ }).focus();
    await page.keyboard.press('Enter');
    // Done frees the seat; the booking stays drawn in its stall's column with how it went.
    await expect(cell.locator('.badge', { hasText: /^Done$/ })).toBeVisible();
    await expect(page.getByRole('region', { name: shower.name }).getByText(person.alias)).toHaveCount(1);
    await expect.poll(async () => (await sql(`SELECT status FROM booking WHERE participant_id = $1`, [person.id]))[0]!.status).toBe('done');
    await expectNoAxeViolations(page);
    expect(errors).toEqual([]);
  });

  test('a peer’s Done says what happened, replaces the “Checked in” before it, and keeps the keyboard’s place', async ({ page, sql, signInAs }) => {
    const shower = await createResource(sql);
    const slot = soonSlot(shower);
    await signInAs('peer');
    await page.goto(`/bookings?day=${localDay(slot.start)}`);
    await bookFromGrid(page, shower, slot.start, 'anonymous');
    await expect(gridStatus(page)).toContainText(/^Booked S-/);
    const region = page.getByRole('region', { name: shower.name });
    const cell = region.getByRole('cell').filter({ has: page.locator('.booking-card') });
    await cell.getByRole('button', { name: /^Check in/ }).focus();
    await page.keyboard.press('Enter');
    await expect(region.getByRole('status')).toHaveText('Checked in.');
    await region.getByRole('button', { name: /^Done/ }).focus();
    await page.keyboard.press('Enter');
    // The booking stays in its stall with how it went; its message replaced "Checked in.", alone, and
    // has the focus, since the Done button went with the change.
    const done = cell.getByRole('status');
    await expect(done).toHaveText('Done: the place is free for the next person.');
    await expect(region.getByRole('status')).toHaveCount(1);
    await expect(done).toBeFocused();
    await expectNoAxeViolations(page);
  });

  test('arrow keys move between slots and seats', async ({ page, sql, signInAs }) => {
    const laundry = await createResource(sql, { kind: 'laundry', capacity: 2, slotMinutes: 90 });
    await signInAs('peer');
    await page.goto(`/bookings?day=${addDays(localDay(new Date()), 1)}`);
    const [first, second] = [tomorrowSlot(laundry, 0), tomorrowSlot(laundry, 1)];
    await bookButton(page, laundry, first.start, 1).focus();
    await page.keyboard.press('ArrowRight');
    await expect(bookButton(page, laundry, first.start, 2)).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(bookButton(page, laundry, second.start, 2)).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(bookButton(page, laundry, second.start, 1)).toBeFocused();
    await page.keyboard.press('ArrowUp');
    await expect(bookButton(page, laundry, first.start, 1)).toBeFocused();
  });

  test('anonymous booking, cancel, reinstate, and the waitlist with positions', async ({ page, sql, signInAs }) => {
    const shower = await createResource(sql);
    const start = tomorrowSlot(shower, 20).start;
    await signInAs('peer');
    await page.goto(`/bookings?day=${localDay(start)}`);
    await bookFromGrid(page, shower, start, 'anonymous');
    await expect(gridStatus(page)).toContainText(/^Booked S-\d\d+: .* For Anonymous \(ticket only\)\.$/);
    const region = page.getByRole('region', { name: shower.name });
    await region.getByRole('button', { name: /^Cancel: S-/ }).click();
    await region.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(region.getByText('Cancelled', { exact: true })).toBeVisible();
    await region.getByRole('button', { name: /^Reinstate: S-/ }).click();
    await expect(region.getByText('Booked', { exact: true })).toBeVisible();

    const a = await createParticipant(sql);
    await panelPicker(page).fill(a.search);
    await expect(page.locator('.book-panel').getByRole('option').first()).toContainText(a.code);
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Add to shower waitlist' }).click();
    await expect(panelStatus(page)).toContainText(/^On the shower waitlist: ticket S-\d\d+, number \d+\./);
    const ticket = (await panelStatus(page).textContent())!.match(/ticket (S-\d\d+)/)![1]!;
    // A peer sees whom a place is for on the day itself only: tomorrow's list shows the ticket.
    const entry = page.locator('.waitlist li').filter({ hasText: ticket });
    await expect(entry).toContainText(new RegExp(`^Number \\d+: ${ticket} Someone \\(names show on the day\\)`));
    await expect(page.locator('.waitlist')).not.toContainText(a.code);
    await expect(page.getByRole('region', { name: shower.name })).toContainText('Anonymous');
    await entry.getByRole('button', { name: `Remove: ${ticket}` }).click();
    await expect(page.locator('.waitlist li').filter({ hasText: ticket })).toHaveCount(0);
  });
});

test.describe('refused clearly, nothing changed', () => {
  test('two desks booking the last place: one booking, and “just taken — next free is …”', async ({ page, sql, signInAs, newSignedInPage }) => {
    const shower = await createResource(sql);
    const start = tomorrowSlot(shower, 20).start;
    const url = `/bookings?day=${localDay(start)}`;
    await signInAs('coordinator');
    const other = await newSignedInPage('peer');
    await page.goto(url);
    await other.goto(url);
    await bookFromGrid(page, shower, start, 'anonymous');
    await expect(gridStatus(page)).toContainText('Booked');
    const errors = watchServerErrors(other);
    await bookFromGrid(other, shower, start, 'anonymous');
    // The next free place may be on any shower (other tests make theirs): the answer names one.
    await expect(slotAlert(other)).toHaveText(/^That place was just taken — next free is \d+:\d\d \(.+\)\.$/);
    expect(await sql(`SELECT 1 FROM booking WHERE resource_id = $1`, [shower.id])).toHaveLength(1);
    expect(errors).toEqual([]);
  });

  test('checking in a booking another desk cancelled is refused', async ({ page, sql, signInAs, newSignedInPage }) => {
    const shower = await createResource(sql);
    const slot = soonSlot(shower);
    const url = `/bookings?day=${localDay(slot.start)}`;
    await signInAs('coordinator');
    await page.goto(url);
    await bookFromGrid(page, shower, slot.start, 'anonymous');
    await expect(gridStatus(page)).toContainText('Booked');
    const other = await newSignedInPage('peer');
    await other.goto(url);
    await other
      .getByRole('region', { name: shower.name })
      .getByRole('button', { name: /^Cancel: S-/ })
      .click();
    await other.keyboard.press('y');
    await expect(other.getByRole('region', { name: shower.name }).getByText('Cancelled', { exact: true })).toBeVisible();
    await page
      .getByRole('region', { name: shower.name })
      .getByRole('button', { name: /^Check in: S-/ })
      .click();
    await expect(page.getByRole('region', { name: shower.name }).getByRole('alert')).toHaveText(
      'This booking was cancelled. Reinstate it first, or make a new booking.',
    );
    const [row] = await sql(`SELECT status FROM booking WHERE resource_id = $1`, [shower.id]);
    expect(row!.status).toBe('cancelled');
  });

  test('a closure or a resource taken out of use after the page was shown: plain message, nothing booked', async ({ page, sql, signInAs }) => {
    const errors = watchServerErrors(page);
    const shower = await createResource(sql);
    const start = tomorrowSlot(shower, 20).start;
    await signInAs('coordinator');
    await page.goto(`/bookings?day=${localDay(start)}`);
    const attempt = async () => {
      await bookButton(page, shower, start).click();
      await picker(page).fill('zz');
      await page.getByRole('option', { name: 'Anonymous (ticket only)' }).click();
      await page.getByRole('button', { name: `Book ${shower.name} at ${localTime(start)}`, exact: true }).click();
    };
    await sql(`INSERT INTO resource_closure (id, resource_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, 'Plumbing repair')`, [
      randomUUID(),
      shower.id,
      start,
      new Date(start.getTime() + 3_600_000),
    ]);
    await attempt();
    await expect(slotAlert(page)).toHaveText(`${shower.name} is closed then (Plumbing repair).`);
    await sql(`DELETE FROM resource_closure WHERE resource_id = $1`, [shower.id]);
    await sql(`UPDATE resource SET active = false WHERE id = $1`, [shower.id]);
    await attempt();
    await expect(slotAlert(page)).toHaveText(`${shower.name} is not in use at the moment. Choose another.`);
    expect(await sql(`SELECT 1 FROM booking WHERE resource_id = $1`, [shower.id])).toHaveLength(0);
    expect(errors).toEqual([]);
  });

  test('reinstating a cancelled booking whose seat another desk took meanwhile is refused', async ({ page, sql, signInAs, newSignedInPage }) => {
    test.slow(); // two desks signed in (two argon2 hashes) and three bookings by keyboard: near 30 s on two busy cores
    const shower = await createResource(sql);
    const start = tomorrowSlot(shower, 20).start;
    const url = `/bookings?day=${localDay(start)}`;
    await signInAs('coordinator');
    await page.goto(url);
    await bookFromGrid(page, shower, start, 'anonymous');
    const region = page.getByRole('region', { name: shower.name });
    await region.getByRole('button', { name: /^Cancel: S-/ }).click();
    await region.getByRole('button', { name: 'Yes, cancel it' }).click();
    await expect(region.getByText('Cancelled', { exact: true })).toBeVisible();
    const other = await newSignedInPage('peer');
    await other.goto(url);
    await bookFromGrid(other, shower, start, 'anonymous');
    await expect(gridStatus(other)).toContainText('Booked');
    await region.getByRole('button', { name: /^Reinstate: S-/ }).click();
    await expect(region.getByRole('alert')).toHaveText(/^That place was just taken — next free is \d+:\d\d \(.+\)\.$/);
    const rows = await sql(`SELECT status FROM booking WHERE resource_id = $1 ORDER BY created_at`, [shower.id]);
    expect(rows.map((r) => r.status)).toEqual(['cancelled', 'booked']);
  });

  test('a second booking for the same person that day is refused beside the person', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    const shower = await createResource(sql);
    const [a, b] = [tomorrowSlot(shower, 20).start, tomorrowSlot(shower, 22).start];
    await signInAs('coordinator');
    await page.goto(`/bookings?day=${localDay(a)}`);
    await bookFromGrid(page, shower, a, person);
    await expect(gridStatus(page)).toContainText('Booked');
    await bookFromGrid(page, shower, b, person);
    await expect(picker(page)).toHaveAccessibleDescription(/This person already has a shower booked that day\. One per day\./);
    expect(await sql(`SELECT 1 FROM booking WHERE participant_id = $1`, [person.id])).toHaveLength(1);
  });

  const TAMPERED: { what: string; patch: (r: SlotResource, tomorrow: string) => Promise<Record<string, string>> | Record<string, string>; message: RegExp }[] =
    [
      { what: 'a slot outside the opening hours', patch: () => ({}), message: /outside .*opening hours \(9:00–16:00\)/ },
      {
        what: 'a slot not on the slot length',
        patch: (r, d) => ({ slotStart: new Date(daySlots(r, d)[0]!.start.getTime() + 7 * 60_000).toISOString() }),
        message: /start every 30 minutes/,
      },
      {
        what: 'a slot in the past',
        patch: (r) => ({ slotStart: daySlots(r, addDays(localDay(new Date()), -1))[10]!.start.toISOString() }),
        message: /already gone/,
      },
    ];
  for (const bad of TAMPERED) {
    test(`${bad.what} (a tampered form) gets a plain message and books nothing`, async ({ page, sql, signInAs }) => {
      const errors = watchServerErrors(page);
      const shower = await createResource(sql);
      await sql(`UPDATE resource_hours SET opens_min = 540, closes_min = 960 WHERE resource_id = $1`, [shower.id]);
      const hours = { ...shower, hours: shower.hours.map((h) => ({ ...h, opensMin: 540, closesMin: 960 })) };
      const tomorrow = addDays(localDay(new Date()), 1);
      await signInAs('coordinator');
      await page.goto(`/bookings?day=${tomorrow}`);
      await bookButton(page, shower, daySlots(hours, tomorrow)[0]!.start).click();
      await picker(page).fill('zz');
      await page.getByRole('option', { name: 'Anonymous (ticket only)' }).click();
      // After the last render: React puts a controlled input's value back when it renders.
      const patch = { slotStart: new Date(`${tomorrow}T07:00:00Z`).toISOString(), ...(await bad.patch(hours, tomorrow)) };
      await page.locator('form.slot-book input[name="slotStart"]').evaluate((el, v) => ((el as HTMLInputElement).value = v), patch.slotStart);
      await page.getByRole('button', { name: `Book ${shower.name} at 9:00`, exact: true }).click();
      await expect(slotAlert(page)).toHaveText(bad.message);
      expect(await sql(`SELECT 1 FROM booking WHERE resource_id = $1`, [shower.id])).toHaveLength(0);
      expect(errors).toEqual([]);
    });
  }

  test('a de-identified or unknown person (a tampered form) is refused beside the person field', async ({ page, sql, signInAs }) => {
    const gone = await createParticipant(sql, { deidentified: true });
    const shower = await createResource(sql);
    const start = tomorrowSlot(shower, 20).start;
    await signInAs('coordinator');
    await page.goto(`/bookings?day=${localDay(start)}`);
    for (const [id, message] of [
      [gone.id, /de-identified\. Book anonymously instead\./],
      [randomUUID(), /participant was not found/],
    ] as const) {
      await bookButton(page, shower, start).click();
      await picker(page).fill('zz');
      await page.getByRole('option', { name: 'Anonymous (ticket only)' }).click();
      await page.locator('form.slot-book input[name="participantId"]').evaluate((el, v) => ((el as HTMLInputElement).value = v), id);
      await page.getByRole('button', { name: `Book ${shower.name} at ${localTime(start)}`, exact: true }).click();
      await expect(picker(page)).toHaveAccessibleDescription(message);
    }
    expect(await sql(`SELECT 1 FROM booking WHERE resource_id = $1`, [shower.id])).toHaveLength(0);
  });
});

test.describe('settings and the wall board', () => {
  test('a manager sets up a resource with hours and a closure; bad values are refused beside the field', async ({ page, signInAs, sql }) => {
    const name = `E2E laundry ${pick('abcdefghjkmnpqrstuvwxyz', 5)}`;
    await signInAs('manager');
    await page.goto('/settings/resources');
    await expectNoAxeViolations(page);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Kind').selectOption('laundry');
    await page.getByLabel('How many at once').fill('0');
    await page.getByLabel('Slot length (minutes)').fill('90');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByLabel('How many at once')).toHaveAccessibleDescription(/from 1 to 20/);
    await page.getByLabel('How many at once').fill('2');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(page.getByRole('main').getByRole('status').first()).toContainText('Set its opening hours next');
    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
    await page.getByRole('group', { name: 'Monday' }).getByLabel('Opens').fill('16:00');
    await page.getByRole('group', { name: 'Monday' }).getByLabel('Closes').fill('9:00');
    await page.getByRole('button', { name: 'Save opening hours' }).click();
    await expect(page.getByRole('group', { name: 'Monday' }).getByLabel('Closes')).toHaveAccessibleDescription('Closing time must be after opening time.');
    await page.getByRole('group', { name: 'Monday' }).getByLabel('Opens').fill('9:00');
    await page.getByRole('group', { name: 'Monday' }).getByLabel('Closes').fill('16:00');
    await page.getByRole('button', { name: 'Save opening hours' }).click();
    await expect(page.getByRole('main').getByRole('status').last()).toContainText('Opening hours saved');
    await expectNoAxeViolations(page);
    const [row] = await sql(`SELECT r.capacity, h.opens_min, h.closes_min FROM resource r JOIN resource_hours h ON h.resource_id = r.id WHERE r.name = $1`, [
      name,
    ]);
    expect(row).toEqual({ capacity: 2, opens_min: 540, closes_min: 960 });
  });

  test('the board shows ticket numbers only, refreshes itself, and stops when its link is turned off', async ({ page, browser, baseURL, sql, signInAs }) => {
    test.setTimeout(90_000);
    const person = await createParticipant(sql);
    const shower = await createResource(sql, { capacity: 2 });
    const slot = soonSlot(shower);
    test.skip(localDay(slot.start) !== localDay(new Date()), 'just before midnight nothing is left today for the board');
    await signInAs('manager');
    await page.goto(`/bookings?day=${localDay(slot.start)}`);
    await bookFromGrid(page, shower, slot.start, person);
    await expect(gridStatus(page)).toContainText('Booked');
    const ticket = (await gridStatus(page).textContent())!.match(/S-\d\d+/)![0];

    await page.goto('/settings/resources');
    await page.getByLabel('Name of the screen').fill('E2E waiting room');
    await page.getByRole('button', { name: 'Make a board link' }).click();
    const url = (await page.getByTestId('board-url').textContent())!;
    expect(url).toMatch(/\/board\/[A-Za-z0-9_-]{43}$/);

    const wall = await (await browser.newContext({ baseURL })).newPage();
    await wall.goto(url);
    await expect(wall).toHaveTitle('Lantern');
    const card = wall.getByRole('region', { name: shower.name });
    await expect(card).toContainText(ticket);
    const html = await wall.content();
    for (const secret of [person.alias, person.code, person.id, person.search]) expect(html).not.toContain(secret);
    await expectNoAxeViolations(wall);

    // A booking made meanwhile (the slot's second place) appears on the wall within the refresh period, without a reload.
    await page.goto(`/bookings?day=${localDay(slot.start)}`);
    await bookFromGrid(page, shower, slot.start, 'anonymous', 2);
    await expect(gridStatus(page)).toContainText('Booked');
    const second = (await gridStatus(page).textContent())!.match(/S-\d\d+/)![0];
    await expect(card).toContainText(second, { timeout: 30_000 });
    expect(await wall.content()).not.toContain(person.alias);
    await page.goto('/settings/resources');

    await page.getByRole('button', { name: 'Turn off the board link E2E waiting room' }).first().click();
    await expect(page.getByRole('main').getByRole('status').last()).toContainText('turned off');
    const gone = await wall.reload();
    expect(gone!.status()).toBe(404);
    await wall.context().close();
  });

  test('IT support cannot open the bookings; a peer cannot open the showers and laundry settings', async ({ page, signInAs, newSignedInPage }) => {
    await signInAs('admin');
    const denied = await page.goto('/bookings');
    expect(denied!.status()).toBe(403);
    const peer = await newSignedInPage('peer');
    expect((await peer.goto('/settings/resources'))!.status()).toBe(403);
  });
});

test.describe('from the Today page and a profile', () => {
  test('“Next free shower” on the Today page books in one action; the profile books in one click and lists the booking', async ({ page, sql, signInAs }) => {
    const person = await createParticipant(sql);
    // Both bookings take the soonest place, two stalls of this shower, not one on another test's.
    const shower = await createResource(sql, { capacity: 2, first: true });
    test.skip(localDay(soonSlot(shower).start) !== localDay(new Date()), 'just before midnight nothing is left today');
    await signInAs('coordinator');
    const panel = page.locator('.book-panel');
    await panel.getByRole('combobox', { name: 'Who is it for?' }).fill('zz');
    await page.getByRole('option', { name: 'Anonymous (ticket only)' }).click();
    await expect(panel.getByRole('button', { name: 'Next free shower' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(panel.getByRole('status')).toContainText(/^Booked S-\d\d+: .* at \d+:\d\d, stall \d\. For Anonymous \(ticket only\)\.$/);
    await expectNoAxeViolations(page);

    await page.goto(`/participants/${person.id}`);
    await page.getByRole('button', { name: 'Next free shower' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText(/^Booked S-\d\d+/);
    await page.reload();
    await expect(page.getByRole('region', { name: 'Showers and laundry' }).getByRole('listitem')).toHaveCount(1);
    await expect(page.getByText('Shower booking booked')).toBeVisible();
  });
});

test('@phone the grid and the booking panel fit a 360 px screen', async ({ page, sql, signInAs }) => {
  const shower = await createResource(sql);
  const start = tomorrowSlot(shower, 20).start;
  await signInAs('peer');
  await page.goto(`/bookings?day=${localDay(start)}`);
  await bookButton(page, shower, start).click();
  await picker(page).fill('zz');
  await page.getByRole('option', { name: 'Anonymous (ticket only)' }).click();
  // Open under its slot, the booking form fits the phone too.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  const save = page.getByRole('button', { name: `Book ${shower.name} at ${localTime(start)}`, exact: true });
  const box = (await save.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(360);
  await expectNoAxeViolations(page, { include: 'form.slot-book' });
  await save.click();
  await expect(gridStatus(page)).toContainText('Booked');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(360);
  // The whole page is checked on the desktop; here the parts a phone lays out differently. (Other
  // tests' resources, open round the clock, make the whole grid long.)
  await expectNoAxeViolations(page, { include: '.book-panel' });
  await expectNoAxeViolations(page, { include: `#resource-${shower.id}` });
});

/** A booking written straight into the database, as an earlier day's desk (or one made before a closure) left it. */
async function insertBooking(sql: Sql, r: SlotResource, start: Date, opts: { participantId?: string | null; status?: 'booked' | 'done' | 'no_show' } = {}) {
  const id = randomUUID();
  const end = new Date(start.getTime() + r.slotMinutes * 60_000);
  const [row] = await sql<{ ticket: number }>(
    `WITH t AS (INSERT INTO booking_ticket (day, kind, last) VALUES ($1::date, $2::"ResourceKind", 1)
                ON CONFLICT (day, kind) DO UPDATE SET last = booking_ticket.last + 1 RETURNING last)
     INSERT INTO booking (id, resource_id, kind, participant_id, day, ticket, slot_start, slot_end, seat, status, idempotency_key, created_by_id, booked_at,
                          checked_in_at, done_at, no_show_at)
     SELECT $3, $4, $2::"ResourceKind", $5, $1::date, t.last, $6, $7, 1, $8::"BookingStatus", $9, s.id, $6,
            CASE WHEN $8 = 'done' THEN $6::timestamptz END, CASE WHEN $8 = 'done' THEN $7::timestamptz END, CASE WHEN $8 = 'no_show' THEN $7::timestamptz END
     FROM t, staff_user s WHERE s.email = 'coordinator@example.org' RETURNING ticket`,
    [localDay(start), r.kind, id, r.id, opts.participantId ?? null, start, end, opts.status ?? 'booked', randomUUID()],
  );
  return { id, ticket: `${r.kind === 'shower' ? 'S' : 'L'}-${String(row!.ticket).padStart(2, '0')}` };
}

/** The grid's row for one slot of a resource. */
const slotRow = (page: Page, r: SlotResource, start: Date) =>
  page
    .getByRole('region', { name: r.name })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: localTime(start), exact: true }) });

test.describe('the grid books where it says Book, and asks before a cancel', () => {
  test('Book by mouse opens the booking under its slot and saves it there; Esc closes it onto its Book button', async ({ page, sql, signInAs }) => {
    const errors = watchServerErrors(page);
    const person = await createParticipant(sql);
    const shower = await createResource(sql);
    const start = tomorrowSlot(shower, 20).start;
    await signInAs('coordinator');
    await page.goto(`/bookings?day=${localDay(start)}`);
    await bookButton(page, shower, start).click();
    await expect(picker(page)).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(slotForm(page)).toHaveCount(0);
    await expect(bookButton(page, shower, start)).toBeFocused();

    await bookButton(page, shower, start).click();
    // The form sits in the grid, in the row under the slot it books.
    await expect(slotRow(page, shower, start).locator('xpath=following-sibling::tr[1]').locator('form.slot-book')).toBeVisible();
    await picker(page).fill(person.search);
    await slotForm(page).getByRole('option').filter({ hasText: person.code }).click();
    await page.getByRole('button', { name: `Book ${shower.name} at ${localTime(start)}`, exact: true }).click();
    await expect(gridStatus(page)).toContainText(
      new RegExp(`^Booked S-\\d\\d+: ${shower.name} at ${localTime(start)}, stall 1\\. For ${person.alias} · ${person.code}\\.$`),
    );
    const cell = slotRow(page, shower, start).getByRole('cell');
    await expect(cell).toContainText(person.code);
    await expect(cell.locator(':focus')).toHaveCount(1);
    const rows = await sql(`SELECT slot_start, status FROM booking WHERE resource_id = $1`, [shower.id]);
    expect(rows).toEqual([{ slot_start: start, status: 'booked' }]);
    expect(errors).toEqual([]);
  });

  test('arrow keys to a booking’s Cancel: Enter only asks, Enter again keeps it, Y cancels, Reinstate restores', async ({ page, sql, signInAs }) => {
    const shower = await createResource(sql);
    const [above, start] = [tomorrowSlot(shower, 20).start, tomorrowSlot(shower, 21).start];
    const booking = await insertBooking(sql, shower, start);
    const status = async () => (await sql(`SELECT status FROM booking WHERE id = $1`, [booking.id]))[0]!.status;
    await signInAs('coordinator');
    await page.goto(`/bookings?day=${localDay(start)}`);
    const cell = slotRow(page, shower, start).getByRole('cell');
    await bookButton(page, shower, above).focus();
    await page.keyboard.press('ArrowDown');
    const cancel = cell.getByRole('button', { name: `Cancel: ${booking.ticket}, ${shower.name} at ${localTime(start)}` });
    await expect(cancel).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cell.getByText('Cancel this booking?')).toBeVisible();
    await expect(cell.getByRole('button', { name: 'Keep it' })).toBeFocused();
    await expectNoAxeViolations(page, { include: `#resource-${shower.id}` });
    await page.keyboard.press('Enter');
    await expect(cancel).toBeFocused();
    await expect(cell.getByText('Cancel this booking?')).toHaveCount(0);
    expect(await status()).toBe('booked');

    await page.keyboard.press('Enter');
    await page.keyboard.press('y');
    await expect(cell.getByText('Cancelled', { exact: true })).toBeVisible();
    expect(await status()).toBe('cancelled');
    // The undo is offered at once, under the focus.
    await expect(cell.getByRole('button', { name: `Reinstate: ${booking.ticket}, ${shower.name} at ${localTime(start)}` })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(cell.getByText('Booked', { exact: true })).toBeVisible();
    expect(await status()).toBe('booked');
  });

  test('a past slot shows its bookings in the stall column with how they went; a peer sees no names on a past day', async ({
    page,
    sql,
    signInAs,
    newSignedInPage,
  }) => {
    const person = await createParticipant(sql);
    const shower = await createResource(sql);
    const yesterday = addDays(localDay(new Date()), -1);
    const [used, missed] = [daySlots(shower, yesterday)[18]!.start, daySlots(shower, yesterday)[19]!.start];
    await insertBooking(sql, shower, used, { participantId: person.id, status: 'done' });
    await insertBooking(sql, shower, missed, { status: 'no_show' });
    await signInAs('coordinator');
    await page.goto(`/bookings?day=${yesterday}`);
    const stall = slotRow(page, shower, used).getByRole('cell');
    await expect(stall).toContainText(person.alias);
    await expect(stall).toContainText(person.code);
    await expect(stall.getByText('Done', { exact: true })).toBeVisible();
    await expect(slotRow(page, shower, used).getByRole('rowheader')).toHaveText(localTime(used));
    await expect(slotRow(page, shower, missed).getByRole('cell').getByText('Did not come', { exact: true })).toBeVisible();
    await expectNoAxeViolations(page);

    const peer = await newSignedInPage('peer');
    await peer.goto(`/bookings?day=${yesterday}`);
    const seen = slotRow(peer, shower, used).getByRole('cell');
    await expect(seen).toContainText('Someone (names show on the day)');
    await expect(seen.getByText('Done', { exact: true })).toBeVisible();
    await expect(peer.getByRole('region', { name: shower.name })).not.toContainText(person.code);
  });

  test('a closure added over booked slots flags them on the grid and on Today, and the move takes them out of it', async ({ page, sql, signInAs }) => {
    test.slow(); // two pages, two moves, axe on both
    const errors = watchServerErrors(page);
    const person = await createParticipant(sql);
    const shower = await createResource(sql, { slotMinutes: 10 });
    await createResource(sql, { slotMinutes: 10, first: true }); // where the moves go (see createResource)
    const soon = Date.now() + 30 * 60_000;
    const today = daySlots(shower, localDay(new Date())).find((s) => s.start.getTime() >= soon);
    test.skip(!today, 'just before midnight nothing is left today');
    const ahead = tomorrowSlot(shower, 60).start;
    const onToday = await insertBooking(sql, shower, today!.start, { participantId: person.id });
    const onGrid = await insertBooking(sql, shower, ahead);
    for (const start of [today!.start, ahead]) {
      await sql(`INSERT INTO resource_closure (id, resource_id, starts_at, ends_at, reason) VALUES ($1, $2, $3, $4, 'repairs')`, [
        randomUUID(),
        shower.id,
        start,
        new Date(start.getTime() + 20 * 60_000),
      ]);
    }
    const flagText = `${shower.name} is closed then (repairs) — move this booking.`;
    const inClosure = async (id: string) =>
      (
        await sql(
          `SELECT 1 FROM booking b JOIN resource_closure c ON c.resource_id = b.resource_id AND c.starts_at < b.slot_end AND c.ends_at > b.slot_start
       WHERE b.id = $1 AND b.status = 'booked'`,
          [id],
        )
      ).length > 0;

    await signInAs('coordinator');
    await page.goto(`/bookings?day=${localDay(ahead)}`);
    const card = page.locator(`[data-ticket="${onGrid.ticket}"]`);
    await expect(card).toContainText(flagText);
    await expectNoAxeViolations(page);
    await card.getByRole('button', { name: new RegExp(`^Move ${onGrid.ticket} to .+ at \\d+:\\d\\d$`) }).focus();
    await page.keyboard.press('Enter');
    await expect(gridStatus(page)).toContainText(new RegExp(`^${onGrid.ticket}: Moved to .+ at \\d+:\\d\\d\\.$`));
    await expect(page.getByText(flagText)).toHaveCount(0);
    expect(await inClosure(onGrid.id)).toBe(false);

    await page.goto('/');
    const queue = page.getByRole('region', { name: 'Shower and laundry queue' });
    const line = queue.getByRole('listitem').filter({ hasText: onToday.ticket });
    await expect(line).toContainText(flagText);
    await expect(line).toContainText(person.code);
    await expectNoAxeViolations(page);
    await line.getByRole('button', { name: new RegExp(`^Move ${onToday.ticket} to `) }).click();
    await expect(queue.getByRole('status').filter({ hasText: onToday.ticket })).toContainText(new RegExp(`^${onToday.ticket}: Moved to .+ at \\d+:\\d\\d\\.$`));
    await expect(queue.getByText(flagText)).toHaveCount(0);
    expect(await inClosure(onToday.id)).toBe(false);
    expect(errors).toEqual([]);
  });
});
