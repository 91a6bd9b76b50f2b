import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/session.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { mergeParticipants } from '@/lib/participants/merge.ts';
import { logVisit, voidVisit } from './mutations.ts';
import { makeParticipant } from './test-helpers.ts';

// The funder report counts a person as new in the month of their first visit that counts (not
// voided): participant.first_visit_date, which the visit trigger keeps whatever changes the visits.

async function one(sql: string, id: string): Promise<string | null> {
  const { rows } = await (await rawClient()).query<{ d: string | null }>(sql, [id]);
  return rows[0]!.d;
}
const firstVisit = (participantId: string) => one('SELECT first_visit_date::text AS d FROM participant WHERE id = $1', participantId);
const dateOf = (visitId: string) => one('SELECT visit_date::text AS d FROM visit WHERE id = $1', visitId);

/** A visit logged now for `daysAgo` days ago (the desk may log up to 31 days back). */
async function visitAgo(by: Actor, participantId: string, daysAgo: number): Promise<string> {
  const visitedAt = new Date(Date.now() - daysAgo * 86_400_000);
  return (await logVisit(by, { idempotencyKey: randomUUID(), participantId, visitedAt, services: [] })).visitId;
}

describe('a participant’s first visit', () => {
  it('is the earliest visit logged, even one logged later for an earlier day', async () => {
    const desk = await makeActor('coordinator');
    const person = await makeParticipant(desk);
    expect(await firstVisit(person.id)).toBeNull();
    const first = await visitAgo(desk, person.id, 10);
    expect(await firstVisit(person.id)).toBe(await dateOf(first));
    await visitAgo(desk, person.id, 2);
    expect(await firstVisit(person.id)).toBe(await dateOf(first));
    const earlier = await visitAgo(desk, person.id, 20);
    expect(await firstVisit(person.id)).toBe(await dateOf(earlier));
  });

  it('leaves out voided visits: voiding the first moves it to the next, voiding all clears it', async () => {
    const desk = await makeActor('coordinator');
    const manager = await makeActor('manager');
    const person = await makeParticipant(desk);
    const first = await visitAgo(desk, person.id, 15);
    const second = await visitAgo(desk, person.id, 5);
    await voidVisit(manager, { visitId: first, reason: 'Logged for the wrong person' });
    expect(await firstVisit(person.id)).toBe(await dateOf(second));
    await voidVisit(manager, { visitId: second, reason: 'Logged twice' });
    expect(await firstVisit(person.id)).toBeNull();
  });

  it('follows the visits when two records are merged', async () => {
    const manager = await makeActor('manager');
    const kept = await makeParticipant(manager);
    const merged = await makeParticipant(manager);
    await visitAgo(manager, kept.id, 3);
    const earliest = await visitAgo(manager, merged.id, 25);
    await mergeParticipants(manager, { keptId: kept.id, mergedId: merged.id });
    expect(await firstVisit(kept.id)).toBe(await dateOf(earliest));
    expect(await firstVisit(merged.id)).toBeNull();
  });

  it('is not set by a visit inserted already voided', async () => {
    const desk = await makeActor('coordinator');
    const person = await makeParticipant(desk);
    await (
      await rawClient()
    ).query(
      `INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, updated_at, voided_at, voided_by_id)
       VALUES (gen_random_uuid(), $1, now(), DATE '2026-06-01', $2, $3, now(), now(), $3)`,
      [person.id, randomUUID(), desk.id],
    );
    expect(await firstVisit(person.id)).toBeNull();
  });
});
