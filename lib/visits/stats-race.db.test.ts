import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { logVisit, makeParticipant, waitForBlocked } from '@/lib/participants/lifecycle-test-helpers.ts';
import { voidVisit } from './mutations.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// The visit trigger keeps each person's visit count, last visit and first visit (the funder
// report's new participants). Two desks changing one person's visits at once must leave them
// matching the visits. Staged with a second connection that holds its change open until the app's
// change is waiting on it. Two transactions in flight at once need a real PostgreSQL server (the
// embedded database runs one at a time, so there the race cannot happen).

let other: pg.Client;
beforeEach(async () => {
  other = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await other.connect();
});
afterEach(async () => {
  await other.end();
});

/** Runs `sql` in `other`'s open transaction, then `change` until it waits on that transaction, then commits. */
async function whileHeld(sql: string, params: unknown[], change: () => Promise<unknown>) {
  await other.query('BEGIN');
  await other.query(sql, params);
  const done = change();
  // Awaited after the commit; listened to at once, since it can settle before this connection
  // hears its COMMIT back, and a rejection nobody is listening to yet fails the run.
  done.catch(() => {});
  try {
    await waitForBlocked(1);
  } finally {
    await other.query('COMMIT');
  }
  await done;
}

async function expectStatsMatchVisits(participantId: string) {
  const row = await db.participant.findUniqueOrThrow({ where: { id: participantId }, select: { visitCount: true, firstVisitDate: true } });
  const visits = await db.visit.findMany({ where: { participantId, voidedAt: null }, select: { visitDate: true }, orderBy: { visitDate: 'asc' } });
  expect(row).toEqual({ visitCount: visits.length, firstVisitDate: visits[0]?.visitDate ?? null });
}

describe.runIf(process.env.TEST_SERVER_URL)('two desks changing one person’s visits at once', () => {
  it('two voids: neither visit counts afterwards, and there is no first visit', async () => {
    const manager = await makeActor('manager');
    const person = await makeParticipant(manager.id);
    const first = await logVisit(manager.id, person.id, new Date(Date.now() - 5 * 86_400_000));
    const second = await logVisit(manager.id, person.id, new Date(Date.now() - 2 * 86_400_000));
    await whileHeld(`UPDATE visit SET voided_at = now(), voided_by_id = $2 WHERE id = $1`, [first.id, manager.id], () =>
      voidVisit(manager, { visitId: second.id, reason: 'Logged for the wrong person' }),
    );
    await expectStatsMatchVisits(person.id);
    expect((await db.participant.findUniqueOrThrow({ where: { id: person.id } })).visitCount).toBe(0);
  });

  it('a void while another desk logs a visit: the new visit counts and is the first', async () => {
    const manager = await makeActor('manager');
    const person = await makeParticipant(manager.id);
    const old = await logVisit(manager.id, person.id, new Date(Date.now() - 9 * 86_400_000));
    await whileHeld(
      `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at)
       VALUES (gen_random_uuid(), $1, $3, $4::date, gen_random_uuid(), $2, now())`,
      [person.id, manager.id, programNow(), localDay(programNow())],
      () => voidVisit(manager, { visitId: old.id, reason: 'Logged twice' }),
    );
    await expectStatsMatchVisits(person.id);
    expect((await db.participant.findUniqueOrThrow({ where: { id: person.id } })).visitCount).toBe(1);
  });
});
