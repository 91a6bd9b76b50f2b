import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { verifyPassword } from '@/lib/auth/password.ts';
import { resolveSession } from '@/lib/auth/resolve-session.ts';
import { seedStaff } from '../../prisma/seed/staff.ts';
import { seedParticipants } from '../../prisma/seed/participants.ts';
import { seedVisits } from '../../prisma/seed/visits.ts';
import { openSession, prepareRun } from './run-state.ts';

// The kept dataset stands in for the benchmark's (the demo's is the same shape, smaller).
const DATASET_NOW = new Date('2026-11-18T21:30:00Z');
const RUN_NOW = new Date('2026-11-19T20:00:00Z'); // the next day, 12:00 in Vancouver

async function counts(): Promise<string> {
  const c = await rawClient();
  const { rows } = await c.query<{ d: string }>(
    `SELECT md5(string_agg(concat_ws('|', id, visit_count, last_seen_at, first_visit_date, last_activity_at), ',' ORDER BY id)) AS d FROM participant`);
  return rows[0]!.d;
}

async function runnerVisits(runnerId: string): Promise<{ date: string; n: number }[]> {
  const c = await rawClient();
  const { rows } = await c.query<{ date: string; n: number }>(
    `SELECT visit_date::text AS date, count(*)::int AS n FROM visit WHERE created_by_id = $1 GROUP BY 1 ORDER BY 1`, [runnerId]);
  return rows;
}

describe('prepareRun', () => {
  it('adds today so far, then on the next run removes what the last run wrote and restores the counts', async () => {
    await seedStaff(db);
    await seedParticipants(db, DATASET_NOW);
    await seedVisits(db, DATASET_NOW);
    const c = await rawClient();
    const datasetOnly = await counts();

    const first = await prepareRun(c, () => {}, RUN_NOW);
    const today = await runnerVisits(first.id);
    expect(today).toHaveLength(1);
    expect(today[0]!.date).toBe('2026-11-19');
    expect(today[0]!.n).toBeGreaterThan(5);
    const afterFirst = await counts();
    expect(afterFirst).not.toBe(datasetOnly); // the visit trigger counted today's visits

    // What a run writes: visits by the runner (here straight into the table, the trigger still on).
    await c.query(`INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
      SELECT gen_random_uuid(), id, $2, '2026-11-19', gen_random_uuid(), $1, now() FROM participant ORDER BY code LIMIT 25`, [first.id, RUN_NOW]);
    expect(await counts()).not.toBe(afterFirst);

    const logs: string[] = [];
    const second = await prepareRun(c, (m) => logs.push(m), RUN_NOW);
    expect(second.id).toBe(first.id);
    expect(logs[0]).toBe(`removed ${25 + today[0]!.n} visits left by the previous run`);
    expect(await runnerVisits(second.id)).toEqual(today);
    expect(await counts()).toBe(afterFirst);
  });

  it('gives the runner a new password each run and ends its earlier sessions', async () => {
    await seedStaff(db);
    const c = await rawClient();
    const first = await prepareRun(c, () => {}, RUN_NOW);
    const sid = await openSession(c, first.id);
    expect((await resolveSession(sid)).status).toBe('ok');

    const second = await prepareRun(c, () => {}, RUN_NOW);
    expect(second.password).not.toBe(first.password);
    const { rows } = await c.query<{ password_hash: string; role: string }>('SELECT password_hash, role FROM staff_user WHERE id = $1', [second.id]);
    expect(rows[0]!.role).toBe('coordinator');
    expect(await verifyPassword(rows[0]!.password_hash, second.password)).toBe(true);
    expect(await verifyPassword(rows[0]!.password_hash, first.password)).toBe(false);
    expect((await resolveSession(sid)).status).toBe('none');
  });
});
