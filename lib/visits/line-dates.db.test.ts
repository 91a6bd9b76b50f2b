import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { logVisit, updateVisit } from './mutations.ts';
import { makeParticipant, serviceTypeIds } from './test-helpers.ts';
import { fixClock } from '@/lib/calendar/index.ts';

// Each service line carries its visit's program date (the funder report reads lines by it): the
// database fills it whatever writes the line, and a visit's date cannot change under its lines.

async function lineDates(visitId: string): Promise<{ date: string; visit: string }[]> {
  const { rows } = await (
    await rawClient()
  ).query<{ date: string; visit: string }>(
    `SELECT vs.visit_date::text AS date, v.visit_date::text AS visit FROM visit_service vs JOIN visit v ON v.id = vs.visit_id WHERE vs.visit_id = $1`,
    [visitId],
  );
  return rows;
}

describe('service lines’ dates', () => {
  it('are the visit’s date, for lines logged in one statement and lines added later through Prisma', async () => {
    const author = await makeActor('coordinator');
    const t = await serviceTypeIds();
    const person = await makeParticipant(author);
    fixClock('2026-11-20T19:00:00Z');
    // 00:30 on 1 November in Vancouver: under BC's permanent UTC−7 that is 07:30 UTC, an hour the
    // old rules (and a stock PostgreSQL's tzdata 2025b) still put on 31 October.
    const visitedAt = new Date('2026-11-01T07:30:00Z');
    const { visitId } = await logVisit(author, {
      idempotencyKey: randomUUID(),
      participantId: person.id,
      visitedAt,
      services: [{ serviceTypeId: t.shower!, quantity: 1 }],
    });
    await updateVisit(await makeActor('manager'), {
      visitId,
      services: [
        { serviceTypeId: t.shower!, quantity: 1 },
        { serviceTypeId: t.meal!, quantity: 1 },
      ],
    });
    const dates = await lineDates(visitId);
    expect(dates).toHaveLength(2);
    for (const d of dates) expect(d).toEqual({ date: '2026-11-01', visit: '2026-11-01' });
  });

  it('cannot be written wrong, and a visit’s date cannot change', async () => {
    const author = await makeActor('coordinator');
    const t = await serviceTypeIds();
    const { visitId } = await logVisit(author, { idempotencyKey: randomUUID(), participantId: null, services: [{ serviceTypeId: t.shower!, quantity: 1 }] });
    const c = await rawClient();
    const before = await lineDates(visitId);
    await c.query(`UPDATE visit_service SET visit_date = DATE '2000-01-01' WHERE visit_id = $1`, [visitId]);
    expect(await lineDates(visitId)).toEqual(before);
    await expect(c.query(`UPDATE visit SET visit_date = visit_date - 1 WHERE id = $1`, [visitId])).rejects.toMatchObject({
      code: '23514',
      constraint: 'visit_date_fixed',
    });
    await expect(c.query(`INSERT INTO visit_service (visit_id, service_type_id) VALUES (gen_random_uuid(), $1)`, [t.meal])).rejects.toMatchObject({
      code: expect.stringMatching(/^23/),
    });
  });
});
