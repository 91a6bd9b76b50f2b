import type { Locator, Page } from '@playwright/test';
import { periodQuery, presets } from '../lib/calendar/period.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

// How the reports read on a phone and to a screen reader: a table of figures wider than the
// screen scrolls sideways in its frame with its row names still beside the numbers, and each
// dashboard chart's "numbers as a table" toggle is told apart by its chart's title.

// Last quarter: three months and the whole period, wider than a phone; the demo has data in it.
const QUARTER = periodQuery(presets(new Date()).find((p) => p.id === 'last-quarter')!.period);
const CHARTS = [
  'Visits and unique participants per week',
  'Outreach contacts and people reached per week',
  'Services used (visits that included each)',
  'Supplies given (quantity)',
  'Shower and laundry bookings: used and did not come',
  'Safe Suite nights occupied and available, by month',
  'Program attendance, by program',
  'Referrals by category',
  'Referrals by where they stand now',
];

/** Brings a table's frame to the top of the screen, then scrolls it as far right as it goes: it must have had somewhere to go. */
async function scrollToEnd(frame: Locator) {
  await frame.evaluate((el) => el.scrollIntoView({ block: 'start' }));
  const { scrollWidth, clientWidth } = await frame.evaluate((el) => ({ scrollWidth: el.scrollWidth, clientWidth: el.clientWidth }));
  expect(scrollWidth, 'the table is wider than its frame').toBeGreaterThan(clientWidth);
  await frame.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
  await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThanOrEqual(scrollWidth - clientWidth - 1);
}

/** The element is wholly on the screen, and nothing is drawn over its middle. */
async function expectInView(page: Page, element: Locator, what: string) {
  const box = (await element.boundingBox())!;
  const { width, height } = page.viewportSize()!;
  expect(box.x, `${what}: left edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what}: right edge`).toBeLessThanOrEqual(width);
  expect(box.y, `${what}: top edge`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${what}: bottom edge`).toBeLessThanOrEqual(height);
  const onTop = await element.evaluate((el, [x, y]) => el.contains(document.elementFromPoint(x!, y!)), [box.x + box.width / 2, box.y + box.height / 2]);
  expect(onTop, `${what}: not covered`).toBe(true);
}

test.describe('manager', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('manager');
  });

  test('each chart’s table toggle is named after its chart', async ({ page }) => {
    await page.goto(`/reports${QUARTER}`);
    const toggles = page.locator('figure.chart summary');
    await expect(toggles).toHaveCount(CHARTS.length);
    for (const [i, title] of CHARTS.entries()) {
      await expect(toggles.nth(i)).toHaveAccessibleName(`Show the numbers as a table (${title})`);
    }
    // The title is there for screen readers only: the toggle looks as it did.
    await expect(toggles.first().getByText(`(${CHARTS[0]})`)).toHaveClass('visually-hidden');
  });

  test.describe('on a phone', () => {
    test.use({ viewport: { width: 390, height: 844 }, screen: { width: 390, height: 844 } });

    test('the full report’s tables scroll sideways with their row names in view @phone', async ({ page }) => {
      await page.goto(`/reports/full${QUARTER}`);
      for (const table of ['Participants and visits', 'Unique participants by gender identity']) {
        // The table's frame, the region that scrolls (its section may have the same name).
        const frame = page.getByRole('region', { name: table }).and(page.locator('.table-wrap'));
        await scrollToEnd(frame);
        await expectInView(page, frame.getByRole('rowheader').first(), `${table}: first row name`);
        await expectInView(page, frame.getByRole('columnheader').first(), `${table}: row names' heading`);
        await expectInView(page, frame.getByRole('columnheader', { name: 'Whole period' }), `${table}: last column`);
      }
      await expectNoAxeViolations(page);
    });

    test('the dashboard’s table of weeks scrolls to its last column, row names in view @phone', async ({ page }) => {
      await page.goto(`/reports${QUARTER}`);
      const figure = page.getByRole('figure', { name: CHARTS[0] });
      await figure.getByText('Show the numbers as a table').click();
      const frame = figure.getByRole('region', { name: CHARTS[0] });
      await scrollToEnd(frame);
      await expectInView(page, frame.getByRole('columnheader', { name: 'Unique participants' }), 'the last column');
      await expectInView(page, frame.getByRole('rowheader').first(), 'the first week');
      // Every table open, the page still checks clean.
      for (const details of await page.locator('figure.chart details').all()) await details.evaluate((el) => el.setAttribute('open', ''));
      await expectNoAxeViolations(page);
    });
  });
});
