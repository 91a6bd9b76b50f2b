import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { logVisit, type LogVisitInput } from './mutations.ts';
import { makeParticipant, serviceTypeIds } from './test-helpers.ts';
import { localDay } from '@/lib/calendar/index.ts';

const visitFor = (participantId: string | null, services: LogVisitInput['services'] = [], extra: Partial<LogVisitInput> = {}): LogVisitInput => ({
  idempotencyKey: randomUUID(),
  participantId,
  services,
  ...extra,
});

describe('logVisit', () => {
  it('logs a visit with its services on the program’s day, counts it on the person, and audits ids only', async () => {
    const desk = await makeActor('coordinator');
    const robin = await makeParticipant(desk, { alias: 'Robin Wren' });
    const t = await serviceTypeIds();
    const { visitId, duplicate } = await logVisit(
      desk,
      visitFor(robin.id, [
        { serviceTypeId: t.shower!, quantity: 1 },
        { serviceTypeId: t.naloxone!, quantity: 2 },
      ]),
    );
    expect(duplicate).toBe(false);
    const visit = await db.visit.findUniqueOrThrow({
      where: { id: visitId },
      select: { participantId: true, createdById: true, visitedAt: true, visitDate: true, services: { select: { serviceTypeId: true, quantity: true } } },
    });
    expect(visit.participantId).toBe(robin.id);
    expect(visit.createdById).toBe(desk.id);
    expect(Date.now() - visit.visitedAt.getTime()).toBeLessThan(10_000);
    const vancouverToday = localDay(new Date());
    expect(visit.visitDate.toISOString().slice(0, 10)).toBe(vancouverToday);
    expect(visit.services).toEqual(
      expect.arrayContaining([
        { serviceTypeId: t.shower, quantity: 1 },
        { serviceTypeId: t.naloxone, quantity: 2 },
      ]),
    );
    const person = await db.participant.findUniqueOrThrow({ where: { id: robin.id }, select: { visitCount: true, lastSeenAt: true } });
    expect(person).toEqual({ visitCount: 1, lastSeenAt: visit.visitedAt });

    const events = await db.auditEvent.findMany({ select: { action: true, actorId: true, entityType: true, entityId: true, details: true } });
    expect(events).toEqual([
      {
        action: 'visit.logged',
        actorId: desk.id,
        entityType: 'visit',
        entityId: visitId,
        details: { participantId: robin.id, serviceTypeIds: [t.shower, t.naloxone], backdated: false },
      },
    ]);
    expect(JSON.stringify(events)).not.toMatch(/Robin|Wren|robin/);
  });

  it('logs an anonymous visit, and a peer may log one', async () => {
    const peer = await makeActor('peer');
    const t = await serviceTypeIds();
    const { visitId } = await logVisit(peer, visitFor(null, [{ serviceTypeId: t.meal!, quantity: 1 }]));
    expect(await db.visit.findUniqueOrThrow({ where: { id: visitId }, select: { participantId: true } })).toEqual({ participantId: null });
  });

  it('takes an earlier time today, on that time’s program day', async () => {
    const desk = await makeActor('coordinator');
    const earlier = new Date(Date.now() - 3 * 86_400_000);
    const { visitId } = await logVisit(desk, visitFor(null, [], { visitedAt: earlier }));
    const row = await db.visit.findUniqueOrThrow({ where: { id: visitId }, select: { visitedAt: true, visitDate: true } });
    expect(row.visitedAt).toEqual(earlier);
    expect(row.visitDate.toISOString().slice(0, 10)).toBe(localDay(earlier));
    expect((await db.auditEvent.findFirstOrThrow({ select: { details: true } })).details).toMatchObject({ backdated: true });
  });

  it('records one visit for 20 concurrent identical calls (a double click, a retry), and says which were duplicates', async () => {
    const desk = await makeActor('coordinator');
    const robin = await makeParticipant(desk);
    const t = await serviceTypeIds();
    const input = visitFor(robin.id, [{ serviceTypeId: t.shower!, quantity: 1 }]);
    const results = await Promise.all(Array.from({ length: 20 }, () => logVisit(desk, { ...input })));
    expect(new Set(results.map((r) => r.visitId)).size).toBe(1);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(await db.visit.count()).toBe(1);
    expect(await db.visitService.count()).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'visit.logged' } })).toBe(1);
    expect((await db.participant.findUniqueOrThrow({ where: { id: robin.id }, select: { visitCount: true } })).visitCount).toBe(1);
  });

  it('does the same for concurrent anonymous visits', async () => {
    const desk = await makeActor('peer');
    const input = visitFor(null);
    const results = await Promise.all(Array.from({ length: 20 }, () => logVisit(desk, { ...input })));
    expect(results.filter((r) => r.duplicate)).toHaveLength(19);
    expect(await db.visit.count()).toBe(1);
  });

  it('refuses someone else’s idempotency key instead of handing over their visit', async () => {
    const desk = await makeActor('coordinator');
    const other = await makeActor('coordinator');
    const input = visitFor(null);
    await logVisit(desk, input);
    await expectAppError(logVisit(other, input), 'conflict', /expired/);
    expect(await db.visit.count()).toBe(1);
  });

  it('is refused to IT support', async () => {
    const admin = await makeActor('admin');
    await expectAppError(logVisit(admin, visitFor(null)), 'forbidden');
    expect(await db.visit.count()).toBe(0);
  });
});

describe('logVisit refuses bad input with a plain message beside the field, and changes nothing', () => {
  type Case = [string, (ids: { t: Record<string, string>; person: string; gone: string; merged: string }) => unknown, string | undefined, RegExp];
  const CASES: Case[] = [
    ['an unknown participant', () => visitFor(randomUUID()), 'participantId', /participant was not found/],
    ['a participant id that is not an id', () => visitFor('robin'), 'participantId', /participant was not found/],
    ['a participant id of the wrong type', () => ({ ...visitFor(null), participantId: 42 }), 'participantId', /participant was not found/],
    ['no participant at all', () => ({ idempotencyKey: randomUUID(), services: [] }), 'participantId', /Find the participant, or choose Anonymous visit/],
    ['a de-identified person', ({ gone }) => visitFor(gone), 'participantId', /de-identified/],
    ['a merged-away record', ({ merged }) => visitFor(merged), 'participantId', /merged into another/],
    ['an unknown service', ({ person }) => visitFor(person, [{ serviceTypeId: randomUUID(), quantity: 1 }]), 'services', /services was not found/],
    ['a service id of the wrong type', ({ person }) => visitFor(person, [{ serviceTypeId: 7, quantity: 1 } as never]), 'services', /services was not found/],
    ['services that are not a list', ({ person }) => ({ ...visitFor(person), services: 'shower' }), 'services', /services was not found/],
    [
      'the same service twice',
      ({ person, t }) =>
        visitFor(person, [
          { serviceTypeId: t.shower!, quantity: 1 },
          { serviceTypeId: t.shower!, quantity: 1 },
        ]),
      'services',
      /only once/,
    ],
    ['a zero quantity', ({ person, t }) => visitFor(person, [{ serviceTypeId: t.naloxone!, quantity: 0 }]), 'quantity', /from 1 to 500/],
    ['a negative quantity', ({ person, t }) => visitFor(person, [{ serviceTypeId: t.naloxone!, quantity: -2 }]), 'quantity', /from 1 to 500/],
    ['a huge quantity', ({ person, t }) => visitFor(person, [{ serviceTypeId: t.naloxone!, quantity: 1e9 }]), 'quantity', /from 1 to 500/],
    ['a fractional quantity', ({ person, t }) => visitFor(person, [{ serviceTypeId: t.naloxone!, quantity: 1.5 }]), 'quantity', /from 1 to 500/],
    [
      'a quantity of the wrong type',
      ({ person, t }) => visitFor(person, [{ serviceTypeId: t.naloxone!, quantity: '3' as never }]),
      'quantity',
      /from 1 to 500/,
    ],
    ['a quantity on a service', ({ person, t }) => visitFor(person, [{ serviceTypeId: t.shower!, quantity: 2 }]), 'quantity', /counted once per visit/],
    ['a visit in the future', ({ person }) => visitFor(person, [], { visitedAt: new Date(Date.now() + 60_000) }), 'visitedAt', /cannot be in the future/],
    [
      'a visit from last year',
      ({ person }) => visitFor(person, [], { visitedAt: new Date(Date.now() - 400 * 86_400_000) }),
      'visitedAt',
      /more than 31 days old/,
    ],
    ['a time of the wrong type', ({ person }) => ({ ...visitFor(person), visitedAt: '2026-11-21' }), 'visitedAt', /time of the visit/],
    ['a malformed idempotency key', ({ person }) => ({ ...visitFor(person), idempotencyKey: 'again' }), undefined, /expired/],
  ];
  for (const [what, make, field, message] of CASES) {
    it(what, async () => {
      const desk = await makeActor('coordinator');
      const t = await serviceTypeIds();
      const person = (await makeParticipant(desk)).id;
      const gone = (await makeParticipant(desk, { deidentified: true })).id;
      const kept = await makeParticipant(desk);
      const merged = (await makeParticipant(desk)).id;
      await db.participant.update({ where: { id: merged }, data: { mergedIntoId: kept.id, alias: null }, select: { id: true } });
      const before = await db.participant.findMany({ select: { id: true, visitCount: true }, orderBy: { id: 'asc' } });
      const input = make({ t, person, gone, merged });
      const error = await expectAppError(logVisit(desk, input as LogVisitInput), 'invalid', message);
      expect(field === 'quantity' ? error.field?.split('.')[0] : error.field).toBe(field);
      expect(await db.visit.count()).toBe(0);
      expect(await db.visitService.count()).toBe(0);
      expect(await db.auditEvent.count()).toBe(0);
      expect(await db.participant.findMany({ select: { id: true, visitCount: true }, orderBy: { id: 'asc' } })).toEqual(before);
    });
  }

  it('refuses a service no longer offered', async () => {
    const desk = await makeActor('coordinator');
    const t = await serviceTypeIds();
    await db.serviceType.update({ where: { id: t.laundry! }, data: { active: false }, select: { id: true } });
    await expectAppError(logVisit(desk, visitFor(null, [{ serviceTypeId: t.laundry!, quantity: 1 }])), 'invalid', /Laundry is no longer offered/, 'services');
    expect(await db.visit.count()).toBe(0);
  });
});

describe('the database itself', () => {
  it('refuses to delete a visit, and a quantity outside 1–500', async () => {
    const desk = await makeActor('coordinator');
    const t = await serviceTypeIds();
    const { visitId } = await logVisit(desk, visitFor(null, [{ serviceTypeId: t.condoms!, quantity: 3 }]));
    const sql = await rawClient();
    await expect(sql.query('DELETE FROM visit WHERE id = $1', [visitId])).rejects.toThrow(/voided, not deleted/);
    await expect(sql.query('UPDATE visit_service SET quantity = 501 WHERE visit_id = $1', [visitId])).rejects.toThrow(/visit_service_quantity_check/);
    expect(await db.visit.count()).toBe(1);
  });
});
