import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { atLocal } from '@/lib/bookings/slots.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { monthsOf } from '@/lib/reports/period.ts';
import { suiteOccupancy, suiteOccupancyByMonth } from './occupancy.ts';
import { expectAppError, makePerson, makeUnit } from './test-helpers.ts';

type Status = 'checked_in' | 'checked_out' | 'cancelled' | 'confirmed';

/** A stay written as the code would leave it, arriving 15:00 and leaving 11:00 on these program dates. */
async function stay(by: Actor, unitId: string, from: string, to: string, status: Status) {
  const startAt = atLocal(from, 15 * 60);
  const endAt = atLocal(to, 11 * 60);
  await db.stay.create({
    data: {
      unitId, participantId: (await makePerson(by)).id, status, startAt, endAt, turnoverMinutes: 180,
      blockedUntil: new Date(endAt.getTime() + 3 * 3_600_000), startDay: new Date(`${from}T00:00:00Z`), endDay: new Date(`${to}T00:00:00Z`),
      idempotencyKey: randomUUID(), createdById: by.id, confirmedAt: startAt,
      checkedInAt: status.startsWith('checked') ? startAt : null, checkedOutAt: status === 'checked_out' ? endAt : null,
      closedAt: status === 'cancelled' ? startAt : null,
    },
  });
}

describe('suiteOccupancy (hand-counted)', () => {
  it('counts nights taken up in the range, the nights available, the rate and the average stay', async () => {
    const manager = await makeActor('manager');
    const a = await makeUnit('Suite A');
    await makeUnit('Suite B (not in use)', false);
    const c = await makeUnit('Suite C', false);
    await stay(manager, a.id, '2026-10-30', '2026-11-02', 'checked_out'); // nights Oct 30, 31, Nov 1: 1 in range, arrived before it
    await stay(manager, a.id, '2026-11-05', '2026-11-08', 'checked_out'); // Nov 5, 6, 7: 3
    await stay(manager, a.id, '2026-11-28', '2026-12-01', 'checked_in'); // Nov 28, 29, 30: 3
    await stay(manager, a.id, '2026-11-10', '2026-11-12', 'cancelled'); // not counted
    await stay(manager, a.id, '2026-11-15', '2026-11-16', 'confirmed'); // never taken up: not counted
    await stay(manager, c.id, '2026-11-20', '2026-11-21', 'checked_out'); // 1, and makes C count as available
    // Across the daylight-saving change (1 November): still one night per date.
    expect(await suiteOccupancy(manager, { from: '2026-11-01', to: '2026-11-30' })).toEqual({
      from: '2026-11-01', to: '2026-11-30', nightsOccupied: 8, nightsAvailable: 60, occupancyRate: 0.1333, staysStarted: 3, averageNights: 2.33,
    });
    expect(await suiteOccupancy(manager, { from: '2026-11-01', to: '2026-11-01' })).toMatchObject({ nightsOccupied: 1, nightsAvailable: 1, occupancyRate: 1, staysStarted: 0, averageNights: null });
    expect(await suiteOccupancy(manager, { from: '2026-10-31', to: '2026-11-06' })).toMatchObject({ nightsOccupied: 4, nightsAvailable: 7, staysStarted: 1, averageNights: 3 });
    expect(await suiteOccupancy(manager, { from: '2027-01-01', to: '2027-01-31' })).toMatchObject({ nightsOccupied: 0, nightsAvailable: 31, occupancyRate: 0, averageNights: null });
    // By month, one query: October has A only (C was not used then); the stay across the boundary
    // counts 2 nights in October and 1 in November, and began in October.
    const byMonth = await suiteOccupancyByMonth(manager, { from: '2026-10-01', to: '2026-11-30' }, monthsOf('2026-10-01', '2026-11-30'));
    expect(byMonth.months.map((m) => [m.key, m.from, m.to, m.nightsOccupied, m.nightsAvailable, m.staysStarted, m.averageNights])).toEqual([
      ['2026-10', '2026-10-01', '2026-10-31', 2, 31, 1, 3],
      ['2026-11', '2026-11-01', '2026-11-30', 8, 60, 3, 2.33],
    ]);
    expect(byMonth.whole).toMatchObject({ nightsOccupied: 10, nightsAvailable: 122, staysStarted: 4, averageNights: 2.5 });
  });

  it('refuses a bad range and roles that see no stays', async () => {
    const outreach = await makeActor('outreach');
    await expectAppError(suiteOccupancy(outreach, { from: '2026-11-30', to: '2026-11-01' }), 'invalid', /on or after/, 'to');
    await expectAppError(suiteOccupancy(outreach, { from: '2026-02-30', to: '2026-03-01' }), 'invalid', /Choose dates/, 'from');
    for (const role of ['peer', 'admin'] as const) await expectAppError(suiteOccupancy(await makeActor(role), { from: '2026-11-01', to: '2026-11-30' }), 'forbidden');
  });
});
