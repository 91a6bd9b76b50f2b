import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { serviceTypeIds } from '@/lib/visits/test-helpers.ts';
import { buildReport } from './build.ts';
import { exportReport } from './export.ts';
import { monthPeriod } from '@/lib/calendar/period.ts';
import type { Report } from './types.ts';
import { booking, findRow, parseCsv, person, readAll, readWorkbook, resource, visit } from './test-helpers.ts';

// A hand-built October 2026. Every expected figure below was counted by hand from this fixture,
// and is checked on the page data, in the CSV and in the Excel workbook (both parsed back).

const OCT = monthPeriod('2026-10');

async function fixture(by: Actor) {
  const st = await serviceTypeIds();
  const secrets: string[] = [];
  const keep = <P extends { code: string; alias: string | null }>(p: P): P => (secrets.push(p.code, ...(p.alias ? [p.alias] : [])), p);
  // 12 women born 1990 (35–44), First Nations, not travelling; the first comes twice.
  const women = [];
  for (let i = 0; i < 12; i++)
    women.push(
      keep(
        await person(by, {
          alias: `Fixture Woman ${i}`,
          gender: 'woman',
          birthYear: 1990,
          birthYearState: 'answered',
          indigenousIdentity: 'first_nations',
          travelling: 'no',
        }),
      ),
    );
  for (const [i, w] of women.entries()) await visit(by, '2026-10-02', { participantId: w.id, services: i === 0 ? { [st.shower!]: 1, [st.meal!]: 1 } : {} });
  await visit(by, '2026-10-20', { participantId: women[0]!.id });
  // 3 trans women born 2004 (under 25), First Nations, travelling.
  for (let i = 0; i < 3; i++) {
    const t = keep(
      await person(by, {
        alias: `Fixture Trans ${i}`,
        gender: 'trans_woman',
        birthYear: 2004,
        birthYearState: 'answered',
        indigenousIdentity: 'first_nations',
        travelling: 'yes',
      }),
    );
    await visit(by, '2026-10-15', { participantId: t.id, services: i === 0 ? { [st.meal!]: 1 } : {} });
  }
  // A de-identified man born 1970 (55+), Métis, who declined the travelling question: his visit still counts.
  const d = keep(
    await person(by, { deidentified: true, gender: 'man', birthYear: 1970, birthYearState: 'answered', indigenousIdentity: 'metis', travelling: 'declined' }),
  );
  await visit(by, '2026-10-31', { participantId: d.id, minutes: 23 * 60 + 30, services: { [st.naloxone!]: 1 } }); // 06:30 UTC on 1 November
  // A returning woman (first seen in September) who declined her year of birth; First Nations.
  const r = keep(await person(by, { alias: 'Fixture Returning', gender: 'woman', birthYearState: 'declined', indigenousIdentity: 'first_nations' }));
  await visit(by, '2026-09-30', { participantId: r.id });
  await visit(by, '2026-10-09', { participantId: r.id });
  // Someone whose only October visit was voided, and someone who never came: neither counts.
  const v = keep(await person(by, { alias: 'Fixture Voided', gender: 'man' }));
  await visit(by, '2026-10-10', { participantId: v.id, voided: true });
  const absent = keep(await person(by, { alias: 'Fixture Absent' }));
  // Records created: the three trans women's in mid-October, the voided visitor's late on 30
  // October (local), the absent person's late on 30 September (local): 4 in October, not the 16 new.
  await db.participant.updateMany({ where: { alias: { startsWith: 'Fixture Trans' } }, data: { createdAt: new Date('2026-10-15T18:00:00Z') } });
  await db.participant.update({ where: { id: v.id }, data: { createdAt: new Date('2026-10-31T05:30:00Z') } });
  await db.participant.update({ where: { id: absent.id }, data: { createdAt: new Date('2026-10-01T05:30:00Z') } });
  // Anonymous visits: 4 in October (one with supplies), one voided, one on 1 November.
  await visit(by, '2026-10-03', { services: { [st.condoms!]: 5, [st.naloxone!]: 2 } });
  for (const day of ['2026-10-04', '2026-10-05', '2026-10-01']) await visit(by, day);
  await visit(by, '2026-10-06', { voided: true, services: { [st.condoms!]: 10 } });
  await visit(by, '2026-11-01', { minutes: 30 });
  // Bookings: showers used ×3 (2 done, 1 checked in), 1 missed, 1 cancelled; laundry 1 booked, 1 missed; one in November.
  const shower = await resource('shower');
  const laundry = await resource('laundry');
  for (const s of ['done', 'done', 'checked_in', 'no_show', 'cancelled'] as const) await booking(by, shower, '2026-10-14', s);
  await booking(by, laundry, '2026-10-21', 'booked');
  await booking(by, laundry, '2026-10-22', 'no_show');
  await booking(by, shower, '2026-11-01', 'done');
  return secrets;
}

// Rows as [label, October, whole period] display strings.
const EXPECTED: Record<string, [string, string, string][]> = {
  'Participants and visits': [
    ['Unique participants', '17', '17'],
    ['New participants (first visit ever)', '16', '16'],
    ['Participant records created', '4', '4'],
    ['Visits', '22', '22'],
    ['Visits by participants with a record', '18', '18'],
    ['Anonymous visits', '4', '4'],
  ],
  'Services by type': [
    ['Shower', '1', '1'],
    ['Meal or food', '2', '2'],
    ['Laundry', '0', '0'],
    ['Services given (all types)', '3', '3'],
  ],
  // Items: 5 packs and 3 kits. Visits: the anonymous visit with condoms and naloxone counts under
  // both types but once as a visit with any supply, beside the de-identified man's naloxone.
  'Supplies by type and quantity': [
    ['Condoms (packs)', '5', '5'],
    ['Naloxone kit (kits)', '3', '3'],
    ['Hygiene kit (kits)', '0', '0'],
    ['Items given (all supplies)', '8', '8'],
  ],
  'Visits where supplies were given': [
    ['Condoms', '1', '1'],
    ['Naloxone kit', '2', '2'],
    ['Visits with any supply', '2', '2'],
  ],
  'Shower bookings by outcome': [
    ['Used', '3', '3'],
    ['Did not come', '1', '1'],
    ['Cancelled', '1', '1'],
    ['Booked, not yet used', '0', '0'],
    ['All bookings', '5', '5'],
  ],
  'Laundry bookings by outcome': [
    ['Used', '0', '0'],
    ['Did not come', '1', '1'],
    ['Booked, not yet used', '1', '1'],
    ['All bookings', '2', '2'],
  ],
  // 13 women, 3 trans women, 1 man: the two small cells hold 4 people, under the interval of 10,
  // so the women are hidden too, and so is the zero of a column that hides counts.
  'Unique participants by gender identity': [
    ['Woman', 'x', 'x'],
    ['Man', 'x', 'x'],
    ['Trans woman', 'x', 'x'],
    ['Non-binary', 'x', 'x'],
    ['Unique participants', '17', '17'],
  ],
  // Ages reached in 2026, the year fiscal 2026–27 began: 12 aged 36, 3 aged 22, 1 aged 56, 1 declined.
  'Unique participants by age range': [
    ['35 to 44', 'x', 'x'],
    ['Under 25', 'x', 'x'],
    ['55 and over', 'x', 'x'],
    ['Prefers not to answer', 'x', 'x'],
    ['Not asked', 'x', 'x'],
  ],
  // 16 First Nations and 1 Métis: the lone small cell would be 17 − 16, so the 16 is hidden, and the zeros with them.
  'Unique participants by Indigenous identity': [
    ['First Nations', 'x', 'x'],
    ['Métis', 'x', 'x'],
    ['Inuit', 'x', 'x'],
    ['Not Indigenous', 'x', 'x'],
    ['Not asked', 'x', 'x'],
    ['Unique participants', '17', '17'],
  ],
  'Unique participants who travel for work': [
    ['Yes, travels for work', 'x', 'x'],
    ['No', 'x', 'x'],
    ['Prefers not to answer', 'x', 'x'],
    ['Not asked', 'x', 'x'],
  ],
};

function pageRows(report: Report): Record<string, [string, string, string][]> {
  const out: Record<string, [string, string, string][]> = {};
  for (const t of report.sections.flatMap((s) => s.tables)) {
    out[t.title] = [...t.rows, ...(t.total ? [t.total] : [])].map((r) => [r.label, r.cells[0]!.display, r.cells[1]!.display]);
  }
  return out;
}

describe('the October 2026 fixture', () => {
  it('gives the hand-counted figures on the page, in the CSV and in the workbook, and nothing personal in the files', async () => {
    const manager = await makeActor('manager');
    const secrets = await fixture(manager);
    const now = new Date('2026-11-21T20:00:00Z');

    const page = pageRows(await buildReport(manager, OCT, now));
    const csv = parseCsv((await readAll((await exportReport(manager, OCT, 'csv', now)).body)).toString('utf8'));
    const xlsxFile = await exportReport(manager, OCT, 'xlsx', now);
    expect(xlsxFile.fileName).toBe('lantern-report-2026-10.xlsx');
    const book = await readWorkbook(await readAll(xlsxFile.body));
    const sheets = Object.values(book);

    for (const [title, rows] of Object.entries(EXPECTED)) {
      for (const [label, oct, whole] of rows) {
        expect(
          page[title]?.find((r) => r[0] === label),
          `${title} / ${label} on the page`,
        ).toEqual([label, oct, whole]);
        expect(findRow(csv, title, label)?.slice(0, 3), `${title} / ${label} in the CSV`).toEqual([label, oct, whole]);
        const inBook = sheets.map((rows) => findRow(rows, title, label)).find(Boolean);
        expect(inBook?.slice(0, 3), `${title} / ${label} in the workbook`).toEqual([label, oct, whole]);
      }
    }

    // The cover sheet names the period and the generation time; every table has its definition.
    expect(Object.keys(book)[0]).toBe('About');
    expect(book.About!.find((r) => r[0] === 'Period')?.[1]).toBe('October 2026');
    expect(book.About!.find((r) => r[0] === 'Generated')?.[1]).toBe('2026-11-21 13:00 (Vancouver time)');
    expect(book.About!.filter((r) => r[0] === 'Shower bookings by outcome')).toHaveLength(1);

    // No alias, no code, no year of birth anywhere in either file.
    const texts = [csv.flat().join('\n'), sheets.flat(2).join('\n')];
    for (const text of texts) {
      for (const s of secrets) expect(text).not.toContain(s);
      for (const year of ['1990', '2004', '1970']) expect(text).not.toContain(year);
    }
  });

  it('records each export with who, which report and which period, and no figures', async () => {
    const manager = await makeActor('manager');
    await readAll((await exportReport(manager, OCT, 'csv')).body);
    const events = await db.auditEvent.findMany({ where: { action: 'report.exported' }, select: { actorId: true, entityId: true, details: true } });
    expect(events).toEqual([
      { actorId: manager.id, entityId: 'funder', details: { report: 'funder', format: 'csv', period: 'month', from: '2026-10-01', to: '2026-10-31' } },
    ]);
  });

  it('leaves the demographic breakdowns out when the setting says so', async () => {
    const manager = await makeActor('manager');
    await db.setting.create({ data: { key: 'reports.omitDemographics', value: true } });
    const report = await buildReport(manager, OCT);
    expect(report.sections.map((s) => s.key)).toEqual(['participants', 'services', 'bookings', 'suite', 'programs', 'referrals', 'alerts', 'outreach']);
    const csv = (await readAll((await exportReport(manager, OCT, 'csv')).body)).toString('utf8');
    expect(csv).not.toContain('Unique participants by');
  });
});
