import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { AppError } from '@/lib/errors.ts';
import { mergeParticipants } from './merge.ts';
import { logVisit, makeParticipant, waitForBlocked } from './lifecycle-test-helpers.ts';

/**
 * Runs two merges with both transactions in flight at once: every audit insert is held back by a
 * table lock until both are blocked (one on the audit log, the other on the first one's row
 * locks), then released. Without row locks both would see the shared record unmerged.
 */
async function race(...merges: (() => Promise<unknown>)[]) {
  const c = await rawClient();
  await c.query('BEGIN; LOCK TABLE audit_event IN EXCLUSIVE MODE');
  const results = Promise.allSettled(merges.map((m) => m()));
  try {
    await waitForBlocked(2);
  } finally {
    await c.query('COMMIT');
  }
  return results;
}

/** The visit counts must match the visits, whatever the merges did. */
async function expectCountsConsistent() {
  const rows = await db.participant.findMany({ select: { id: true, visitCount: true, mergedIntoId: true } });
  for (const r of rows) {
    expect(r.visitCount).toBe(await db.visit.count({ where: { participantId: r.id, voidedAt: null } }));
    if (r.mergedIntoId) expect(r.visitCount).toBe(0);
  }
}

// Two transactions in flight at once need a real PostgreSQL server (the embedded database runs
// one transaction at a time, so there the race cannot happen and cannot be staged).
describe.runIf(process.env.TEST_SERVER_URL)('two staff merging overlapping pairs at once', () => {
  it('the same record into two others: one merge wins, the other is refused plainly', async () => {
    const [one, two] = [await makeActor('coordinator'), await makeActor('manager')];
    const [a, b, c] = [await makeParticipant(one.id), await makeParticipant(one.id), await makeParticipant(one.id)];
    for (const p of [a, b, b, c]) await logVisit(one.id, p.id);
    const settled = await race(
      () => mergeParticipants(one, { keptId: a.id, mergedId: b.id }),
      () => mergeParticipants(two, { keptId: c.id, mergedId: b.id }),
    );
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = settled.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(AppError);
    expect((refused.reason as AppError).userMessage).toMatch(`Record ${b.code} was already merged`);
    const winner = (await db.participant.findUniqueOrThrow({ where: { id: b.id } })).mergedIntoId;
    expect([a.id, c.id]).toContain(winner);
    expect(await db.visit.count({ where: { participantId: winner! } })).toBe(3);
    expect(await db.auditEvent.count({ where: { action: 'participant.merged' } })).toBe(1);
    await expectCountsConsistent();
  });

  it('two records into each other: no deadlock, exactly one direction happens', async () => {
    const [one, two] = [await makeActor('coordinator'), await makeActor('coordinator')];
    const [a, b] = [await makeParticipant(one.id), await makeParticipant(one.id)];
    for (const p of [a, b, b]) await logVisit(one.id, p.id);
    const settled = await race(
      () => mergeParticipants(one, { keptId: a.id, mergedId: b.id }),
      () => mergeParticipants(two, { keptId: b.id, mergedId: a.id }),
    );
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((settled.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toBeInstanceOf(AppError);
    const merged = await db.participant.findMany({ where: { mergedIntoId: { not: null } }, select: { id: true } });
    expect(merged).toHaveLength(1);
    await expectCountsConsistent();
    expect(await db.visit.count({ where: { participant: { mergedIntoId: null } } })).toBe(3);
  });
});
