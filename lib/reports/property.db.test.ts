import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { serviceTypeIds } from '@/lib/visits/test-helpers.ts';
import { buildReport, figureContext, reportSections, withFigures } from './build.ts';
import { demographicsSection } from './sections/demographics.ts';
import { visitFigures } from './sections/participants.ts';
import { exportReport } from './export.ts';
import { customPeriod, quarterPeriod } from '@/lib/calendar/period.ts';
import { booking, person, resource, stay, visit } from './test-helpers.ts';
import { makeUnit } from '@/lib/safe-suite/test-helpers.ts';
import { makeProgram, makeSession } from '@/lib/programs/test-helpers.ts';
import { makeAgency, referralForm } from '@/lib/referrals/test-helpers.ts';
import { createReferral } from '@/lib/referrals/create.ts';
import { changeReferralStatus } from '@/lib/referrals/change.ts';
import { createReport } from '@/lib/alerts/create.ts';
import { streetReport } from '@/lib/alerts/test-helpers.ts';
import { TYPES } from '@/lib/alerts/labels.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { createRandom } from '../../prisma/seed/generate/random.ts';
import type { FigureContext } from './types.ts';
import { addDays } from '@/lib/calendar/index.ts';

// Rows that count events (or first visits, which happen once per person): their months add up
// to the whole period. Unique people do not (a person comes in several months), nor rates,
// averages and medians. (Nights available add up here because every unit stays in use.)
const NOT_ADDITIVE = new Set(['people', 'occupancy-rate', 'average-stay', 'median-days']);
const NOT_ADDITIVE_TABLES = new Set(['programs-average']);

type Rng = { next: () => number; pick: <T>(xs: readonly T[]) => T };
const at = (day: string) => new Date(`${day}T19:00:00Z`); // midday in Vancouver: that program date
/** When the reports are made: after every event below, so every night counted has happened, whatever today is. */
const NOW = at('2026-12-05');

/** Stays one after another on one unit (some across a month's end), sessions, referrals and safety reports on random days. */
async function featureEvents(by: Actor, { next, pick }: Rng, days: string[], people: { id: string }[]) {
  const unit = await makeUnit();
  for (let d = days[0]!; d < days.at(-1)!;) {
    const start = addDays(d, Math.floor(next() * 6));
    const end = addDays(start, 1 + Math.floor(next() * 6));
    await stay(by, unit.id, pick(people).id, start, end, pick(['checked_in', 'checked_out', 'checked_out', 'cancelled'] as const));
    d = addDays(end, 1);
  }
  for (const program of [await makeProgram('Random A'), await makeProgram('Random B')]) {
    for (const d of new Set(Array.from({ length: 10 }, () => pick(days)))) {
      const status = pick(['held', 'held', 'cancelled', 'scheduled'] as const);
      const s = await makeSession(program.id, d, {
        status,
        anonymousCount: status === 'held' ? Math.floor(next() * 4) : 0,
        startMin: Math.floor(next() * 1380),
      });
      if (status !== 'held') continue;
      const attending = people.filter(() => next() < 0.4).map((p) => ({ sessionId: s.id, participantId: p.id, createdById: by.id }));
      await db.attendance.createMany({ data: attending });
    }
  }
  const agencies = [await makeAgency({ categories: ['housing', 'health'] }), await makeAgency({ categories: ['shelters'] })];
  for (let i = 0; i < 10; i++) {
    const agency = pick(agencies);
    const referredOn = pick(days);
    const category = agency === agencies[1] ? 'shelters' : pick(['housing', 'health'] as const);
    const { referralId } = await createReferral(by, referralForm(agency.id, null, { referredOn, category }), at('2026-12-05'));
    if (next() < 0.6) await changeReferralStatus(by, { referralId, status: 'connected' }, at(addDays(referredOn, Math.floor(next() * 20))));
    else if (next() < 0.5) await changeReferralStatus(by, { referralId, status: 'declined_by_person' }, at(addDays(referredOn, 1)));
  }
  for (let i = 0; i < 6; i++) {
    const { id } = await createReport(by, streetReport(null, { types: [pick(TYPES), pick(TYPES)].filter((t, j, a) => a.indexOf(t) === j) }));
    const received = pick(days);
    await db.alertReport.update({
      where: { id },
      data: {
        incidentDate: at(received),
        receivedOn: new Date(received),
        publishedOn: next() < 0.5 ? new Date(addDays(received, Math.floor(next() * 10))) : null,
      },
    });
  }
}

describe('event counts across months', () => {
  for (const seed of [1, 2, 3]) {
    it(`add up to the whole-period count, and people agree with who came when, for a random dataset (seed ${seed})`, async () => {
      const { next } = createRandom(seed);
      const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const manager = await makeActor('manager');
      const st = Object.values(await serviceTypeIds());
      const people = [];
      for (let i = 0; i < 6; i++) people.push(await person(manager, { gender: pick(['woman', 'man', 'non_binary'] as const) }));
      // Days from mid-June to mid-October: some fall outside the custom range on purpose.
      const days = Array.from({ length: 120 }, (_, i) => addDays('2026-06-15', i));
      for (let i = 0; i < 40; i++) {
        const services = Object.fromEntries(st.filter(() => next() < 0.25).map((id) => [id, 1 + Math.floor(next() * 4)]));
        await visit(manager, pick(days), {
          participantId: next() < 0.3 ? null : pick(people).id,
          voided: next() < 0.1,
          services,
          minutes: Math.floor(next() * 1440),
        });
      }
      const shower = await resource('shower');
      for (let i = 0; i < 12; i++) await booking(manager, shower, pick(days), pick(['booked', 'done', 'no_show', 'cancelled'] as const));
      await featureEvents(manager, { next, pick }, days, people);

      for (const period of [quarterPeriod(2026, 3), customPeriod('2026-07-10', '2026-10-05')]) {
        const report = await buildReport(manager, period, NOW);
        const tables = report.sections.flatMap((s) => s.tables);
        // Every new section is there, with something in it for the random data to add up.
        for (const key of ['suite', 'programs-held', 'programs-attendance', 'referrals-category', 'alerts'])
          expect(
            tables.some((t) => t.key === key),
            key,
          ).toBe(true);
        for (const table of tables.filter((t) => !t.suppress && !NOT_ADDITIVE_TABLES.has(t.key))) {
          for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
            if (NOT_ADDITIVE.has(row.key)) continue;
            const values = row.cells.map((c) => c.value!);
            const months = values.slice(0, -1).reduce((a, b) => a + b, 0);
            expect(months, `${table.title} / ${row.label}`).toBe(values.at(-1));
          }
        }
        // People per month and over the period, and a breakdown of them before suppression, agree
        // with a plain reading of who came when.
        const ctx = await figureContext(manager, period, NOW);
        const figures = await visitFigures(ctx);
        const row = (key: string) => figures.find((r) => r.key === key)!.counts;
        const breakdowns = await demographicsSection.load(ctx);
        const came = await db.visit.findMany({
          where: {
            voidedAt: null,
            participantId: { not: null },
            visitDate: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T00:00:00Z`) },
          },
          select: { participantId: true, visitDate: true, participant: { select: { gender: true } } },
        });
        const dayOf = (v: (typeof came)[number]) => v.visitDate.toISOString().slice(0, 10);
        const columns = [...period.months.map((m) => came.filter((v) => dayOf(v) >= m.from && dayOf(v) < m.until)), came];
        const distinct = (vs: typeof came) => new Set(vs.map((v) => v.participantId)).size;
        expect(row('people')).toEqual(columns.map(distinct));
        // New participants: people whose first visit that counts, ever, falls in the month.
        const firsts = (
          await db.visit.groupBy({ by: ['participantId'], where: { voidedAt: null, participantId: { not: null } }, _min: { visitDate: true } })
        ).map((g) => g._min.visitDate!.toISOString().slice(0, 10));
        expect(row('fresh')).toEqual([
          ...period.months.map((m) => firsts.filter((d) => d >= m.from && d < m.until).length),
          firsts.filter((d) => d >= period.from && d <= period.to).length,
        ]);
        // A custom range's breakdowns have no whole-range column (publication.ts): it is not even counted.
        const broken = (xs: number[]) => (period.kind === 'custom' ? [...xs.slice(0, -1), null] : xs);
        for (const table of breakdowns) expect(table.total!.counts, table.title).toEqual(broken(columns.map(distinct)));
        const gender = breakdowns.find((t) => t.key === 'demographics-gender')!;
        for (const row of gender.rows) {
          expect(row.counts, row.label).toEqual(broken(columns.map((vs) => distinct(vs.filter((v) => (v.participant!.gender ?? 'not_asked') === row.key)))));
        }
        // And the visits figure agrees with a plain count of the same rows.
        const visits = report.sections[0]!.tables[0]!.rows.find((r) => r.key === 'visits')!.cells.at(-1)!.value;
        const plain = await db.visit.count({
          where: { voidedAt: null, visitDate: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T00:00:00Z`) } },
        });
        expect(visits).toBe(plain);
        // And so do the sessions held, the safety reports received, the referrals and the suite's nights.
        const whole = (table: string, row: string) =>
          tables
            .find((t) => t.key === table)!
            .rows.concat(tables.find((t) => t.key === table)!.total ?? [])
            .find((r) => r.key === row)!
            .cells.at(-1)!.value;
        const [first, last] = [period.months[0]!.startsAt, period.months.at(-1)!.endsAt];
        expect(whole('programs-held', 'total')).toBe(await db.programSession.count({ where: { status: 'held', startsAt: { gte: first, lt: last } } }));
        expect(whole('alerts', 'received')).toBe(
          await db.alertReport.count({ where: { receivedOn: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T00:00:00Z`) } } }),
        );
        const referrals = tables.find((t) => t.key === 'referrals-category')!.total!.cells.at(-1)!.value;
        expect(referrals).toBe(
          await db.referral.count({ where: { referredOn: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T00:00:00Z`) } } }),
        );
        const [counted] = await db.$queryRaw<{ nights: number }[]>`
          SELECT count(*)::int AS nights FROM stay s, generate_series(s.start_day, s.end_day - 1, interval '1 day') AS n
          WHERE s.status IN ('checked_in', 'checked_out') AND n::date BETWEEN ${period.from}::date AND ${period.to}::date`;
        expect(
          tables
            .find((t) => t.key === 'suite')!
            .rows.find((r) => r.key === 'nights-occupied')!
            .cells.at(-1)!.value,
        ).toBe(counted!.nights);
      }
    });
  }
});

describe('who may see reports', () => {
  for (const role of ROLES) {
    it(`${roleCan(role, 'report:read') ? 'lets' : 'refuses'} a ${role} read and export`, async () => {
      const actor = await makeActor(role);
      const period = quarterPeriod(2026, 3);
      const visits = (ctx: FigureContext) => visitFigures(ctx);
      if (roleCan(role, 'report:read')) {
        await expect(buildReport(actor, period)).resolves.toMatchObject({ period: { from: '2026-07-01' } });
        await expect(reportSections(actor, period, ['participants'])).resolves.toHaveLength(1);
        await expect(withFigures(actor, period, visits)).resolves.toHaveLength(5);
      } else {
        await expect(buildReport(actor, period)).rejects.toMatchObject({ code: 'forbidden' });
        await expect(reportSections(actor, period, ['participants'])).rejects.toMatchObject({ code: 'forbidden' });
        await expect(withFigures(actor, period, visits)).rejects.toMatchObject({ code: 'forbidden' });
      }
      if (roleCan(role, 'report:export')) {
        await expect(exportReport(actor, period, 'xlsx')).resolves.toMatchObject({ fileName: 'lantern-report-2026-q3.xlsx' });
      } else {
        await expect(exportReport(actor, period, 'csv')).rejects.toMatchObject({ code: 'forbidden' });
        expect(await db.auditEvent.count({ where: { action: 'report.exported' } })).toBe(0);
      }
    });
  }
});
