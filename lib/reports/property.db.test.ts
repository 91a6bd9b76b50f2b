import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { serviceTypeIds } from '@/lib/visits/test-helpers.ts';
import { addDays } from '@/lib/bookings/slots.ts';
import { buildReport } from './build.ts';
import { exportReport } from './export.ts';
import { customPeriod, quarterPeriod } from './period.ts';
import { booking, person, resource, visit } from './test-helpers.ts';

/** mulberry32: the same random datasets every run, different per seed. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Rows that count events (or first visits, which happen once per person): their months add up
// to the whole period. Unique people do not (a person comes in several months).
const NOT_ADDITIVE = new Set(['people']);

describe('event counts across months', () => {
  for (const seed of [1, 2, 3]) {
    it(`add up to the whole-period count for a random dataset (seed ${seed})`, async () => {
      const next = rng(seed);
      const pick = <T,>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
      const manager = await makeActor('manager');
      const st = Object.values(await serviceTypeIds());
      const people = [];
      for (let i = 0; i < 6; i++) people.push(await person(manager, { gender: pick(['woman', 'man', 'non_binary'] as const) }));
      // Days from mid-June to mid-October: some fall outside the custom range on purpose.
      const days = Array.from({ length: 120 }, (_, i) => addDays('2026-06-15', i));
      for (let i = 0; i < 40; i++) {
        const services = Object.fromEntries(st.filter(() => next() < 0.25).map((id) => [id, 1 + Math.floor(next() * 4)]));
        await visit(manager, pick(days), { participantId: next() < 0.3 ? null : pick(people).id, voided: next() < 0.1, services, minutes: Math.floor(next() * 1440) });
      }
      const shower = await resource('shower');
      for (let i = 0; i < 12; i++) await booking(manager, shower, pick(days), pick(['booked', 'done', 'no_show', 'cancelled'] as const));

      for (const period of [quarterPeriod(2026, 3), customPeriod('2026-07-10', '2026-10-05')]) {
        const report = await buildReport(manager, period);
        for (const table of report.sections.flatMap((s) => s.tables).filter((t) => !t.suppress)) {
          for (const row of [...table.rows, ...(table.total ? [table.total] : [])]) {
            if (NOT_ADDITIVE.has(row.key)) continue;
            const values = row.cells.map((c) => c.value!);
            const months = values.slice(0, -1).reduce((a, b) => a + b, 0);
            expect(months, `${table.title} / ${row.label}`).toBe(values.at(-1));
          }
        }
        // And the visits figure agrees with a plain count of the same rows.
        const visits = report.sections[0]!.tables[0]!.rows.find((r) => r.key === 'visits')!.cells.at(-1)!.value;
        const plain = await db.visit.count({ where: { voidedAt: null, visitDate: { gte: new Date(`${period.from}T00:00:00Z`), lte: new Date(`${period.to}T00:00:00Z`) } } });
        expect(visits).toBe(plain);
      }
    });
  }
});

describe('who may see reports', () => {
  for (const role of ROLES) {
    it(`${roleCan(role, 'report:read') ? 'lets' : 'refuses'} a ${role} read and export`, async () => {
      const actor = await makeActor(role);
      const period = quarterPeriod(2026, 3);
      if (roleCan(role, 'report:read')) {
        await expect(buildReport(actor, period)).resolves.toMatchObject({ period: { from: '2026-07-01' } });
      } else {
        await expect(buildReport(actor, period)).rejects.toMatchObject({ code: 'forbidden' });
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
