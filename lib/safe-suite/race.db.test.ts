import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { AppError } from '@/lib/errors.ts';
import { changeStay } from './transitions.ts';
import { book, makePerson, makeUnit, setSetting } from './test-helpers.ts';

// No two stays that hold a unit overlap, turnover included, whatever races: the exclusion
// constraint decides, and every loser gets the plain "not free then" answer.

function expectOnlyNotFree(outcomes: PromiseSettledResult<unknown>[]) {
  const unexpected = outcomes
    .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    .map((o) => o.reason as unknown)
    .filter((e) => !(e instanceof AppError && e.code === 'conflict' && /is not free then/.test(e.userMessage)));
  expect(unexpected.map((e) => (e instanceof Error ? e.message : String(e)))).toEqual([]);
}

describe.runIf(process.env.TEST_SERVER_URL)('concurrent confirmations of overlapping stays', () => {
  it('20 overlapping requests confirmed at once: exactly one wins', async () => {
    const actors = await Promise.all([makeActor('outreach'), makeActor('coordinator'), makeActor('manager')]);
    const unit = await makeUnit();
    const requests = [];
    // Each overlaps every other: arrivals on day 2 or 3, departures on day 4.
    for (let i = 0; i < 20; i++) {
      requests.push(await book(actors[i % 3]!, unit.id, (await makePerson(actors[0]!)).id, 2 + (i % 2), 4, { mode: 'request' }));
    }
    const outcomes = await Promise.allSettled(requests.map((r, i) => changeStay(actors[i % 3]!, { stayId: r.stayId, transition: 'confirm' })));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expectOnlyNotFree(outcomes);
    expect(await db.stay.count({ where: { status: 'confirmed' } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'stay.confirmed' } })).toBe(1);
  });

  it('20 desks booking overlapping stays at once: exactly one is confirmed, none written for the others', async () => {
    const outreach = await makeActor('outreach');
    const unit = await makeUnit();
    const people = await Promise.all(Array.from({ length: 20 }, () => makePerson(outreach)));
    const outcomes = await Promise.allSettled(people.map((p, i) => book(outreach, unit.id, p.id, 1 + (i % 3), 4)));
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expectOnlyNotFree(outcomes);
    expect(await db.stay.count()).toBe(1);
  });
});

describe('the database itself keeps stays apart', () => {
  it('refuses an overlap or a stay inside the turnover, whatever code writes the rows; a later turnover change leaves stays valid', async () => {
    const outreach = await makeActor('outreach');
    const unit = await makeUnit();
    const p = await makePerson(outreach);
    const first = await book(outreach, unit.id, p.id, 1, 2);
    const row = await db.stay.findUniqueOrThrow({ where: { id: first.stayId } });
    const c = await rawClient();
    const insert = (startAt: Date, endAt: Date, status = 'confirmed') =>
      c.query(
        `INSERT INTO stay (id, unit_id, participant_id, status, start_at, end_at, turnover_minutes, blocked_until, start_day, end_day,
                         idempotency_key, created_by_id, confirmed_at)
       VALUES (gen_random_uuid(), $1, $2, $3::"StayStatus", $4, $5, 180, $5::timestamptz + interval '3 hours', $4::timestamptz::date, $5::timestamptz::date,
               gen_random_uuid(), $6, CASE WHEN $3 = 'requested' THEN NULL ELSE now() END)`,
        [unit.id, p.id, status, startAt, endAt, outreach.id],
      );
    const H = 3_600_000;
    // Starts two hours after the first stay's end: inside its three-hour turnover.
    await expect(insert(new Date(row.endAt.getTime() + 2 * H), new Date(row.endAt.getTime() + 24 * H))).rejects.toThrow(/stay_no_overlap/);
    await expect(insert(new Date(row.startAt.getTime() - 24 * H), new Date(row.startAt.getTime() + H))).rejects.toThrow(/stay_no_overlap/);
    // A request does not hold the unit; a stay starting when the turnover ends does not overlap.
    await insert(new Date(row.endAt.getTime() + H), new Date(row.endAt.getTime() + 24 * H), 'requested');
    await insert(new Date(row.endAt.getTime() + 3 * H), new Date(row.endAt.getTime() + 24 * H));
    await expect(c.query(`UPDATE stay SET blocked_until = end_at WHERE id = $1`, [first.stayId])).rejects.toThrow(/stay_times_check/);
    await expect(c.query(`UPDATE stay SET status = 'cancelled' WHERE id = $1`, [first.stayId])).rejects.toThrow(/stay_status_times_check/);
    await expect(c.query(`DELETE FROM stay`)).rejects.toThrow(/cancelled, not deleted/);
    // The setting changes; stays already made keep the turnover they were made with.
    await setSetting('suite.turnoverHours', 12);
    expect((await db.stay.findUniqueOrThrow({ where: { id: first.stayId } })).turnoverMinutes).toBe(180);
    expect(await db.stay.count({ where: { status: 'confirmed' } })).toBe(2);
  });
});
