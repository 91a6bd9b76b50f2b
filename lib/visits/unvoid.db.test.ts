import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { fixClock } from '@/lib/calendar/index.ts';
import { UNDO_MINUTES } from '@/lib/undo-window.ts';
import { logVisit, voidVisit } from './mutations.ts';
import { unvoidVisit } from './unvoid.ts';
import { makeParticipant } from './test-helpers.ts';

// Undoing a void (issue 21). The program clock is held at a fixed instant and moved by hand; the
// visits are logged at that instant.
const T0 = new Date('2026-11-20T18:00:00Z');
const after = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function voided() {
  fixClock(T0);
  const manager = await makeActor('manager');
  const person = await makeParticipant(manager);
  const { visitId } = await logVisit(manager, { idempotencyKey: randomUUID(), participantId: person.id, services: [] });
  await voidVisit(manager, { visitId, reason: 'Logged for the wrong person' });
  return { manager, person, visitId };
}

const row = (id: string) => db.visit.findUniqueOrThrow({ where: { id }, select: { voidedAt: true, voidedById: true, voidReasonEnc: true } });
const visitCount = async (id: string) => (await db.participant.findUniqueOrThrow({ where: { id }, select: { visitCount: true } })).visitCount;

describe('restoring a voided visit', () => {
  it('within the window: counts again, the reason goes with the void, audited as its own event', async () => {
    const { manager, person, visitId } = await voided();
    expect(await visitCount(person.id)).toBe(0);
    await unvoidVisit(manager, { visitId }, after(UNDO_MINUTES - 1));
    expect(await row(visitId)).toEqual({ voidedAt: null, voidedById: null, voidReasonEnc: null });
    expect(await visitCount(person.id)).toBe(1);
    const events = await db.auditEvent.findMany({ where: { entityId: visitId }, orderBy: { id: 'asc' }, select: { action: true, details: true } });
    expect(events.map((e) => e.action)).toEqual(['visit.logged', 'visit.voided', 'visit.unvoided']);
    expect(JSON.stringify(events.at(-1)!.details)).not.toContain('wrong person');
  });

  it('the one who voided it may undo it; after the window nobody can', async () => {
    fixClock(T0);
    const coordinator = await makeActor('coordinator');
    const { visitId } = await logVisit(coordinator, { idempotencyKey: randomUUID(), participantId: null, services: [] });
    await db.visit.update({ where: { id: visitId }, data: { voidedAt: T0, voidedById: coordinator.id } });
    await expectAppError(unvoidVisit(coordinator, { visitId }, after(UNDO_MINUTES + 1)), 'conflict', /first 15 minutes.*Log the visit again/);
    expect((await row(visitId)).voidedAt).toEqual(T0);
    await unvoidVisit(coordinator, { visitId }, after(UNDO_MINUTES));
    expect((await row(visitId)).voidedAt).toBeNull();
  });

  it('refused when the person’s visit was logged again meanwhile (it would count twice), or it is not voided', async () => {
    const { manager, person, visitId } = await voided();
    await logVisit(manager, { idempotencyKey: randomUUID(), participantId: person.id, services: [] });
    await expectAppError(unvoidVisit(manager, { visitId }, after(2)), 'conflict', /count them twice/);
    expect((await row(visitId)).voidedAt).not.toBeNull();
    const other = await voided();
    await unvoidVisit(other.manager, { visitId: other.visitId }, after(1));
    await expectAppError(unvoidVisit(other.manager, { visitId: other.visitId }, after(2)), 'conflict', /not voided/);
  });

  it('refuses someone else at the desk, and roles with no visits to change', async () => {
    const { visitId } = await voided();
    await expectAppError(unvoidVisit(await makeActor('coordinator'), { visitId }, after(1)), 'forbidden', /Only the person who voided/);
    await expectAppError(unvoidVisit(await makeActor('peer'), { visitId }, after(1)), 'forbidden');
    await expectAppError(unvoidVisit(await makeActor('admin'), { visitId }, after(1)), 'forbidden');
    expect((await row(visitId)).voidedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'visit.unvoided' } })).toBe(0);
  });
});
