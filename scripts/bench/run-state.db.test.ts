import { describe, expect, it } from 'vitest';
import { ownerDb } from '../../lib/db/test/open-db.ts';
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
    `SELECT md5(string_agg(concat_ws('|', id, visit_count, last_seen_at, first_visit_date, last_activity_at), ',' ORDER BY id)) AS d FROM participant`,
  );
  return rows[0]!.d;
}

async function runnerVisits(runnerId: string): Promise<{ date: string; n: number }[]> {
  const c = await rawClient();
  const { rows } = await c.query<{ date: string; n: number }>(
    `SELECT visit_date::text AS date, count(*)::int AS n FROM visit WHERE created_by_id = $1 GROUP BY 1 ORDER BY 1`,
    [runnerId],
  );
  return rows;
}

describe('prepareRun', () => {
  it('adds today so far, then on the next run removes what the last run wrote and restores the counts', async () => {
    await seedStaff(await ownerDb());
    await seedParticipants(await ownerDb(), DATASET_NOW);
    await seedVisits(await ownerDb(), DATASET_NOW);
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
    await c.query(
      `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
      SELECT gen_random_uuid(), id, $2, '2026-11-19', gen_random_uuid(), $1, now() FROM participant ORDER BY code LIMIT 25`,
      [first.id, RUN_NOW],
    );
    expect(await counts()).not.toBe(afterFirst);

    const logs: string[] = [];
    const second = await prepareRun(c, (m) => logs.push(m), RUN_NOW);
    expect(second.id).toBe(first.id);
    expect(logs[0]).toBe(`removed ${25 + today[0]!.n} visits left by the previous run`);
    expect(await runnerVisits(second.id)).toEqual(today);
    expect(await counts()).toBe(afterFirst);
  });

  it('removes the outreach the last run wrote, the dataset’s own left alone', async () => {
    await seedStaff(await ownerDb());
    await seedParticipants(await ownerDb(), DATASET_NOW);
    const c = await rawClient();
    const runner = await prepareRun(c, () => {}, RUN_NOW);
    const other = (await c.query<{ id: string }>(`SELECT id FROM staff_user WHERE role = 'outreach' LIMIT 1`)).rows[0]!.id;
    const kind = (await c.query<{ id: string }>(`SELECT id FROM outreach_option WHERE list = 'contact_kind' LIMIT 1`)).rows[0]!.id;
    const supply = (await c.query<{ id: string }>(`SELECT id FROM service_type WHERE kind = 'supply' LIMIT 1`)).rows[0]!.id;
    for (const by of [runner.id, other]) {
      const {
        rows: [shift],
      } = await c.query<{ id: string }>(
        `INSERT INTO outreach_shift (id, mode, zone_id, started_at, started_on, created_by_id)
        SELECT gen_random_uuid(), 'street', id, $2, '2026-11-19', $1 FROM outreach_option WHERE list = 'zone' LIMIT 1 RETURNING id`,
        [by, RUN_NOW],
      );
      await c.query(`INSERT INTO outreach_shift_staff (shift_id, staff_id) VALUES ($1, $2)`, [shift!.id, by]);
      const {
        rows: [contact],
      } = await c.query<{ id: string }>(
        `INSERT INTO outreach_contact (id, shift_id, is_new, contacted_at, contacted_on, created_by_id)
        VALUES (gen_random_uuid(), $1, true, $2, '2026-11-19', $3) RETURNING id`,
        [shift!.id, RUN_NOW, by],
      );
      await c.query(`INSERT INTO outreach_contact_kind (contact_id, kind_id) VALUES ($1, $2)`, [contact!.id, kind]);
      await c.query(`INSERT INTO outreach_contact_supply (contact_id, service_type_id, quantity) VALUES ($1, $2, 2)`, [contact!.id, supply]);
    }
    const logs: string[] = [];
    await prepareRun(c, (m) => logs.push(m), RUN_NOW);
    expect(logs).toContain('removed 1 outreach contacts left by the previous run');
    const left = await c.query<{ by: string }>(`SELECT s.created_by_id AS by FROM outreach_contact o JOIN outreach_shift s ON s.id = o.shift_id`);
    expect(left.rows).toEqual([{ by: other }]);
    const lines = await c.query<{ n: number }>(`SELECT (SELECT count(*) FROM outreach_contact_kind)::int + (SELECT count(*) FROM outreach_contact_supply)::int
      + (SELECT count(*) FROM outreach_shift_staff)::int AS n`);
    expect(lines.rows[0]!.n).toBe(3);
    // The append-only triggers are back on after the clean-up.
    await expect(c.query(`DELETE FROM outreach_contact`)).rejects.toThrow(/append_only|voided, never deleted/);
  });

  it('gives the runner a new password each run and ends its earlier sessions', async () => {
    await seedStaff(await ownerDb());
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
