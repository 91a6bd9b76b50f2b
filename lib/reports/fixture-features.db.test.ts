import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { makeProgram, makeSession } from '@/lib/programs/test-helpers.ts';
import { createReferral } from '@/lib/referrals/create.ts';
import { changeReferralStatus } from '@/lib/referrals/change.ts';
import type { Category, Reason, ReferralStatus } from '@/lib/referrals/rules.ts';
import { makeAgency, referralForm } from '@/lib/referrals/test-helpers.ts';
import { createReport } from '@/lib/alerts/create.ts';
import { published, streetReport } from '@/lib/alerts/test-helpers.ts';
import { makeUnit } from '@/lib/safe-suite/test-helpers.ts';
import { buildReport } from './build.ts';
import { exportReport } from './export.ts';
import { customPeriod } from '@/lib/calendar/period.ts';
import { SUPPRESSION_EXPLAINED } from './rules.ts';
import { AGE_EXPLAINED, NOT_PUBLISHED, PUBLICATION_EXPLAINED } from './publication.ts';
import { findRow, pageRows, parseCsv, person, readAll, readWorkbook, stay } from './test-helpers.ts';

// A hand-built October and November 2026 for the Safe Suite, programs, referrals and safety
// reports. Every expected figure below was counted by hand from this fixture, and is checked on
// the page data, in the CSV and in the Excel workbook (both parsed back). Two months, so that a
// stay across the month boundary shows in both.

const PERIOD = customPeriod('2026-10-01', '2026-11-30');
/** When the report is made: after the period, so every night in it has happened. */
const AFTER = new Date('2026-12-05T20:00:00Z');
const day = (d: string) => new Date(`${d}T19:00:00Z`); // 11:00 or 12:00 in Vancouver: that program date

async function suite(by: Actor) {
  const a = await makeUnit('Fixture Unit A');
  await makeUnit('Fixture Unit B', false); // out of use and unused: not available
  const p = await person(by);
  await stay(by, a.id, p.id, '2026-09-28', '2026-10-02', 'checked_out'); // Oct 1: 1 night in October, began before the period
  await stay(by, a.id, p.id, '2026-10-05', '2026-10-08', 'checked_out'); // Oct 5, 6, 7: 3
  await stay(by, a.id, p.id, '2026-10-30', '2026-11-02', 'checked_out'); // Oct 30, 31 | Nov 1: crosses the month boundary
  await stay(by, a.id, p.id, '2026-11-10', '2026-11-14', 'checked_in'); // Nov 10–13: 4
  await stay(by, a.id, p.id, '2026-11-20', '2026-11-21', 'cancelled'); // not counted
}

async function programs(by: Actor) {
  const [p1, p2, p3] = [await person(by), await person(by), await person(by)];
  const attend = (sessionId: string, ...people: { id: string }[]) =>
    db.attendance.createMany({ data: people.map((p) => ({ sessionId, participantId: p.id, createdById: by.id })) });
  const breakfast = await makeProgram('Fixture Breakfast');
  const circle = await makeProgram('Fixture Circle');
  await attend((await makeSession(breakfast.id, '2026-10-06', { status: 'held', anonymousCount: 3 })).id, p1, p2); // 5
  await makeSession(breakfast.id, '2026-10-13', { status: 'cancelled' });
  // 17:30 on 31 October is 00:30 UTC on 1 November: an October session.
  await attend((await makeSession(breakfast.id, '2026-10-31', { status: 'held', startMin: 17 * 60 + 30 })).id, p1); // 1
  await attend((await makeSession(breakfast.id, '2026-11-03', { status: 'held', anonymousCount: 2 })).id, p3); // 3
  await makeSession(breakfast.id, '2026-11-10'); // never recorded: counts nowhere
  await attend((await makeSession(circle.id, '2026-11-04', { status: 'held' })).id, p1); // 1
  await makeSession(circle.id, '2026-11-18', { status: 'cancelled' });
}

async function referrals(by: Actor): Promise<string[]> {
  const health = await makeAgency({ name: 'Fixture Harbour Health', categories: ['health', 'sexual_health'] });
  const home = await makeAgency({ name: 'Fixture Home Base', categories: ['housing', 'shelters'] });
  const reason = 'Fixture reason: needs a quiet room';
  const rows: [string, string, Category, [ReferralStatus, string][]][] = [
    ['2026-09-30', home.id, 'housing', [['connected', '2026-10-02']]], // before the period
    [
      '2026-10-03',
      home.id,
      'housing',
      [
        ['connected', '2026-10-05'],
        ['completed', '2026-10-20'],
      ],
    ], // 2 days
    ['2026-10-10', health.id, 'health', [['declined_by_agency', '2026-10-12']]],
    ['2026-10-28', home.id, 'shelters', [['connected', '2026-11-04']]], // 7 days, connected in November: an October referral
    [
      '2026-11-02',
      health.id,
      'sexual_health',
      [
        ['connected', '2026-11-03'],
        ['completed', '2026-11-10'],
      ],
    ], // 1 day
    ['2026-11-15', home.id, 'housing', []],
    ['2026-12-01', health.id, 'health', []], // after the period
  ];
  // What each was for, by referral date (the rest: housing, the form helper's default).
  const what: Record<string, Reason> = {
    '2026-10-10': 'health',
    '2026-10-28': 'safety',
    '2026-11-02': 'sexual_health',
    '2026-11-15': 'income_benefits',
    '2026-12-01': 'health',
  };
  for (const [referredOn, agencyId, category, steps] of rows) {
    const form = referralForm(agencyId, null, {
      referredOn,
      category,
      reasonDetail: reason,
      ...(what[referredOn] ? { reasonCategory: what[referredOn] } : {}),
    });
    const { referralId } = await createReferral(by, form, day('2026-12-05'));
    for (const [status, on] of steps) await changeReferralStatus(by, { referralId, status }, day(on));
  }
  return [reason];
}

async function alerts(by: Actor): Promise<string[]> {
  const dated = async (id: string, received: string, publishedOn: string | null) =>
    db.alertReport.update({
      where: { id },
      data: { incidentDate: new Date(received), receivedOn: new Date(received), publishedOn: publishedOn ? new Date(publishedOn) : null },
    });
  await dated(await published(by, streetReport(null, { types: ['robbery_theft', 'weapon'] })), '2026-10-05', '2026-10-06');
  await dated(await published(by, streetReport(null, { types: ['refused_to_pay'] })), '2026-10-30', '2026-11-02');
  await dated((await createReport(by, streetReport(null, { types: ['physical_assault'] }))).id, '2026-11-08', null);
  // Received in October and withdrawn: not a report received, counted apart.
  const gone = (await createReport(by, streetReport(null, { types: ['weapon'] }))).id;
  await dated(gone, '2026-10-20', null);
  await db.alertReport.update({ where: { id: gone }, data: { status: 'withdrawn', closedAt: day('2026-10-21') } });
  await dated(await published(by, streetReport(null, { types: ['threats_harassment'] })), '2026-09-29', '2026-10-01'); // received before, published in October
  const s = streetReport(null);
  return [s.plate, s.nameUsed, s.area, s.account, s.appearance].map(String);
}

// Rows as [label, October, November, whole period] display strings.
const EXPECTED: Record<string, string[][]> = {
  'Safe Suite occupancy': [
    ['Nights occupied', '6', '5', '11'],
    ['Nights available', '31', '30', '61'],
    ['Occupancy rate (%)', '19.4', '16.7', '18'], // 6/31, 5/30, 11/61
    ['Stays that began', '2', '1', '3'],
    ['Average length of stay (nights)', '3', '4', '3.33'], // (3+3)/2, 4, 10/3
  ],
  'Program sessions held': [
    ['Fixture Breakfast', '2', '1', '3'],
    ['Fixture Circle', '0', '1', '1'],
    ['All programs', '2', '2', '4'],
  ],
  'Program sessions cancelled': [
    ['Fixture Breakfast', '1', '0', '1'],
    ['Fixture Circle', '0', '1', '1'],
    ['All programs', '1', '1', '2'],
  ],
  'Program attendance': [
    ['Fixture Breakfast', '6', '3', '9'],
    ['Fixture Circle', '0', '1', '1'],
    ['All programs', '6', '4', '10'],
  ],
  'Average attendance per held session': [
    ['Fixture Breakfast', '3', '3', '3'],
    ['Fixture Circle', '0', '1', '1'],
    ['All programs', '3', '2', '2.5'],
  ],
  // Breakfast's session of 10 November was never recorded: it shows, rather than vanishing.
  'Program sessions not recorded': [
    ['Fixture Breakfast', '0', '1', '1'],
    ['Fixture Circle', '0', '0', '0'],
    ['All programs', '0', '1', '1'],
  ],
  // Named: p1 and p2, then p1 in October; p3, then p1 at the circle in November. Anonymous: 3; 2.
  'Program attendance, named and anonymous': [
    ['Named attendances', '3', '2', '5'],
    ['Anonymous attendances (headcount)', '3', '2', '5'],
    ['Unique named attendees', '2', '2', '3'],
  ],
  'Referrals by category': [
    ['Health', '1', '0', '1'],
    ['Sexual health', '0', '1', '1'],
    ['Mental health', '0', '0', '0'],
    ['Shelters', '1', '0', '1'],
    ['Housing', '1', '1', '2'],
    ['All referrals', '3', '2', '5'],
  ],
  'Referrals by what for': [
    ['Health care', '1', '0', '1'],
    ['Sexual health', '0', '1', '1'],
    ['Housing or a bed', '1', '0', '1'],
    ['Income or benefits', '0', '1', '1'],
    ['Legal help', '0', '0', '0'],
    ['Safety or violence', '1', '0', '1'],
    ['All referrals', '3', '2', '5'],
  ],
  'Referrals by agency': [
    ['Fixture Harbour Health', '1', '1', '2'],
    ['Fixture Home Base', '2', '1', '3'],
    ['All referrals', '3', '2', '5'],
  ],
  'Referrals by where they stand now': [
    ['Made', '0', '1', '1'],
    ['Connected', '1', '0', '1'],
    ['Completed', '1', '1', '2'],
    ['Declined by the person', '0', '0', '0'],
    ['Declined by the agency', '1', '0', '1'],
    ['All referrals', '3', '2', '5'],
  ],
  'Days to connected': [
    ['Referrals that connected', '2', '1', '3'],
    ['Median days to connected', '4.5', '1', '2'],
  ], // of 2 and 7; 1; of 1, 2, 7
  'Safety reports received and published': [
    ['Reports received', '2', '1', '3'],
    ['Alerts published', '2', '1', '3'],
    ['Reports withdrawn (not counted as received)', '1', '0', '1'],
  ],
  'Safety reports received by type': [
    ['Refused to pay', '1', '0', '1'],
    ['Robbery or theft', '1', '0', '1'],
    ['Physical assault', '0', '1', '1'],
    ['Weapon', '1', '0', '1'],
    ['Threats or harassment', '0', '0', '0'],
    ['Reports received', '2', '1', '3'],
  ],
  'Alerts published by type': [
    ['Refused to pay', '0', '1', '1'],
    ['Robbery or theft', '1', '0', '1'],
    ['Weapon', '1', '0', '1'],
    ['Threats or harassment', '1', '0', '1'],
    ['Physical assault', '0', '0', '0'],
    ['Reports published', '2', '1', '3'],
  ],
};

describe('the October–November 2026 fixture for the suite, programs, referrals and safety reports', () => {
  it('gives the hand-counted figures on the page, in the CSV and in the workbook, and no text about anyone', async () => {
    const manager = await makeActor('manager');
    await suite(manager);
    await programs(manager);
    const secrets = [...(await referrals(manager)), ...(await alerts(manager))];
    const now = AFTER;

    const report = await buildReport(manager, PERIOD, now);
    expect(report.sections.map((s) => s.key)).toEqual([
      'participants',
      'services',
      'bookings',
      'suite',
      'programs',
      'referrals',
      'alerts',
      'outreach',
      'demographics',
    ]);
    const page = pageRows(report);
    const csv = parseCsv((await readAll((await exportReport(manager, PERIOD, 'csv', now)).body)).toString('utf8'));
    const book = await readWorkbook(await readAll((await exportReport(manager, PERIOD, 'xlsx', now)).body));
    expect(Object.keys(book)).toEqual([
      'About',
      'Participants and visits',
      'Services and supplies',
      'Shower and laundry bookings',
      'Safe Suite',
      'Programs',
      'Referrals',
      'Safety alerts',
      'Outreach',
      'Who participants are',
    ]);

    for (const [title, rows] of Object.entries(EXPECTED)) {
      for (const row of rows) {
        const [label] = row;
        expect(
          page[title]?.find((r) => r[0] === label),
          `${title} / ${label} on the page`,
        ).toEqual(row);
        expect(findRow(csv, title, label!)?.slice(0, 4), `${title} / ${label} in the CSV`).toEqual(row);
        expect(
          Object.values(book)
            .map((rows) => findRow(rows, title, label!))
            .find(Boolean)
            ?.slice(0, 4),
          `${title} / ${label} in the workbook`,
        ).toEqual(row);
      }
    }
    // Each new section is its own sheet, and its tables' definitions are on the cover sheet.
    expect(findRow(book['Safe Suite']!, 'Safe Suite occupancy', 'Nights occupied')).toEqual(['Nights occupied', '6', '5', '11']);
    expect(findRow(book.Programs!, 'Program attendance', 'All programs')).toEqual(['All programs', '6', '4', '10']);
    for (const title of ['Safe Suite occupancy', 'Program attendance, named and anonymous', 'Days to connected', 'Alerts published by type']) {
      expect(
        book.About!.filter((r) => r[0] === title),
        title,
      ).toHaveLength(1);
    }
    // A breakdown of people's definition states the one rule: the mark, the interval, the periods, the ages.
    for (const text of [
      book.About!.find((r) => r[0] === 'Unique participants by age range')![1],
      csv.find((r) => r[0] === 'Unique participants by age range' && r.length === 2)![1],
    ]) {
      for (const rule of [SUPPRESSION_EXPLAINED, PUBLICATION_EXPLAINED, AGE_EXPLAINED]) expect(text).toContain(rule);
    }
    // A custom range's people are not broken down over the range as a whole.
    expect(page['Unique participants by gender identity']!.every((r) => r[3] === NOT_PUBLISHED)).toBe(true);

    // No reason, no report text, no alias or code anywhere in either file.
    for (const text of [csv.flat().join('\n'), Object.values(book).flat(2).join('\n')]) {
      for (const s of secrets) expect(text).not.toContain(s);
    }
  });

  it('shows "–" for an average or a median with nothing to measure, and zeros for counts', async () => {
    const manager = await makeActor('manager');
    await makeUnit('Fixture Unit A');
    // A second unit comes into use on 16 November: 15 of November's nights.
    await makeUnit('Fixture Unit C', true, day('2026-11-16'));
    const page = pageRows(await buildReport(manager, PERIOD, AFTER));
    expect(page['Safe Suite occupancy']).toEqual([
      ['Nights occupied', '0', '0', '0'],
      ['Nights available', '31', '45', '76'],
      ['Occupancy rate (%)', '0', '0', '0'],
      ['Stays that began', '0', '0', '0'],
      ['Average length of stay (nights)', '–', '–', '–'],
    ]);
    expect(page['Days to connected']).toEqual([
      ['Referrals that connected', '0', '0', '0'],
      ['Median days to connected', '–', '–', '–'],
    ]);
    expect(page['Program attendance']).toEqual([['All programs', '0', '0', '0']]);
    expect(page['Program attendance, named and anonymous']!.map((r) => r.slice(1))).toEqual([
      ['0', '0', '0'],
      ['0', '0', '0'],
      ['0', '0', '0'],
    ]);
    // Made on 20 October: November has not begun, so it shows "–", not a 0 % that reads as an empty suite.
    const early = pageRows(await buildReport(manager, PERIOD, day('2026-10-20')));
    expect(early['Safe Suite occupancy']!.map((r) => r[2])).toEqual(['–', '–', '–', '–', '–']);
    expect(early['Safe Suite occupancy']![1]).toEqual(['Nights available', '20', '–', '20']);
  });

  it('counts the suite’s nights only up to the day the report is made, alike on the page and in both files', async () => {
    const manager = await makeActor('manager');
    await suite(manager);
    // Made on 12 November: November's nights so far are the 1st (the stay across the boundary)
    // and the 10th to the 12th of the stay still under way, out of 12; its 13th is still to come.
    const now = new Date('2026-11-12T20:00:00Z');
    const expected = [
      ['Nights occupied', '6', '4', '10'],
      ['Nights available', '31', '12', '43'],
      ['Occupancy rate (%)', '19.4', '33.3', '23.3'], // 6/31, 4/12, 10/43
      ['Stays that began', '2', '1', '3'],
      ['Average length of stay (nights)', '3', '3', '3'], // the stay under way: 3 nights so far
    ];
    const page = pageRows(await buildReport(manager, PERIOD, now));
    const csv = parseCsv((await readAll((await exportReport(manager, PERIOD, 'csv', now)).body)).toString('utf8'));
    const book = await readWorkbook(await readAll((await exportReport(manager, PERIOD, 'xlsx', now)).body));
    expect(page['Safe Suite occupancy']).toEqual(expected);
    for (const row of expected) {
      expect(findRow(csv, 'Safe Suite occupancy', row[0]!)?.slice(0, 4), `${row[0]} in the CSV`).toEqual(row);
      expect(findRow(book['Safe Suite']!, 'Safe Suite occupancy', row[0]!)?.slice(0, 4), `${row[0]} in the workbook`).toEqual(row);
    }
  });
});
