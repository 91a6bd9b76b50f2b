// Migration 20261208010000 on a database that already holds words in clear: it parks them for
// the app's key, and the seal command encrypts them where the app reads them.
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate.ts';
import { createDb } from '@/lib/db/create.ts';
import { freshDatabase } from '@/lib/db/test/servers.ts';
import { decryptField } from '@/lib/crypto/fields.ts';
import { sealFreeText } from './seal.ts';

const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const THIS_ONE = '20261208010000_free_text_sealed';
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

/** The migrations before this one, as a database upgraded from last week's release has them. */
function migrationsBefore(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-migrations-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of readdirSync(MIGRATIONS)) {
    if (name === 'migration_lock.toml' || name < THIS_ONE) cpSync(path.join(MIGRATIONS, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

const IDS = {
  staff: '00000000-0000-4000-8000-000000000001',
  person: '00000000-0000-4000-8000-000000000002',
  agency: '00000000-0000-4000-8000-000000000003',
  referral: '00000000-0000-4000-8000-000000000004',
  visit: '00000000-0000-4000-8000-000000000005',
};

async function oldRows(c: pg.Client) {
  await c.query(`INSERT INTO staff_user (id, email, display_name, role, password_hash, updated_at) VALUES ($1, 'm@example.org', 'M', 'manager', 'x', now())`, [
    IDS.staff,
  ]);
  await c.query(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at) VALUES ($1, 'K7Q-4M9', 'Robin', now(), $2, $2, now())`,
    [IDS.person, IDS.staff],
  );
  await c.query(`INSERT INTO agency (id, name, categories, updated_at) VALUES ($1, 'A', '{legal_advocacy}', now())`, [IDS.agency]);
  await c.query(
    `INSERT INTO referral (id, participant_id, agency_id, category, reason, referred_on, follow_up_on, staff_id, consent, status_by_id, status_at, idempotency_key, updated_at)
     VALUES ($1, $2, $3, 'legal_advocacy', 'Court date coming up', '2026-11-20', '2026-11-27', $4, 'nothing', $4, now(), gen_random_uuid(), now())`,
    [IDS.referral, IDS.person, IDS.agency, IDS.staff],
  );
  await c.query(
    `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at, voided_at, voided_by_id, void_reason)
     VALUES ($1, $2, now(), '2026-11-20', gen_random_uuid(), $3, now(), now(), $3, 'Logged for the wrong person — Robin')`,
    [IDS.visit, IDS.person, IDS.staff],
  );
}

describe(`migration ${THIS_ONE}`, () => {
  it('keeps no reason in clear: referrals become "other" with their words parked, and sealing encrypts them into place', async () => {
    const database = await freshDatabase();
    cleanup.push(database.drop);
    await migrate(database.url, { migrationsDir: migrationsBefore(), log: () => {} });
    const c = new pg.Client({ connectionString: database.url });
    await c.connect();
    cleanup.push(() => c.end());
    await oldRows(c);

    await migrate(database.url, { log: () => {} });
    const columns = (
      await c.query(`SELECT table_name || '.' || column_name AS c FROM information_schema.columns WHERE column_name IN ('reason', 'void_reason')`)
    ).rows.map((r) => r.c);
    expect(columns.sort()).toEqual(['outreach_shift.void_reason', 'program_closed_day.reason', 'resource_closure.reason']);
    expect((await c.query(`SELECT reason_category::text AS r, reason_detail_enc FROM referral`)).rows).toEqual([{ r: 'other', reason_detail_enc: null }]);
    expect((await c.query(`SELECT table_name, column_name, text FROM free_text_to_seal ORDER BY table_name`)).rows).toEqual([
      { table_name: 'referral', column_name: 'reason_detail_enc', text: 'Court date coming up' },
      { table_name: 'visit', column_name: 'void_reason_enc', text: 'Logged for the wrong person — Robin' },
    ]);

    const operator = createDb(database.url, 1);
    cleanup.push(() => operator.$disconnect());
    expect(await sealFreeText(operator)).toBe(2);
    const referral = (await c.query(`SELECT reason_detail_enc FROM referral`)).rows[0].reason_detail_enc;
    const visit = (await c.query(`SELECT void_reason_enc FROM visit`)).rows[0].void_reason_enc;
    expect(decryptField(referral, `referral:${IDS.referral}:reason_detail`)).toBe('Court date coming up');
    expect(decryptField(visit, `visit:${IDS.visit}:void_reason`)).toBe('Logged for the wrong person — Robin');
    expect((await c.query(`SELECT count(*)::int AS n FROM free_text_to_seal`)).rows[0].n).toBe(0);
  });
});
