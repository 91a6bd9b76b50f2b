import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '@/lib/db/migrate.ts';
import { freshDatabase, type TestDatabase } from '@/lib/db/test/servers.ts';

// The chain's migration chains the events already in the log, in id order, with the documented
// encoding, so an installation upgraded with years of history verifies from its first event.

const ALL = path.resolve(import.meta.dirname, '../../prisma/migrations');
const CHAIN = '20261208020000_audit_chain';

/** A migrations folder holding every migration before the chain's (and, with `withChain`, the chain's too). */
function migrationsUpTo(dir: string, withChain: boolean) {
  for (const name of readdirSync(ALL)) {
    if (name === 'migration_lock.toml' || name < CHAIN || (withChain && name === CHAIN))
      cpSync(path.join(ALL, name), path.join(dir, name), { recursive: true });
  }
}

/** The documented encoding of one field: 0x00 for NULL, else 0x01, the length as 4 bytes big-endian, the UTF-8 bytes. */
function field(v: string | null): Buffer {
  if (v === null) return Buffer.from([0]);
  const bytes = Buffer.from(v, 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(bytes.length);
  return Buffer.concat([Buffer.from([1]), len, bytes]);
}

const dbs: TestDatabase[] = [];
afterAll(async () => {
  for (const d of dbs) await d.drop();
});

describe('the audit chain migration', () => {
  it('chains the existing events in id order, with the encoding the migration documents', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'lantern-chain-migration-'));
    const db = await freshDatabase();
    dbs.push(db);
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      migrationsUpTo(dir, false);
      await migrate(db.url, { migrationsDir: dir });
      // Id 2 stored before id 1: a migration that chained in storage order (no ORDER BY) would fail.
      await client.query(`INSERT INTO audit_event (id, at, actor_role, action, outcome, entity_type, entity_id, details) VALUES
        (2, '2026-11-21T17:00:01Z', NULL, 'test.second', 'refused', NULL, NULL, NULL)`);
      await client.query(`INSERT INTO audit_event (id, at, actor_role, action, outcome, entity_type, entity_id, details) VALUES
        (1, '2026-11-21T17:00:00.123Z', 'manager', 'test.first', 'ok', 'x', '1', '{"b": [1, "é"], "a": null}')`);
      await client.query(`SELECT setval('audit_event_id_seq', 2)`);
      const stored = await client.query<{ id: string }>('SELECT id FROM audit_event');
      expect(stored.rows.map((r) => r.id)).toEqual(['2', '1']);
      migrationsUpTo(dir, true);
      await migrate(db.url, { migrationsDir: dir });

      const { rows } = await client.query<{ seq: string; event_id: string; prev_hash: Buffer; hash: Buffer }>('SELECT * FROM audit_chain ORDER BY seq');
      expect(rows.map((r) => r.event_id)).toEqual(['1', '2']);
      // Recomputed outside the database from the documented encoding.
      const first = Buffer.concat([
        field('1'),
        field(String(Date.parse('2026-11-21T17:00:00.123Z') * 1000)),
        field(null),
        field('manager'),
        field('test.first'),
        field('ok'),
        field('x'),
        field('1'),
        field('{"a": null, "b": [1, "é"]}'),
      ]);
      const genesis = Buffer.alloc(32);
      expect(rows[0]!.prev_hash).toEqual(genesis);
      expect(rows[0]!.hash.toString('hex')).toBe(
        createHash('sha256')
          .update(Buffer.concat([genesis, first]))
          .digest('hex'),
      );
      expect(rows[1]!.prev_hash).toEqual(rows[0]!.hash);

      // New events chain on from there, at their commit.
      await client.query(`INSERT INTO audit_event (action) VALUES ('test.third')`);
      const [check] = (await client.query(`SELECT * FROM audit_chain_check(0, $1, 100, 100)`, [genesis])).rows;
      expect(check).toMatchObject({ checked: '3', last_event_id: '3', problem: null });
    } finally {
      await client.end();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
