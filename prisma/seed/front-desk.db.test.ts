import { describe, expect, it } from 'vitest';
import { ownerDb } from '../../lib/db/test/open-db.ts';
import { db } from '@/lib/db/client.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { decryptSafeContact } from '@/lib/participants/sensitive.ts';
import { noteContext } from '@/lib/participants/notes.ts';
import { decryptField } from '@/lib/crypto/fields.ts';
import { todaySummary } from '@/lib/visits/queries.ts';
import { seedStaff } from './staff.ts';
import { DEMO_PARTICIPANTS, seedParticipants } from './participants.ts';
import { seedVisits } from './visits.ts';
import { seedNotes } from './notes.ts';

// A Wednesday, 13:30 in Vancouver (UTC−7): the drop-in has been open three and a half hours.
const NOW = new Date('2026-11-18T20:30:00Z');

async function seedDemo(now = NOW) {
  await seedStaff(await ownerDb());
  await seedParticipants(await ownerDb(), now);
  await seedNotes(await ownerDb(), now);
  await seedVisits(await ownerDb(), now);
}

async function one<T>(sql: string, params: unknown[] = []): Promise<T> {
  const c = await rawClient();
  return (await c.query(sql, params)).rows[0] as T;
}

/** Everything the seed decides, without the ids that differ run to run (staff accounts). */
async function fingerprint(): Promise<string> {
  const people = await one<{ d: string }>(
    `SELECT md5(string_agg(concat_ws('|', code, alias, gender, birth_year, pronouns, visit_count, first_visit_date, consent_at), ',' ORDER BY code)) AS d FROM participant`,
  );
  const visits = await one<{ d: string }>(`
    SELECT md5(string_agg(concat_ws('|', v.id, p.code, v.visited_at, v.voided_at, s.list), ',' ORDER BY v.id)) AS d
    FROM visit v LEFT JOIN participant p ON p.id = v.participant_id
    LEFT JOIN LATERAL (SELECT string_agg(t.key || 'x' || vs.quantity, ' ' ORDER BY t.key) AS list
      FROM visit_service vs JOIN service_type t ON t.id = vs.service_type_id WHERE vs.visit_id = v.id) s ON true`);
  return `${people.d}/${visits.d}`;
}

describe('demo seed: participants and drop-in visits', () => {
  it('loads a realistic five months of drop-in, today included', async () => {
    await seedDemo();
    const p = await one<{ n: number; aliases: number; asked: number; declined: number }>(`
      SELECT count(*)::int AS n, count(DISTINCT alias)::int AS aliases,
             count(*) FILTER (WHERE birth_year_state = 'answered')::int AS asked, count(*) FILTER (WHERE birth_year_state = 'declined')::int AS declined
      FROM participant`);
    expect(p.n).toBe(DEMO_PARTICIPANTS);
    expect(p.aliases).toBeLessThan(DEMO_PARTICIPANTS); // some people share an alias
    expect(p.asked).toBeGreaterThan(100);
    expect(p.declined).toBeGreaterThan(10);

    const v = await one<{ days: number; per_day: number; anonymous: number; voided: number; sundays: number; first: string }>(`
      SELECT count(DISTINCT visit_date)::int AS days, (count(*)::float / count(DISTINCT visit_date)) AS per_day,
             avg((participant_id IS NULL)::int)::float AS anonymous, count(*) FILTER (WHERE voided_at IS NOT NULL)::int AS voided,
             count(*) FILTER (WHERE extract(dow FROM visit_date) = 0 AND visit_date < '2026-11-18')::int AS sundays,
             min(visit_date)::text AS first
      FROM visit`);
    expect(v.first).toBe('2026-06-20'); // 152 days back, the first of them a Saturday
    expect(v.days).toBeGreaterThan(120);
    expect(v.per_day).toBeGreaterThan(25);
    expect(v.per_day).toBeLessThan(45);
    expect(v.anonymous).toBeGreaterThan(0.1);
    expect(v.anonymous).toBeLessThan(0.2);
    expect(v.voided).toBeGreaterThan(3);
    expect(v.sundays).toBe(0);
    // Every voided visit's reason is sealed (encrypted); none waits in clear.
    const words = await one<{ sealed: number; waiting: number }>(`
      SELECT count(*) FILTER (WHERE void_reason_enc IS NOT NULL)::int AS sealed, (SELECT count(*)::int FROM free_text_to_seal) AS waiting
      FROM visit WHERE voided_at IS NOT NULL`);
    expect(words).toEqual({ sealed: v.voided, waiting: 0 });

    // What the Today page reads: people already in, all of them before now.
    const today = await todaySummary(await makeActor('peer'), NOW);
    expect(today.date).toBe('2026-11-18');
    expect(today.visits).toBeGreaterThan(5);
    const late = await one<{ n: number }>(`SELECT count(*)::int AS n FROM visit WHERE visited_at >= $1 OR created_at > $1 OR voided_at > $1`, [NOW]);
    expect(late.n).toBe(0);
  });

  it('keeps the counts the visit trigger keeps, and leaves the trigger on', async () => {
    await seedDemo();
    const c = await rawClient();
    const before = await fingerprint();
    await c.query('SELECT participant_refresh_visit_stats(id) FROM participant');
    expect(await fingerprint()).toBe(before);
    const checks = await one<{ before_consent: number; twice_a_day: number }>(`
      SELECT (SELECT count(*)::int FROM visit v JOIN participant p ON p.id = v.participant_id WHERE v.visited_at < p.consent_at) AS before_consent,
             (SELECT count(*)::int FROM (SELECT 1 FROM visit WHERE participant_id IS NOT NULL GROUP BY participant_id, visit_date HAVING count(*) > 1) x) AS twice_a_day`);
    expect(checks).toEqual({ before_consent: 0, twice_a_day: 0 });
    const { id, visit_count } = await one<{ id: string; visit_count: number }>('SELECT id, visit_count FROM participant ORDER BY code LIMIT 1');
    await c.query(
      `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
      SELECT gen_random_uuid(), $1, $2, '2026-11-18', gen_random_uuid(), id, now() FROM staff_user LIMIT 1`,
      [id, NOW],
    );
    expect((await one<{ visit_count: number }>('SELECT visit_count FROM participant WHERE id = $1', [id])).visit_count).toBe(visit_count + 1);
  });

  it('gives the same data for the same seed and day', async () => {
    await seedDemo();
    const first = await fingerprint();
    const c = await rawClient();
    await c.query(
      'SET session_replication_role = replica; TRUNCATE visit_service, visit, participant, staff_user CASCADE; SET session_replication_role = DEFAULT',
    );
    await seedDemo();
    expect(await fingerprint()).toBe(first);
  });

  it('encrypts safe contacts and dated notes so the app can read them back; the old Notes field is moved into entries', async () => {
    await seedDemo();
    const rows = await db.participant.findMany({ where: { safeContactEnc: { not: null } }, select: { id: true, safeContactEnc: true } });
    expect(rows.length).toBeGreaterThan(5);
    for (const row of rows) {
      const text = decryptSafeContact(row.id, row);
      expect(text).toBeTruthy();
      expect(Buffer.from(row.safeContactEnc!).includes(Buffer.from(text!.slice(0, 12)))).toBe(false);
    }
    expect(await db.participant.count({ where: { notesEnc: { not: null } } })).toBe(0);
    const notes = await db.participantNote.findMany({ select: { id: true, textEnc: true, migrated: true, authorId: true } });
    expect(notes.filter((n) => n.migrated).length).toBeGreaterThan(5);
    expect(notes.filter((n) => !n.migrated && n.authorId).length).toBeGreaterThanOrEqual(4);
    for (const n of notes) {
      const text = decryptField(n.textEnc, noteContext(n.id));
      expect(text).toBeTruthy();
      expect(Buffer.from(n.textEnc!).includes(Buffer.from(text!.slice(0, 12)))).toBe(false);
    }
  });

  it('leaves the sensitive fields out when there is no encryption key', async () => {
    const key = process.env.ENCRYPTION_KEY;
    delete process.env.ENCRYPTION_KEY;
    try {
      await seedDemo();
    } finally {
      process.env.ENCRYPTION_KEY = key;
    }
    const n = await one<{ n: number }>('SELECT count(*)::int AS n FROM participant WHERE safe_contact_enc IS NOT NULL OR notes_enc IS NOT NULL');
    expect(n.n).toBe(0);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM participant_note')).n).toBe(0);
    expect((await one<{ n: number }>('SELECT count(*)::int AS n FROM participant')).n).toBe(DEMO_PARTICIPANTS);
  });

  it('has visits on the Today page even before the drop-in opens', async () => {
    const early = new Date('2026-11-18T14:20:00Z'); // 06:20 in Vancouver
    await seedDemo(early);
    const today = await todaySummary(await makeActor('coordinator'), early);
    expect(today.visits).toBeGreaterThan(5);
    const late = await one<{ n: number }>('SELECT count(*)::int AS n FROM visit WHERE visited_at >= $1', [early]);
    expect(late.n).toBe(0);
  });
});
