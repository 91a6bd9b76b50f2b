import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { monthsOf } from '@/lib/calendar/period.ts';
import { suiteOccupancy, suiteOccupancyByMonth } from './occupancy.ts';
import { expectAppError, makePerson, makeUnit } from './test-helpers.ts';
import { atLocal } from '@/lib/calendar/index.ts';

type Status = 'checked_in' | 'checked_out' | 'cancelled' | 'confirmed';

/** A stay written as the code would leave it, arriving 15:00 and leaving 11:00 on these program dates. */
async function stay(by: Actor, unitId: string, from: string, to: string, status: Status) {
  const startAt = atLocal(from, 15 * 60);
  const endAt = atLocal(to, 11 * 60);
  await db.stay.create({
    data: {
      unitId,
      participantId: (await makePerson(by)).id,
      status,
      startAt,
      endAt,
      turnoverMinutes: 180,
      blockedUntil: new Date(endAt.getTime() + 3 * 3_600_000),
      startDay: new Date(`${from}T00:00:00Z`),
      endDay: new Date(`${to}T00:00:00Z`),
      idempotencyKey: randomUUID(),
      createdById: by.id,
      confirmedAt: startAt,
      checkedInAt: status.startsWith('checked') ? startAt : null,
      checkedOutAt: status === 'checked_out' ? endAt : null,
      closedAt: status === 'cancelled' ? startAt : null,
    },
  });
}

// Long after every night below: all of them have happened.
const LATER = new Date('2027-03-01T20:00:00Z');

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
    expect(await suiteOccupancy(manager, { from: '2026-11-01', to: '2026-11-30' }, LATER)).toEqual({
      from: '2026-11-01',
      to: '2026-11-30',
      nightsOccupied: 8,
      nightsAvailable: 60,
      occupancyRate: 0.1333,
      staysStarted: 3,
      averageNights: 2.33,
    });
    expect(await suiteOccupancy(manager, { from: '2026-11-01', to: '2026-11-01' }, LATER)).toMatchObject({
      nightsOccupied: 1,
      nightsAvailable: 1,
      occupancyRate: 1,
      staysStarted: 0,
      averageNights: null,
    });
    expect(await suiteOccupancy(manager, { from: '2026-10-31', to: '2026-11-06' }, LATER)).toMatchObject({
      nightsOccupied: 4,
      nightsAvailable: 7,
      staysStarted: 1,
      averageNights: 3,
    });
    expect(await suiteOccupancy(manager, { from: '2027-01-01', to: '2027-01-31' }, LATER)).toMatchObject({
      nightsOccupied: 0,
      nightsAvailable: 31,
      occupancyRate: 0,
      averageNights: null,
    });
    // By month, one query: October has A only (C was not used then); the stay across the boundary
    // counts 2 nights in October and 1 in November, and began in October.
    const byMonth = await suiteOccupancyByMonth(manager, { from: '2026-10-01', to: '2026-11-30' }, monthsOf('2026-10-01', '2026-11-30'), db, LATER);
    expect(byMonth.months.map((m) => [m.key, m.from, m.to, m.nightsOccupied, m.nightsAvailable, m.staysStarted, m.averageNights])).toEqual([
      ['2026-10', '2026-10-01', '2026-10-31', 2, 31, 1, 3],
      ['2026-11', '2026-11-01', '2026-11-30', 8, 60, 3, 2.33],
    ]);
    expect(byMonth.whole).toMatchObject({ nightsOccupied: 10, nightsAvailable: 122, staysStarted: 4, averageNights: 2.5 });
  });

  it('counts nights only up to today (the program date): what is still to come is neither occupied nor available', async () => {
    const manager = await makeActor('manager');
    const a = await makeUnit('Suite A');
    await stay(manager, a.id, '2026-11-05', '2026-11-08', 'checked_out'); // Nov 5, 6, 7: 3
    await stay(manager, a.id, '2026-11-09', '2026-11-13', 'checked_in'); // Nov 9 and tonight, the 10th, so far: 2 of 4
    // 22:00 on 10 November in Vancouver, already the 11th in UTC.
    const now = new Date('2026-11-11T06:00:00Z');
    const so = { nightsOccupied: 5, nightsAvailable: 10, occupancyRate: 0.5, staysStarted: 2, averageNights: 2.5 };
    expect(await suiteOccupancy(manager, { from: '2026-11-01', to: '2026-11-30' }, now)).toMatchObject(so);
    // The fiscal year 2026–27: 1 April to 10 November, 224 nights, not 365.
    expect(await suiteOccupancy(manager, { from: '2026-04-01', to: '2027-03-31' }, now)).toMatchObject({ ...so, nightsAvailable: 224, occupancyRate: 0.0223 });
    // A range wholly to come has nothing available yet, nor a range starting tomorrow.
    const none = { nightsOccupied: 0, nightsAvailable: 0, occupancyRate: 0, staysStarted: 0, averageNights: null };
    expect(await suiteOccupancy(manager, { from: '2026-12-01', to: '2026-12-31' }, now)).toMatchObject(none);
    expect(await suiteOccupancy(manager, { from: '2026-11-11', to: '2026-11-12' }, now)).toMatchObject(none);
    const byMonth = await suiteOccupancyByMonth(manager, { from: '2026-10-01', to: '2026-12-31' }, monthsOf('2026-10-01', '2026-12-31'), db, now);
    expect(byMonth.months.map((m) => [m.key, m.nightsOccupied, m.nightsAvailable, m.staysStarted, m.averageNights])).toEqual([
      ['2026-10', 0, 31, 0, null],
      ['2026-11', 5, 10, 2, 2.5],
      ['2026-12', 0, 0, 0, null],
    ]);
    expect(byMonth.whole).toMatchObject({ nightsOccupied: 5, nightsAvailable: 41, staysStarted: 2, averageNights: 2.5 });
    // Once the month is over, all its nights count, and the stay its four.
    expect(await suiteOccupancy(manager, { from: '2026-11-01', to: '2026-11-30' }, LATER)).toMatchObject({
      nightsOccupied: 7,
      nightsAvailable: 30,
      staysStarted: 2,
      averageNights: 3.5,
    });
  });

  it('refuses a bad range and roles that see no stays', async () => {
    const outreach = await makeActor('outreach');
    await expectAppError(suiteOccupancy(outreach, { from: '2026-11-30', to: '2026-11-01' }), 'invalid', /on or after/, 'to');
    await expectAppError(suiteOccupancy(outreach, { from: '2026-02-30', to: '2026-03-01' }), 'invalid', /Choose dates/, 'from');
    for (const role of ['peer', 'admin'] as const)
      await expectAppError(suiteOccupancy(await makeActor(role), { from: '2026-11-01', to: '2026-11-30' }), 'forbidden');
  });
});
