import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { logVisit, voidVisit } from './mutations.ts';
import { getVisit, listVisitsForDay, todaySummary } from './queries.ts';
import { visitTimelineEntries } from './timeline.ts';
import { makeParticipant, serviceTypeIds } from './test-helpers.ts';
import { fixClock, localDay } from '@/lib/calendar/index.ts';

const log = (
  actor: Awaited<ReturnType<typeof makeActor>>,
  participantId: string | null,
  services: { serviceTypeId: string; quantity: number }[] = [],
  visitedAt?: Date,
) => logVisit(actor, { idempotencyKey: randomUUID(), participantId, services, visitedAt });

describe('todaySummary', () => {
  it('counts today’s visits and people — each named person once, each anonymous visit as one — leaving out voided visits and other days', async () => {
    const desk = await makeActor('coordinator');
    const [robin, kit] = [await makeParticipant(desk, { alias: 'Robin' }), await makeParticipant(desk, { alias: 'Kit' })];
    await log(desk, robin.id);
    await log(desk, robin.id); // came back in the afternoon
    await log(desk, kit.id);
    await log(desk, null);
    await log(desk, null);
    const wrong = await log(desk, kit.id);
    await voidVisit(desk, { visitId: wrong.visitId, reason: 'Logged twice' });
    await log(desk, robin.id, [], new Date(Date.now() - 2 * 86_400_000));
    const summary = await todaySummary(await makeActor('peer'));
    expect(summary).toEqual({ date: localDay(new Date()), visits: 5, people: 4, named: 2, anonymous: 2 });
  });

  it('draws the day in Vancouver: 23:30 there is still “today” though it is tomorrow in UTC', async () => {
    const desk = await makeActor('coordinator');
    fixClock('2026-11-22T09:00:00Z'); // 02:00 on the 22nd in Vancouver (UTC−7)
    const lateEvening = new Date('2026-11-22T06:30:00Z'); // 23:30 on the 21st in Vancouver
    const { visitId } = await log(desk, null, [], lateEvening);
    const { rows } = await (await rawClient()).query(`SELECT visit_date::text AS day FROM visit WHERE id = $1`, [visitId]);
    expect(rows).toEqual([{ day: '2026-11-21' }]);
    expect((await todaySummary(desk, new Date('2026-11-21T18:00:00Z'))).visits).toBe(1);
    expect((await todaySummary(desk, new Date('2026-11-22T09:00:00Z'))).visits).toBe(0);
  });

  it('is refused to IT support', async () => {
    await expectAppError(todaySummary(await makeActor('admin')), 'forbidden');
  });
});

describe('listVisitsForDay and getVisit', () => {
  it('lists today’s visits latest first with alias, code and services in the desk’s order; voided ones muted and not changeable', async () => {
    const desk = await makeActor('coordinator');
    const t = await serviceTypeIds();
    const robin = await makeParticipant(desk, { alias: 'Robin', code: 'KQ7-M4N' });
    const first = await log(
      desk,
      robin.id,
      [
        { serviceTypeId: t.naloxone!, quantity: 2 },
        { serviceTypeId: t.shower!, quantity: 1 },
      ],
      new Date(Date.now() - 60_000),
    );
    const second = await log(desk, null);
    await voidVisit(desk, { visitId: second.visitId, reason: 'Test' });
    const rows = await listVisitsForDay(desk);
    expect(rows.map((r) => r.id)).toEqual([second.visitId, first.visitId]);
    expect(rows[1]).toMatchObject({
      participant: { id: robin.id, alias: 'Robin', code: 'KQ7-M4N' },
      voided: false,
      mayChange: true,
      services: [
        { name: 'Shower', quantity: 1, kind: 'service' },
        { name: 'Naloxone kit', quantity: 2, kind: 'supply', unit: 'kit' },
      ],
    });
    expect(rows[0]).toMatchObject({ participant: null, voided: true, voidReason: 'Test', mayChange: false });
    // Someone else at the desk sees the visit but may not change it.
    const other = await listVisitsForDay(await makeActor('peer'));
    expect(other[1]).toMatchObject({ mayChange: false });
  });

  it('opens one visit with who logged it and what this person may do; an unknown or malformed id is not found', async () => {
    const desk = await makeActor('coordinator', { displayName: 'Jo Desk' });
    const { visitId } = await log(desk, null);
    expect(await getVisit(desk, visitId)).toMatchObject({ id: visitId, loggedBy: 'Jo Desk', mayEdit: true, mayChange: true, refusal: null });
    const peer = await getVisit(await makeActor('peer'), visitId);
    expect(peer).toMatchObject({ mayEdit: false, mayChange: false, refusal: expect.stringMatching(/Only the person who logged/) });
    for (const bad of [randomUUID(), 'not-an-id', 42]) await expectAppError(getVisit(desk, bad), 'not_found', /visit was not found/);
    await expectAppError(listVisitsForDay(await makeActor('admin')), 'forbidden');
  });
});

describe('visitTimelineEntries', () => {
  it('gives a person’s visits, newest first, voided ones muted with their reason, linked to the visit', async () => {
    const desk = await makeActor('coordinator');
    const t = await serviceTypeIds();
    const robin = await makeParticipant(desk);
    const older = await log(
      desk,
      robin.id,
      [
        { serviceTypeId: t.meal!, quantity: 1 },
        { serviceTypeId: t.condoms!, quantity: 3 },
      ],
      new Date(Date.now() - 86_400_000),
    );
    const newer = await log(desk, robin.id);
    await log(desk, null);
    await voidVisit(desk, { visitId: newer.visitId, reason: 'Wrong person' });
    // Peers see none of a person's past visits (issue 17); roles with participant:history do.
    expect(await visitTimelineEntries(await makeActor('peer'), robin.id)).toEqual([]);
    const entries = await visitTimelineEntries(await makeActor('outreach'), robin.id);
    expect(entries).toEqual([
      { at: expect.any(Date), kind: 'visit', title: 'Drop-in visit', href: `/visits/${newer.visitId}`, muted: true, detail: 'Voided: Wrong person' },
      { at: expect.any(Date), kind: 'visit', title: 'Drop-in visit: Meal or food, Condoms ×3', href: `/visits/${older.visitId}` },
    ]);
  });

  it('gives nothing to IT support, or for a malformed id', async () => {
    const desk = await makeActor('coordinator');
    const robin = await makeParticipant(desk);
    await log(desk, robin.id);
    expect(await visitTimelineEntries(await makeActor('admin'), robin.id)).toEqual([]);
    expect(await visitTimelineEntries(desk, 'robin')).toEqual([]);
    expect(await db.visit.count()).toBe(1);
  });
});
