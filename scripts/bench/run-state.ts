import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { hashPassword } from '../../lib/auth/password.ts';
import { dayPlan } from '../../prisma/seed/generate/day-plan.ts';
import { createRandom, hash32 } from '../../prisma/seed/generate/random.ts';
import { insertVisits } from '../../prisma/seed/generate/visit-sql.ts';
import { DATASET, pgExec } from './dataset.ts';

// What each run starts from, on top of the kept dataset: the account the benchmark acts as (a
// coordinator, with a new password each run), none of the previous run's writes, and a morning
// of visits for the real today so the Today page shows what a desk would see.

export type Runner = { id: string; email: string; password: string };

const RUNNER = { email: 'bench-runner@bench.example.org', name: 'Bench Runner', role: 'coordinator' } as const;
const MANAGER = { email: 'bench-manager@bench.example.org', name: 'Bench Manager', role: 'manager' } as const;

async function benchAccount(client: pg.Client, who: { email: string; name: string; role: string }): Promise<Runner> {
  const password = `bench ${randomBytes(12).toString('base64url')}`;
  const hash = await hashPassword(password);
  const {
    rows: [row],
  } = await client.query<{ id: string }>(
    `INSERT INTO staff_user (id, email, display_name, role, password_hash, must_change_password, updated_at)
     VALUES ($1, $2, $3, $4, $5, false, now())
     ON CONFLICT (email) DO UPDATE SET password_hash = EXCLUDED.password_hash, active = true, must_change_password = false, role = EXCLUDED.role
     RETURNING id`,
    [randomUUID(), who.email, who.name, who.role, hash],
  );
  // Sessions and sign-in throttling left from earlier runs do not carry over.
  await client.query('UPDATE auth_session SET ended_at = now() WHERE user_id = $1 AND ended_at IS NULL', [row!.id]);
  await client.query('DELETE FROM login_attempt');
  return { id: row!.id, email: who.email, password };
}

/** The manager the report scenarios act as (the runner is a coordinator, who may not see reports). */
export function managerAccount(client: pg.Client): Promise<Runner> {
  return benchAccount(client, MANAGER);
}

/**
 * Removes the visits earlier runs wrote (the runner's). Visits are never deleted in the app, so
 * the trigger that refuses it is switched off for this statement's transaction only.
 */
async function removeEarlierVisits(client: pg.Client, runnerId: string): Promise<number> {
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ id: string }>(
      'SELECT DISTINCT participant_id AS id FROM visit WHERE created_by_id = $1 AND participant_id IS NOT NULL',
      [runnerId],
    );
    await client.query('ALTER TABLE visit DISABLE TRIGGER visit_no_delete');
    const { rowCount } = await client.query('DELETE FROM visit WHERE created_by_id = $1', [runnerId]);
    await client.query('ALTER TABLE visit ENABLE TRIGGER visit_no_delete');
    // The visit trigger restored counts and last visits; last activity only ever moves forward, so reset it here.
    await client.query(`UPDATE participant SET last_activity_at = greatest(created_at, coalesce(last_seen_at, created_at)) WHERE id = ANY($1::uuid[])`, [
      rows.map((r) => r.id),
    ]);
    await client.query('COMMIT');
    return rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/**
 * Removes the outreach earlier runs wrote (the runner's shifts, with their contacts and lines).
 * Outreach entries are append-only in the app; the triggers that say so are skipped for this
 * transaction only (session_replication_role: the bench connects as the database's owner).
 */
async function removeEarlierOutreach(client: pg.Client, runnerId: string): Promise<number> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL session_replication_role = replica`);
    const shifts = `SELECT id FROM outreach_shift WHERE created_by_id = $1`;
    const contacts = `SELECT id FROM outreach_contact WHERE shift_id IN (${shifts})`;
    await client.query(`DELETE FROM outreach_contact_supply WHERE contact_id IN (${contacts})`, [runnerId]);
    await client.query(`DELETE FROM outreach_contact_kind WHERE contact_id IN (${contacts})`, [runnerId]);
    const { rowCount } = await client.query(`DELETE FROM outreach_contact WHERE shift_id IN (${shifts})`, [runnerId]);
    await client.query(`DELETE FROM outreach_shift_platform WHERE shift_id IN (${shifts})`, [runnerId]);
    await client.query(`DELETE FROM outreach_shift_staff WHERE shift_id IN (${shifts})`, [runnerId]);
    await client.query(`DELETE FROM outreach_shift WHERE created_by_id = $1`, [runnerId]);
    await client.query('COMMIT');
    return rowCount ?? 0;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** Prepares the kept dataset for a run and returns the account to act as. */
export async function prepareRun(client: pg.Client, log: (m: string) => void, now = new Date()): Promise<Runner> {
  const runner = await benchAccount(client, RUNNER);
  const removed = await removeEarlierVisits(client, runner.id);
  if (removed) log(`removed ${removed.toLocaleString('en-CA')} visits left by the previous run`);
  const contacts = await removeEarlierOutreach(client, runner.id);
  if (contacts) log(`removed ${contacts.toLocaleString('en-CA')} outreach contacts left by the previous run`);
  const [today] = dayPlan(createRandom(DATASET.seed).fork('today'), { now, days: 1 });
  if (today) {
    // Logged by the runner, so the next run removes them too; the visit trigger keeps the counts.
    await insertVisits(pgExec(client), [today], { seed: hash32(DATASET.seed), namespace: `${DATASET.seed}:today`, staffIds: [runner.id], now });
    log(`logged ${today.visits} visits for today so far (${today.date})`);
  }
  await client.query('ANALYZE visit');
  return runner;
}

/** A live session row for the runner: what a whole sign-in (both steps) creates, for the in-process scenarios. */
export async function openSession(client: pg.Client, runnerId: string): Promise<string> {
  const sid = randomUUID();
  await client.query(
    `INSERT INTO auth_session (id, user_id, session_version, second_factor_at) SELECT $1, id, session_version, now() FROM staff_user WHERE id = $2`,
    [sid, runnerId],
  );
  return sid;
}
