import { describe, expect, it } from 'vitest';
import { makeActor } from '@/lib/db/test/actors.ts';
import { serviceTypeIds } from '@/lib/visits/test-helpers.ts';
import { dashboard } from './dashboard.ts';
import { monthPeriod } from '@/lib/calendar/period.ts';
import { booking, person, resource, stay, visit } from './test-helpers.ts';
import { makeUnit } from '@/lib/safe-suite/test-helpers.ts';
import { makeProgram, makeSession } from '@/lib/programs/test-helpers.ts';
import { createReferral } from '@/lib/referrals/create.ts';
import { changeReferralStatus } from '@/lib/referrals/change.ts';
import { makeAgency, referralForm } from '@/lib/referrals/test-helpers.ts';
import { quarterPeriod } from '@/lib/calendar/period.ts';
import { reportSections } from './build.ts';
import { outreachFixture } from './outreach-test-helpers.ts';

/** A day well after the periods these tests draw. */
const LATER = new Date('2027-01-20T20:00:00Z');

describe('dashboard', () => {
  it('draws the report’s own figures: weeks that add up to the month, the mix, bookings used and missed', async () => {
    const manager = await makeActor('manager');
    const st = await serviceTypeIds();
    const a = await person(manager);
    const b = await person(manager);
    // The week of 28 Sep clipped to 1–4 Oct, the week of 5 Oct, and the last week clipped to 26–31 Oct.
    await visit(manager, '2026-10-01', { participantId: a.id, services: { [st.meal!]: 1, [st.condoms!]: 3 } });
    await visit(manager, '2026-10-02', { participantId: a.id });
    await visit(manager, '2026-10-06', { participantId: b.id, services: { [st.meal!]: 1 } });
    await visit(manager, '2026-10-31');
    await visit(manager, '2026-10-07', { voided: true });
    const shower = await resource('shower');
    await booking(manager, shower, '2026-10-08', 'done');
    await booking(manager, shower, '2026-10-09', 'no_show');

    const d = await dashboard(manager, monthPeriod('2026-10'), LATER);
    expect(d.weekly.map((w) => [w.label, w.visits, w.people])).toEqual([
      ['1–4 Oct 2026 (part week)', 2, 1],
      ['Week of 5 Oct 2026', 1, 1],
      ['Week of 12 Oct 2026', 0, 0],
      ['Week of 19 Oct 2026', 0, 0],
      ['26–31 Oct 2026 (part week)', 1, 0],
    ]);
    expect(d.headlines.map((h) => [h.key, h.value, h.lastYear])).toEqual([
      ['people', 2, null],
      ['fresh', 2, null],
      ['visits', 4, null],
      ['anonymous', 1, null],
    ]);
    expect(d.services.find((s) => s.label === 'Meal or food')?.value).toBe(2);
    expect(d.supplies.find((s) => s.label === 'Condoms (packs)')?.value).toBe(3);
    expect(d.bookings).toEqual([
      { kind: 'Showers', used: 1, noShow: 1 },
      { kind: 'Laundry', used: 0, noShow: 0 },
    ]);
    expect(d.lastYear.label).toBe('October 2025');
  });

  it('leaves the weeks that have not started out of the weekly chart, rather than drawing them as no visits', async () => {
    const manager = await makeActor('manager');
    await visit(manager, '2026-07-02');
    await visit(manager, '2026-07-14');
    // Wednesday 15 July 2026, noon in Vancouver: the quarter (from Wednesday 1 July) is in its third week.
    const d = await dashboard(manager, quarterPeriod(2026, 3), new Date('2026-07-15T19:00:00Z'));
    expect(d.weekly.map((w) => [w.label, w.visits])).toEqual([
      ['1–5 Jul 2026 (part week)', 1],
      ['Week of 6 Jul 2026', 0],
      ['Week of 13 Jul 2026 (part week, so far)', 1],
    ]);
  });

  it('charts the suite by month, attendance by program and referrals by category and status, from the report’s tables', async () => {
    const manager = await makeActor('manager');
    const unit = await makeUnit();
    const p = await person(manager);
    await stay(manager, unit.id, p.id, '2026-07-30', '2026-08-03', 'checked_out'); // July 2 nights, August 2
    const program = await makeProgram('Chart Breakfast');
    await makeSession(program.id, '2026-08-04', { status: 'held', anonymousCount: 4 });
    await makeSession(program.id, '2026-09-01', { status: 'cancelled' });
    const agency = await makeAgency({ categories: ['housing', 'health'] });
    const noon = (d: string) => new Date(`${d}T19:00:00Z`);
    for (const [on, category, connected] of [
      ['2026-07-02', 'housing', '2026-07-03'],
      ['2026-08-10', 'housing', null],
      ['2026-09-15', 'health', null],
    ] as const) {
      const { referralId } = await createReferral(manager, referralForm(agency.id, null, { referredOn: on, category }), noon('2026-10-01'));
      if (connected) await changeReferralStatus(manager, { referralId, status: 'connected' }, noon(connected));
    }
    const d = await dashboard(manager, quarterPeriod(2026, 3), LATER);
    expect(d.suite).toEqual([
      { label: 'Jul 2026', occupied: 2, available: 31 },
      { label: 'Aug 2026', occupied: 2, available: 31 },
      { label: 'Sep 2026', occupied: 0, available: 30 },
    ]);
    expect(d.programs).toEqual([{ label: 'Chart Breakfast', value: 4 }]);
    expect(d.referralsByCategory.filter((b) => b.value > 0)).toEqual([
      { label: 'Health', value: 1 },
      { label: 'Housing', value: 2 },
    ]);
    expect(d.referralsByStatus.filter((b) => b.value > 0)).toEqual([
      { label: 'Made', value: 2 },
      { label: 'Connected', value: 1 },
    ]);
  });

  it('compares with the same period last year when there were visits then', async () => {
    const manager = await makeActor('manager');
    const a = await person(manager);
    await visit(manager, '2025-10-15', { participantId: a.id });
    await visit(manager, '2025-10-16');
    await visit(manager, '2026-10-15', { participantId: a.id });
    const d = await dashboard(manager, monthPeriod('2026-10'), LATER);
    expect(d.headlines.map((h) => [h.key, h.value, h.lastYear])).toEqual([
      ['people', 1, 1],
      ['fresh', 0, 1],
      ['visits', 1, 2],
      ['anonymous', 0, 1],
    ]);
  });

  it('draws outreach contacts and people reached by week, adding up to the report’s outreach section', async () => {
    const manager = await makeActor('manager');
    await outreachFixture(manager);
    const october = monthPeriod('2026-10');
    const d = await dashboard(manager, october, LATER);
    // Hand-counted from the fixture: the voided contact and September's shift are left out.
    expect(d.outreach.map((w) => [w.label, w.contacts, w.reached])).toEqual([
      ['1–4 Oct 2026 (part week)', 2, 6],
      ['Week of 5 Oct 2026', 0, 0],
      ['Week of 12 Oct 2026', 1, 1],
      ['Week of 19 Oct 2026', 0, 0],
      ['26–31 Oct 2026 (part week)', 2, 4],
    ]);
    // The section's own table, month and whole period: the weeks add up to it exactly.
    const [section] = await reportSections(manager, october, ['outreach'], LATER);
    const contacts = section!.tables.find((t) => t.key === 'outreach-contacts')!;
    const row = (key: string) => contacts.rows.find((r) => r.key === key)!.cells.map((c) => c.value);
    const sum = (pick: (w: (typeof d.outreach)[number]) => number) => d.outreach.reduce((n, w) => n + pick(w), 0);
    expect(row('contacts')).toEqual([5, 5]);
    expect(row('reached')).toEqual([11, 11]);
    expect(sum((w) => w.contacts)).toBe(5);
    expect(sum((w) => w.reached)).toBe(11);
  });

  it('is refused to every role but the manager', async () => {
    for (const role of ['peer', 'coordinator', 'outreach', 'admin'] as const) {
      await expect(dashboard(await makeActor(role), monthPeriod('2026-10'))).rejects.toMatchObject({ code: 'forbidden' });
    }
  });
});
