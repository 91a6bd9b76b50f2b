import { describe, expect, it } from 'vitest';
import { makeActor } from '@/lib/db/test/actors.ts';
import { figureContext } from './build.ts';
import { demographicsSection } from './sections/demographics.ts';
import { customPeriod, monthPeriod } from '@/lib/calendar/period.ts';
import { person, visit } from './test-helpers.ts';

// Age is taken in the year each month's fiscal year began (publication.ts). A custom range that
// crosses 1 April reads its visits once and still places each month's people by that month's year.

const NOW = new Date('2026-12-06T19:00:00Z');

async function ageRows(period: ReturnType<typeof customPeriod>) {
  const manager = await makeActor('manager');
  const tables = await demographicsSection.load(await figureContext(manager, period, NOW));
  const age = tables.find((t) => t.key === 'demographics-age')!;
  return Object.fromEntries(age.rows.map((r) => [r.key, r.counts]));
}

describe('unique participants by age range', () => {
  it('across 1 April: March counts ages in the fiscal year before, April in the new one; each month as its own report does', async () => {
    const manager = await makeActor('manager');
    // Born in 2001: 24 in 2025 (fiscal year 2025, to March 2026), 25 in 2026 (from April 2026).
    const turning = await person(manager, { birthYear: 2001, birthYearState: 'answered', gender: 'woman' });
    const steady = await person(manager, { birthYear: 1970, birthYearState: 'answered', gender: 'man' });
    const unasked = await person(manager, {});
    for (const p of [turning, steady, unasked]) {
      await visit(manager, '2026-03-20', { participantId: p.id });
      await visit(manager, '2026-04-10', { participantId: p.id });
    }
    await visit(manager, '2026-05-02', { participantId: turning.id });

    const range = await ageRows(customPeriod('2026-03-01', '2026-05-31'));
    //                 March April May  whole (a custom range's is not counted)
    expect(range.under_25).toEqual([1, 0, 0, null]);
    expect(range['25_34']).toEqual([0, 1, 1, null]);
    expect(range['55_plus']).toEqual([1, 1, 0, null]);
    expect(range.not_asked).toEqual([1, 1, 0, null]);
    expect(range['35_44']).toEqual([0, 0, 0, null]);

    // The same months as reports of their own agree.
    for (const [m, column] of [
      ['2026-03', 0],
      ['2026-04', 1],
      ['2026-05', 2],
    ] as const) {
      const month = await ageRows(monthPeriod(m));
      for (const key of ['under_25', '25_34', '55_plus', 'not_asked']) expect(month[key]!.slice(0, 1), `${m} ${key}`).toEqual([range[key]![column]]);
    }
  });
});
