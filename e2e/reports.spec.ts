import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { monthPeriod, periodQuery, presets, weeksOf } from '../lib/calendar/period.ts';
import { expectNoAxeViolations } from './axe.ts';
import { expect, test } from './fixtures.ts';

// A manager makes last quarter's report from the demo as a page, a CSV and an Excel workbook;
// the files say what the page says. Other roles are refused, by URL and by direct request.

const preset = (id: string) => presets(new Date()).find((p) => p.id === id)!.period;
const lastQuarter = preset('last-quarter');

/** The whole-period cell of a row in a table on the page. */
async function pageFigure(page: import('@playwright/test').Page, table: string, row: string): Promise<string> {
  const region = page.getByRole('region', { name: table });
  return (
    await region
      .getByRole('row', { name: new RegExp(`^${row}\\b`) })
      .first()
      .getByRole('cell')
      .last()
      .innerText()
  ).trim();
}

function csvRow(text: string, label: string): string[] {
  const line = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .find((l) => l.startsWith(`${label},`));
  return line ? line.split(',') : [];
}

test.describe('manager', () => {
  test.beforeEach(async ({ signInAs }) => {
    await signInAs('manager');
  });

  test('makes last quarter’s report as a page, a CSV and an Excel workbook that agree', async ({ page, sql }) => {
    test.slow(); // four pages, two downloads and two axe runs
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reports');
    await page.getByRole('link', { name: 'Last quarter' }).click();
    await expect(page).toHaveURL(/period=quarter/);
    await expect(page.getByText(`${lastQuarter.label} (${lastQuarter.from} to ${lastQuarter.to})`)).toBeVisible();
    // Every chart's numbers are one click away, as a table.
    await page.getByText('Show the numbers as a table').first().click();
    await expect(page.getByRole('table', { name: 'Visits and unique participants per week' })).toBeVisible();
    // A week cut short by the quarter's start says so.
    const firstWeek = weeksOf(lastQuarter.from, lastQuarter.to)[0]!;
    if (!firstWeek.label.startsWith('Week of')) {
      await expect(
        page.getByRole('table', { name: 'Visits and unique participants per week' }).getByRole('rowheader', { name: `${firstWeek.label} (part week)` }),
      ).toBeVisible();
    }
    await page.getByRole('figure', { name: 'Referrals by category' }).getByText('Show the numbers as a table').click();
    await expect(page.getByRole('table', { name: 'Referrals by category' }).getByRole('row', { name: /^Housing \d+$/ })).toBeVisible();
    for (const chart of ['Safe Suite nights occupied and available, by month', 'Program attendance, by program', 'Referrals by where they stand now']) {
      await expect(page.getByRole('figure', { name: chart })).toBeVisible();
    }
    await expectNoAxeViolations(page);
    // The outreach chart's weeks add up to the report's outreach section (the same query, by week).
    const outreachChart = page.getByRole('figure', { name: 'Outreach contacts and people reached per week' });
    await outreachChart.getByText('Show the numbers as a table').click();
    const weekly = await outreachChart
      .getByRole('table')
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => Number(td.textContent))));
    const weeklySum = (i: number) => String(weekly.reduce((n, cells) => n + cells[i]!, 0));

    // The files are a click away from the dashboard too.
    await expect(page.getByRole('link', { name: 'Download Excel' })).toHaveAttribute('href', /^\/reports\/download\?.*format=xlsx/);
    await expect(page.getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', /^\/reports\/download\?.*format=csv/);

    await page.getByRole('link', { name: `Full report for ${lastQuarter.label}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Report: ${lastQuarter.label}`);
    await expectNoAxeViolations(page);
    // A contents list at the top, every section and table, each a jump to it.
    const contents = page.getByRole('navigation', { name: 'Contents' });
    await expect(contents.getByRole('link', { name: 'Safety alerts', exact: true })).toBeVisible();
    await expect(contents.getByRole('link', { name: 'Unique participants by gender identity', exact: true })).toBeVisible();
    await contents.getByRole('link', { name: 'Safety alerts', exact: true }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Safety alerts' })).toBeInViewport();
    const visits = await pageFigure(page, 'Participants and visits', 'Visits');
    const people = await pageFigure(page, 'Participants and visits', 'Unique participants');
    expect(Number(visits)).toBeGreaterThan(0);
    const nights = await pageFigure(page, 'Safe Suite occupancy', 'Nights occupied');
    const sessions = await pageFigure(page, 'Program sessions held', 'All programs');
    const referrals = await pageFigure(page, 'Referrals by category', 'All referrals');
    expect(await pageFigure(page, 'Outreach contacts', 'Contacts')).toBe(weeklySum(0));
    expect(await pageFigure(page, 'Outreach contacts', 'People reached')).toBe(weeklySum(1));
    expect(Number(weeklySum(0)), 'the demo has outreach last quarter').toBeGreaterThan(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Safety alerts' })).toBeVisible();
    // One mark for every hidden count, and the rule stated above the figures.
    await expect(page.getByText(/"x" marks a hidden count/).first()).toBeVisible();
    await expect(page.getByText(/only for whole calendar months, quarters and fiscal years that are over/).first()).toBeVisible();
    await expect(page.getByText('<10')).toHaveCount(0);
    const gender = page.getByRole('region', { name: 'Unique participants by gender identity' }).and(page.locator('.table-wrap'));
    await expect(gender.getByRole('cell', { name: 'x', exact: true }).first()).toBeVisible();
    // Items and visits apart, records created beside new participants, withdrawn reports apart.
    const anySupply = await pageFigure(page, 'Visits where supplies were given', 'Visits with any supply');
    const items = await pageFigure(page, 'Supplies by type and quantity', 'Items given');
    expect(Number(items)).toBeGreaterThan(Number(anySupply));
    await expect(
      page.getByRole('region', { name: 'Participants and visits' }).getByRole('rowheader', { name: 'Participant records created' }).first(),
    ).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Reports withdrawn (not counted as received)' }).first()).toBeVisible();
    await expect(page.getByRole('rowheader', { name: 'Anonymous attendances (headcount)' }).first()).toBeVisible();

    const [excel] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download Excel' }).click()]);
    expect(excel.suggestedFilename()).toBe(`${lastQuarter.fileStem}.xlsx`);
    await expect(page.getByText(/Downloaded \(\d+ KB\)/)).toBeVisible();
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await readFile((await excel.path())!)) as unknown as ArrayBuffer);
    expect(book.worksheets[0]!.name).toBe('About');
    expect(book.worksheets[0]!.getRow(2).getCell(2).text).toBe(lastQuarter.label);
    const sheet = book.getWorksheet('Participants and visits')!;
    const rowOf = (label: string) => sheet.getRows(1, sheet.rowCount)!.find((r) => r.getCell(1).text === label)!;
    expect(rowOf('Visits').getCell(5).text).toBe(visits); // 3 months, then the whole period
    expect(rowOf('Unique participants').getCell(5).text).toBe(people);
    // One sheet per section, the new ones included, saying what the page says.
    const cell = (name: string, label: string) =>
      book
        .getWorksheet(name)!
        .getRows(1, book.getWorksheet(name)!.rowCount)!
        .find((r) => r.getCell(1).text === label)!
        .getCell(5).text;
    expect(cell('Safe Suite', 'Nights occupied')).toBe(nights);
    expect(cell('Programs', 'All programs')).toBe(sessions); // the first table: sessions held
    expect(cell('Referrals', 'All referrals')).toBe(referrals);
    expect(book.getWorksheet('Safety alerts')).toBeDefined();

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toBe(`${lastQuarter.fileStem}.csv`);
    const text = await readFile((await csv.path())!, 'utf8');
    expect(csvRow(text, 'Visits')[4]).toBe(visits);
    expect(csvRow(text, 'Unique participants')[4]).toBe(people);
    expect(csvRow(text, 'Nights occupied')[4]).toBe(nights);
    expect(csvRow(text, 'All programs')[4]).toBe(sessions);
    expect(csvRow(text, 'All referrals')[4]).toBe(referrals);
    expect(csvRow(text, 'Visits with any supply')[4]).toBe(anySupply);
    expect(text).not.toContain('<10');
    expect(text).toContain('"x"" marks a hidden count');

    const events = await sql<{ details: { format: string; from: string } }>(
      `SELECT details FROM audit_event WHERE action = 'report.exported' AND details->>'from' = $1 ORDER BY id DESC LIMIT 2`,
      [lastQuarter.from],
    );
    expect(events.map((e) => e.details.format).sort()).toEqual(['csv', 'xlsx']);
  });

  test('the range’s fields show the period on screen after a quick choice', async ({ page }) => {
    const thisMonth = preset('this-month');
    // Arriving by the menu, as a person does: the form is then drawn in the browser, not loaded with
    // the page, and a field drawn there does not follow a changed default on its own.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
    await expect(page.getByLabel('First day')).toHaveValue(thisMonth.from);
    await page.getByRole('link', { name: 'Last quarter' }).click();
    await expect(page).toHaveURL(/period=quarter/);
    await expect(page.getByLabel('First day')).toHaveValue(lastQuarter.from);
    await expect(page.getByLabel('Last day')).toHaveValue(lastQuarter.to);
    await page.getByRole('link', { name: `Full report for ${lastQuarter.label}` }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Report: ${lastQuarter.label}`);
    await expect(page.getByLabel('First day')).toHaveValue(lastQuarter.from);
    await page.getByRole('link', { name: 'This month' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Report: ${thisMonth.label}`);
    await expect(page.getByLabel('Last day')).toHaveValue(thisMonth.to);
  });

  test('a custom range that ends before it starts is explained beside the field, with no report for another period', async ({ page }) => {
    await page.goto('/reports/full');
    await page.getByLabel('First day').fill('2026-10-31');
    await page.getByLabel('Last day').fill('2026-10-01');
    await page.getByRole('button', { name: 'Show this range' }).click();
    await expect(page.getByText('The last day must be on or after the first day.')).toBeVisible();
    await expect(page.getByLabel('Last day')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('First day')).toHaveValue('2026-10-31');
    await expect(page.getByLabel('Last day')).toHaveValue('2026-10-01');
    await expect(page.getByText('Fix the dates above to see the report.')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Report');
    await expect(page.getByRole('link', { name: 'This month' })).not.toHaveAttribute('aria-current');
    await expect(page.getByRole('link', { name: /^Download/ })).toHaveCount(0);
    await expect(page.getByRole('heading', { level: 2, name: 'Participants and visits' })).toHaveCount(0);
    const file = await page.request.get('/reports/download?period=custom&from=2026-10-31&to=2026-10-01&format=csv');
    expect(file.status()).toBe(400);

    // The dashboard too, for a range over too many months.
    await page.goto('/reports?period=custom&from=2023-01-01&to=2026-11-30');
    await expect(page.getByText('Choose a range that touches at most 36 calendar months (this one touches 47).')).toBeVisible();
    await expect(page.getByLabel('First day')).toHaveValue('2023-01-01');
    await expect(page.getByText('Fix the dates above to see the report.')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'At a glance' })).toHaveCount(0);
    await expect(page.getByRole('link', { name: /^Full report for/ })).toHaveCount(0);
  });

  test('says when a period has not started yet, and when its figures are so far', async ({ page }) => {
    const thisMonth = preset('this-month');
    const nextYear = monthPeriod(`${+thisMonth.from.slice(0, 4) + 1}${thisMonth.from.slice(4, 7)}`);
    await page.goto(`/reports${periodQuery(nextYear)}`);
    await expect(page.getByText(`${nextYear.label} (${nextYear.from} to ${nextYear.to}) has not started yet, so there are no figures for it.`)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'At a glance' })).toHaveCount(0);
    await expect(page.getByText(/a year earlier/)).toHaveCount(0);
    await page.goto(`/reports/full${periodQuery(nextYear)}`);
    await expect(page.getByText('This period has not started yet.')).toBeVisible();
    await page.goto('/reports');
    await expect(page.getByText('The period is still running: these are the figures so far.')).toBeVisible();
  });

  test('breaks people down only for whole months that are over: not this month, not a custom range as a whole', async ({ page }) => {
    const thisMonth = preset('this-month');
    await page.goto(`/reports/full${periodQuery(thisMonth)}`);
    const gender = page.getByRole('region', { name: 'Unique participants by gender identity' }).and(page.locator('.table-wrap'));
    await expect(gender.getByRole('cell', { name: '–', exact: true }).first()).toBeVisible();
    await expect(gender.getByRole('cell', { name: /^\d+$|^x$/ })).toHaveCount(0);
    // A custom range over last quarter's months: the months as in the quarter's report, the range as a whole "–".
    const q = preset('last-quarter');
    await page.goto(`/reports/full?period=custom&from=${q.from}&to=${q.to}`);
    const rows = page.getByRole('region', { name: 'Unique participants by gender identity' }).and(page.locator('.table-wrap')).getByRole('row');
    const custom = await rows.allInnerTexts();
    await page.goto(`/reports/full${periodQuery(q)}`);
    const quarter = await page
      .getByRole('region', { name: 'Unique participants by gender identity' })
      .and(page.locator('.table-wrap'))
      .getByRole('row')
      .allInnerTexts();
    const cells = (line: string) => line.split('\t').map((c) => c.trim());
    expect(custom.slice(1).map((l) => cells(l).slice(0, 4))).toEqual(quarter.slice(1).map((l) => cells(l).slice(0, 4)));
    expect(custom.slice(1).every((l) => cells(l)[4] === '–')).toBe(true);
  });

  test('the dashboard fits a phone @phone', async ({ page }) => {
    await page.goto('/reports');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('other roles', () => {
  for (const role of ['coordinator', 'peer', 'admin'] as const) {
    test(`a ${role} is refused the pages and the files`, async ({ page, signInAs }) => {
      await signInAs(role);
      for (const path of ['/reports', '/reports/full']) {
        const response = await page.goto(path);
        expect(response?.status(), path).toBe(403);
      }
      const file = await page.request.get(`/reports/download?period=quarter&quarter=2026-Q3&format=csv`, { maxRedirects: 0 });
      expect(file.status()).toBe(403);
      expect(await file.text()).toBe('This is not available to your role.');
    });
  }
});
