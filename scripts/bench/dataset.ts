import { createHash } from 'node:crypto';
import { subDays } from 'date-fns';
import pg from 'pg';
import { NICKNAMES, varyNickname } from '../../prisma/seed/generate/aliases.ts';
import { dayPlan, scalePlan, type PlanDay } from '../../prisma/seed/generate/day-plan.ts';
import { participantRows } from '../../prisma/seed/generate/participant-rows.ts';
import { insertParticipants, withoutSensitive } from '../../prisma/seed/generate/participant-sql.ts';
import { createRandom, hash32, type Random } from '../../prisma/seed/generate/random.ts';
import { buildFeatures } from './features.ts';
import { insertVisits, PARTICIPANT_STATS_SQL, VISIT_TRIGGER_OFF_SQL, VISIT_TRIGGER_ON_SQL, type Exec } from '../../prisma/seed/generate/visit-sql.ts';
import { addDays, localDay } from '../../lib/calendar/index.ts';

// The benchmark's dataset: 50,000 participants and 1,000,000 drop-in visits (with their services)
// over five years up to a fixed "now", and the other features' records at the same scale
// (features.ts), built with set-based SQL. Everything derives from the seed, so two builds are
// identical. A change here must change DATASET (its digest versions the database).

export const DATASET = {
  seed: 'lantern-bench-1',
  participants: 50_000,
  visits: 1_000_000,
  days: 1826,
  now: '2026-11-20T23:00:00.000Z', // a Friday, 16:00 in Vancouver (UTC−7)
  shape: 4, // bump when the generators change in a way the numbers above do not show
} as const;

/**
 * The benchmark's encryption key, derived from the seed: the dataset's bad date reports are
 * encrypted with it and the benchmark's app reads them with it. It protects invented text only.
 */
export const BENCH_ENCRYPTION_KEY = createHash('sha256').update(`${DATASET.seed}:encryption`).digest('base64');

/** The staff who logged the dataset's visits and recorded consent (nobody can sign in as them). */
export const DESK_STAFF = [
  ['coordinator', 2],
  ['peer', 3],
  ['outreach', 1],
  ['manager', 1],
] as const;

export function pgExec(client: pg.Client): Exec {
  return async (sql, params = []) => {
    await client.query(sql, params);
  };
}

/** The dataset's aliases: nicknames with prefixes, initials and handle digits, many shared. */
export function benchAliases(random: Random, count: number): string[] {
  return Array.from({ length: count }, () => varyNickname(random, random.pick(NICKNAMES)));
}

export function benchPlan(): PlanDay[] {
  const random = createRandom(DATASET.seed);
  return scalePlan(dayPlan(random.fork('days'), { now: new Date(DATASET.now), days: DATASET.days }), DATASET.visits);
}

async function insertStaff(client: pg.Client, random: Random): Promise<{ workers: string[]; desk: string[] }> {
  const workers: string[] = [];
  const desk: string[] = [];
  for (const [role, count] of DESK_STAFF) {
    for (let i = 1; i <= count; i++) {
      const id = random.uuid();
      await client.query(
        `INSERT INTO staff_user (id, email, display_name, role, password_hash, must_change_password, updated_at)
         VALUES ($1, $2, $3, $4, 'no sign-in', true, now())`,
        [id, `desk-${role}-${i}@bench.example.org`, `Desk ${role} ${i}`, role],
      );
      desk.push(id);
      if (role !== 'peer') workers.push(id);
    }
  }
  return { workers, desk };
}

/** Builds the whole dataset into a freshly migrated, empty database. */
export async function buildDataset(client: pg.Client, log: (m: string) => void): Promise<void> {
  const random = createRandom(DATASET.seed);
  const now = new Date(DATASET.now);
  const exec = pgExec(client);
  const { workers, desk } = await insertStaff(client, random.fork('staff'));

  let started = Date.now();
  const rows = participantRows(random.fork('participants'), {
    aliases: benchAliases(random.fork('aliases'), DATASET.participants),
    staffIds: workers,
    from: subDays(now, DATASET.days),
    to: now,
    sensitiveShare: 0,
  });
  await insertParticipants(exec, withoutSensitive(rows), 5_000, (done) =>
    log(`participants ${done.toLocaleString('en-CA')} / ${rows.length.toLocaleString('en-CA')}`),
  );
  log(`participants loaded in ${seconds(started)}`);

  started = Date.now();
  const plan = benchPlan();
  // One transaction: the per-visit trigger is off only inside it, and the counts are set once at the end.
  await client.query('BEGIN');
  await exec(VISIT_TRIGGER_OFF_SQL);
  let done = 0;
  for (let i = 0; i < plan.length; i += 40) {
    const days = plan.slice(i, i + 40);
    await insertVisits(exec, days, { seed: hash32(DATASET.seed), namespace: DATASET.seed, staffIds: desk, now });
    done += days.reduce((sum, d) => sum + d.visits, 0);
    log(`visits ${done.toLocaleString('en-CA')} / ${DATASET.visits.toLocaleString('en-CA')} (${seconds(started)})`);
  }
  log('visit counts and last visits per participant');
  await exec(PARTICIPANT_STATS_SQL);
  await exec(VISIT_TRIGGER_ON_SQL);
  await client.query('COMMIT');
  log(`visits loaded in ${seconds(started)}`);

  const today = localDay(now);
  await buildFeatures(client, random.fork('features'), { seed: DATASET.seed, from: addDays(today, -(DATASET.days - 1)), to: today, staffIds: desk }, log);

  started = Date.now();
  log('VACUUM ANALYZE');
  await client.query('VACUUM ANALYZE');
  log(`vacuumed in ${seconds(started)}`);
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}
