import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeActor } from '@/lib/db/test/actors.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { addContact, voidContact } from '@/lib/outreach/contacts.ts';
import { endShift, startShift, voidShift } from '@/lib/outreach/shifts.ts';
import { optionIds } from '@/lib/outreach/test-helpers.ts';
import { serviceTypeIds } from '@/lib/visits/test-helpers.ts';
import { buildReport } from './build.ts';
import { exportReport } from './export.ts';
import { customPeriod } from '@/lib/calendar/period.ts';
import { findRow, pageRows, parseCsv, person, readAll, readWorkbook } from './test-helpers.ts';

// A hand-built October and November 2026 of outreach. Every expected figure below was counted by
// hand from this fixture and is checked on the page data, in the CSV and in the Excel workbook.
// Times are at midday or evening UTC, so each falls on the same program date under any rules.

const PERIOD = customPeriod('2026-10-01', '2026-11-30');
const AFTER = new Date('2026-12-05T20:00:00Z');
const at = (iso: string) => new Date(iso);
const later = (d: Date) => new Date(d.getTime() + 60_000);

type Contact = { who: string | null; isNew: boolean; kinds: string[]; people?: number; supplies?: [string, number, number][]; voided?: boolean };

async function shift(by: Actor, mode: 'street' | 'online', from: string, to: string, contacts: [string, Contact][]) {
  const [ids, supply] = [await optionIds(), await serviceTypeIds()];
  const id = randomUUID();
  const startedAt = at(from);
  await startShift(
    by,
    { id, mode, ...(mode === 'street' ? { zoneId: ids['zone:Downtown'] } : { platformIds: [ids['platform:Ad sites']] }), startedAt },
    later(startedAt),
  );
  for (const [when, c] of contacts) {
    const entry = {
      id: randomUUID(),
      shiftId: id,
      participantId: c.who,
      isNew: c.isNew,
      peopleCount: c.people ?? 1,
      contactedAt: at(when),
      kindIds: c.kinds.map((k) => ids[`contact_kind:${k}`]!),
      supplies: (c.supplies ?? []).map(([key, quantity, forOthers]) => ({ serviceTypeId: supply[key]!, quantity, forOthers })),
    };
    await addContact(by, entry, later(at(when)));
    if (c.voided) await voidContact(by, { id: entry.id, reason: 'Fixture: entered twice' }, later(at(when)));
  }
  await endShift(by, { shiftId: id, endedAt: at(to) }, later(at(to)));
  return id;
}

async function fixture(by: Actor) {
  const [p1, p2, p3] = [(await person(by)).id, (await person(by)).id, (await person(by)).id];
  await shift(by, 'street', '2026-09-30T20:00:00Z', '2026-09-30T22:00:00Z', [['2026-09-30T21:00:00Z', { who: p2, isNew: true, kinds: ['Talk'] }]]); // before the period
  await shift(by, 'street', '2026-10-05T20:00:00Z', '2026-10-05T23:00:00Z', [
    // 3 hours
    [
      '2026-10-05T20:30:00Z',
      {
        who: p1,
        isNew: true,
        kinds: ['Talk', 'Supplies'],
        supplies: [
          ['naloxone', 1, 2],
          ['condoms', 5, 0],
        ],
      },
    ],
    ['2026-10-05T21:00:00Z', { who: null, isNew: true, kinds: ['Talk'], people: 12 }],
    ['2026-10-05T22:00:00Z', { who: p2, isNew: false, kinds: ['Referral'] }],
  ]);
  await shift(by, 'online', '2026-10-20T18:00:00Z', '2026-10-20T19:30:00Z', [
    // 1.5 hours
    ['2026-10-20T18:10:00Z', { who: p1, isNew: false, kinds: ['Information'] }],
    ['2026-10-20T18:20:00Z', { who: null, isNew: false, kinds: ['Talk'], voided: true }],
  ]);
  await shift(by, 'street', '2026-11-03T20:00:00Z', '2026-11-04T00:30:00Z', [
    // 4.5 hours
    [
      '2026-11-03T20:15:00Z',
      {
        who: p1,
        isNew: false,
        kinds: ['Referral'],
        supplies: [
          ['condoms', 10, 0],
          ['hygiene', 0, 4],
        ],
      },
    ],
    ['2026-11-03T21:00:00Z', { who: p3, isNew: true, kinds: ['Crisis support'] }],
    ['2026-11-03T23:00:00Z', { who: null, isNew: true, kinds: ['Supplies'], people: 2, supplies: [['naloxone', 2, 0]] }],
  ]);
  const ids = await optionIds();
  const voided = randomUUID();
  await startShift(by, { id: voided, mode: 'street', zoneId: ids['zone:North Shore'], startedAt: at('2026-11-10T20:00:00Z') }, at('2026-11-10T20:01:00Z'));
  await voidShift(by, { id: voided, reason: 'Fixture: started by mistake' }, at('2026-11-10T20:02:00Z'));
}

// Rows as [label, October, November, whole period] display strings.
const EXPECTED: Record<string, string[][]> = {
  'Outreach shifts and hours': [
    ['Shifts', '2', '1', '3'],
    ['Street shifts', '1', '1', '2'],
    ['Online shifts', '1', '0', '1'],
    ['Hours', '4.5', '4.5', '9'],
    ['Street hours', '3', '4.5', '7.5'],
    ['Online hours', '1.5', '0', '1.5'],
  ],
  'Outreach contacts': [
    ['Contacts', '4', '3', '7'],
    ['Street contacts', '3', '3', '6'],
    ['Online contacts', '1', '0', '1'],
    ['People reached', '15', '4', '19'],
    ['Anonymous contacts', '1', '1', '2'],
    ['Referrals made on outreach', '1', '1', '2'],
  ],
  // Unique 2, 2, 3; new 13, 3, 16 (P1 + a group of 12; P3 + a group of 2; P1, P3 and both groups);
  // anonymous people 12, 2, 14. Every small cell hides; then 13 and 12 hide so November's small
  // cells cannot be worked out from each row's period figure, and 14 so the period column's 3 cannot.
  'People contacted on outreach': [
    // One mark for every hidden cell; a custom range's whole-range column is not broken down ("–").
    // October: 13 new people shown (16 over both months, 3 in November), the one small count hidden
    // with the next smallest; November: every count is under 10.
    ['Unique participants contacted', 'x', 'x', '–'],
    ['New people contacted', '13', 'x', '–'],
    ['People in anonymous contacts', 'x', 'x', '–'],
  ],
  'Supplies given on outreach': [
    ['Condoms (packs)', '5', '10', '15'],
    ['Naloxone kit (kits)', '1', '2', '3'],
    ['Safer-use supplies (kits)', '0', '0', '0'],
    ['Hygiene kit (kits)', '0', '0', '0'],
  ],
  'Supplies given on outreach for someone else': [
    ['Condoms (packs)', '0', '0', '0'],
    ['Naloxone kit (kits)', '2', '0', '2'],
    ['Safer-use supplies (kits)', '0', '0', '0'],
    ['Hygiene kit (kits)', '0', '4', '4'],
  ],
};

describe('the October–November 2026 outreach fixture', () => {
  it('gives the hand-counted figures on the page, in the CSV and in the workbook', async () => {
    const manager = await makeActor('manager');
    await fixture(await makeActor('outreach'));
    const page = pageRows(await buildReport(manager, PERIOD, AFTER));
    const csv = parseCsv((await readAll((await exportReport(manager, PERIOD, 'csv', AFTER)).body)).toString('utf8'));
    const book = await readWorkbook(await readAll((await exportReport(manager, PERIOD, 'xlsx', AFTER)).body));
    for (const [title, rows] of Object.entries(EXPECTED)) {
      expect(page[title], `${title} on the page`).toEqual(rows);
      for (const row of rows) {
        expect(findRow(csv, title, row[0]!)?.slice(0, 4), `${title} / ${row[0]} in the CSV`).toEqual(row);
        expect(findRow(book.Outreach!, title, row[0]!)?.slice(0, 4), `${title} / ${row[0]} in the workbook`).toEqual(row);
      }
    }
    // No void reason reaches the files.
    for (const text of [csv.flat().join('\n'), Object.values(book).flat(2).join('\n')]) expect(text).not.toContain('Fixture:');
  });
});
