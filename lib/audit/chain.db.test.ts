import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { recordAudit } from './record.ts';
import { latestVerification, verifyAuditChainNow } from './verification.ts';
import { recordAsCommand, verifyChain } from './test-helpers.ts';

// The audit chain: every event gets one entry at commit, concurrent writers leave one unbroken
// chain, and what an owner does around the append-only triggers is found and named. The walk is
// SQL's (audit_chain_verify); verifyChain here runs it as the owner, without recording.

/** n events, each in its own transaction through the app's audit function; their ids in order. */
async function write(n: number): Promise<bigint[]> {
  for (let i = 0; i < n; i++) {
    await db.$transaction((tx) => recordAudit(tx, null, 'test.event', { entityType: 'x', entityId: String(i), details: { i } }));
  }
  return (await db.auditEvent.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((e) => e.id);
}

/** Runs SQL as the owner in replica mode, which skips the append-only and chain triggers (and foreign keys). */
async function asOwnerAround(sql: string | string[], params: unknown[] = []): Promise<void> {
  const c = await rawClient();
  await c.query('SET session_replication_role = replica');
  try {
    for (const statement of [sql].flat()) await c.query(statement, params);
  } finally {
    await c.query('SET session_replication_role = DEFAULT');
  }
}

async function seqOf(eventId: bigint): Promise<bigint> {
  const { rows } = await (await rawClient()).query<{ seq: string }>('SELECT seq FROM audit_chain WHERE event_id = $1', [eventId]);
  return BigInt(rows[0]!.seq);
}

describe('audit chain', () => {
  it('verifies an empty log as intact', async () => {
    expect(await verifyChain()).toEqual({ ok: true, entries: 0, head: null, broken: null });
  });

  it('gives every event of 50 concurrent transactions one entry, in one unbroken chain', async () => {
    const actor = await makeActor('coordinator');
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        db.$transaction(
          async (tx) => {
            await recordAudit(tx, actor, 'test.first', { entityType: 'x', entityId: String(i) });
            await recordAudit(tx, actor, 'test.second', { entityType: 'x', entityId: String(i), details: { i, tags: ['a', 'b'], none: null } });
          },
          { maxWait: 30_000, timeout: 30_000 },
        ),
      ),
    );
    const count = async () =>
      (
        await (
          await rawClient()
        ).query<{ events: number; entries: number; chained: number; pending: number }>(
          `SELECT (SELECT count(*) FROM audit_event)::int AS events, count(*)::int AS entries, count(DISTINCT event_id)::int AS chained,
              (SELECT count(*) FROM audit_chain_pending)::int AS pending FROM audit_chain`,
        )
      ).rows[0]!;
    // A commit that found the lock taken leaves its events pending for the next one: none is lost.
    const after = await count();
    expect(after).toMatchObject({ events: 100 });
    expect(after.entries + after.pending).toBe(100);
    expect(after.chained).toBe(after.entries);
    // A verification chains whatever still waits, then walks the chain.
    expect(await recordAsCommand()).toMatchObject({ ok: true, entries: 100 });
    expect(await count()).toEqual({ events: 100, entries: 100, chained: 100, pending: 0 });
    const result = await verifyChain({ batchSize: 7 });
    expect(result).toMatchObject({ ok: true, entries: 100, broken: null });
    expect(result.head?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  // Two transactions at once need a real server: the embedded one runs one transaction at a time.
  it.runIf(process.env.TEST_SERVER_URL)('never makes a commit wait for another holding the chain: its events wait instead, chained by the next', async () => {
    await write(1);
    const holder = await rawClient();
    await holder.query('BEGIN');
    await holder.query('SELECT 1 FROM audit_chain_head WHERE id = 1 FOR UPDATE'); // as a commit in progress would
    try {
      const started = Date.now();
      await db.$transaction((tx) => recordAudit(tx, null, 'test.while_held'), { timeout: 10_000 });
      expect(Date.now() - started).toBeLessThan(5_000); // it used to wait until the holder committed
      const pending = await holder.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_chain_pending');
      expect(pending.rows[0]!.n).toBe(1);
    } finally {
      await holder.query('COMMIT');
    }
    await write(1); // gets the lock: chains the waiting event, then its own
    const { rows } = await holder.query<{ action: string }>('SELECT e.action FROM audit_chain c JOIN audit_event e ON e.id = c.event_id ORDER BY c.seq');
    expect(rows.map((r) => r.action)).toEqual(['test.event', 'test.while_held', 'test.event']);
    expect((await holder.query('SELECT count(*)::int AS n FROM audit_chain_pending')).rows[0]).toEqual({ n: 0 });
    expect(await verifyChain()).toMatchObject({ ok: true, entries: 3, broken: null });
  });

  it('chains nothing for a transaction that rolls back', async () => {
    await write(2);
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, null, 'test.rolled_back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    await write(1);
    expect(await verifyChain()).toMatchObject({ ok: true, entries: 3 });
  });

  it('refuses to write audit events in a REPEATABLE READ transaction, where the chain head could be stale', async () => {
    await expect(db.$transaction((tx) => recordAudit(tx, null, 'test.event'), { isolationLevel: 'RepeatableRead' })).rejects.toThrow(/READ COMMITTED/);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('finds a row the owner changed with the append-only trigger disabled, and names it', async () => {
    const ids = await write(5);
    const c = await rawClient();
    await c.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update');
    try {
      await c.query(`UPDATE audit_event SET details = '{"i": 99}' WHERE id = $1`, [ids[2]]);
    } finally {
      await c.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update');
    }
    const result = await verifyChain({ batchSize: 2 });
    expect(result).toMatchObject({ ok: false, entries: 3, broken: { problem: 'changed', eventId: ids[2], seq: await seqOf(ids[2]!) } });
    expect(result.head?.eventId).toBe(ids[1]);
  });

  it('finds a row whose time alone moved by a millisecond', async () => {
    const ids = await write(3);
    await asOwnerAround(`UPDATE audit_event SET at = at + interval '1 millisecond' WHERE id = $1`, [ids[0]]);
    expect((await verifyChain()).broken).toMatchObject({ problem: 'changed', eventId: ids[0] });
  });

  it('finds a deleted row whose chain entry stayed', async () => {
    const ids = await write(4);
    const seq = await seqOf(ids[1]!);
    await asOwnerAround('DELETE FROM audit_event WHERE id = $1', [ids[1]]);
    const result = await verifyChain();
    expect(result.broken).toEqual({ problem: 'event_missing', eventId: ids[1], seq });
    expect(result.head?.eventId).toBe(ids[0]); // the last intact entry, in the same batch as the break
  });

  it('finds a row deleted with its chain entry at the entry after it', async () => {
    const ids = await write(4);
    await asOwnerAround(['DELETE FROM audit_chain WHERE event_id = $1', 'DELETE FROM audit_event WHERE id = $1'], [ids[1]]);
    expect((await verifyChain()).broken).toMatchObject({ problem: 'out_of_order', eventId: ids[2] });
  });

  it('finds chain entries put in another order', async () => {
    const ids = await write(4);
    const [a, b] = [await seqOf(ids[1]!), await seqOf(ids[2]!)];
    await asOwnerAround(
      ['UPDATE audit_chain SET seq = -seq WHERE seq IN ($1, $2)', 'UPDATE audit_chain SET seq = CASE -seq WHEN $1 THEN $2 ELSE $1 END WHERE seq < 0'],
      [a, b],
    );
    expect((await verifyChain()).broken).toMatchObject({ problem: 'out_of_order', eventId: ids[2], seq: a });
  });

  it('finds a row inserted without a chain entry, and names it', async () => {
    await write(2);
    await asOwnerAround(`INSERT INTO audit_event (action, outcome) VALUES ('test.slipped_in', 'ok')`);
    const slipped = (await db.auditEvent.findFirstOrThrow({ where: { action: 'test.slipped_in' } })).id;
    await write(1);
    expect(await verifyChain()).toMatchObject({ ok: false, entries: 3, broken: { problem: 'unchained', eventId: slipped, seq: null } });
  });

  it("finds the newest rows removed with their entries, against the last verification's head", async () => {
    const ids = await write(4);
    const before = await recordAsCommand(); // the operator's command, as the owner
    await asOwnerAround(['DELETE FROM audit_chain WHERE event_id >= $1', 'DELETE FROM audit_event WHERE id >= $1'], [ids[3]]);
    expect((await verifyChain()).broken).toEqual({ problem: 'head_lost', eventId: ids[3], seq: before.head!.seq });
  });

  it('keeps the chain append-only, for the owner too', async () => {
    await write(1);
    await recordAsCommand();
    const c = await rawClient();
    await expect(c.query(`UPDATE audit_chain SET hash = prev_hash`)).rejects.toThrow(/audit_chain is append-only/);
    await expect(c.query(`DELETE FROM audit_chain`)).rejects.toThrow(/append-only/);
    await expect(c.query(`TRUNCATE audit_chain`)).rejects.toThrow(/append-only/);
    await expect(c.query(`DELETE FROM audit_verification`)).rejects.toThrow(/audit_verification is append-only/);
  });
});

describe('verifying from the audit page', () => {
  it("records the result as the acting manager's, and shows it as the latest", async () => {
    const manager = await makeActor('manager');
    await write(3);
    const result = await verifyAuditChainNow(manager);
    expect(result).toMatchObject({ ok: true, entries: 3 });
    const latest = await latestVerification(manager);
    expect(latest).toMatchObject({ ok: true, entries: 3, headHash: result.head!.hash, via: 'page', problem: null });
    const event = await db.auditEvent.findFirstOrThrow({ where: { action: 'audit.chain_verified' } });
    expect(event).toMatchObject({ actorId: manager.id, outcome: 'ok', entityType: 'audit', details: { via: 'page', entries: 3, headHash: result.head!.hash } });
    // The verification's own event is chained like any other.
    expect(await verifyChain()).toMatchObject({ ok: true, entries: 4 });
  });

  it('records a break as failed, naming the row', async () => {
    const admin = await makeActor('admin');
    const ids = await write(2);
    await asOwnerAround(`UPDATE audit_event SET outcome = 'refused' WHERE id = $1`, [ids[0]]);
    await verifyAuditChainNow(admin);
    expect(await latestVerification(admin)).toMatchObject({ ok: false, problem: 'changed', brokenEventId: ids[0]!.toString(), entries: 1, headHash: null });
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: 'audit.chain_verified' } })).toMatchObject({ outcome: 'failed' });
  });

  it('is refused to roles without audit:read', async () => {
    const coordinator = await makeActor('coordinator');
    await expect(verifyAuditChainNow(coordinator)).rejects.toThrow();
    await expect(latestVerification(coordinator)).rejects.toThrow();
    expect(await latestVerification(await makeActor('manager'))).toBeNull();
  });
});
