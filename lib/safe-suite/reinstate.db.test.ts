import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { fixClock } from '@/lib/calendar/index.ts';
import { UNDO_MINUTES } from '@/lib/undo-window.ts';
import { changeStay } from './transitions.ts';
import { reinstateStay } from './reinstate.ts';
import { book, expectAppError, makePerson, makeUnit, snapshot } from './test-helpers.ts';

// Undoing a cancellation (issue 21). The clock is held at a fixed instant and moved by hand.
const T0 = new Date('2026-11-20T18:00:00Z');
const after = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

async function cancelled(mode: 'book' | 'request' = 'book') {
  fixClock(T0);
  const outreach = await makeActor('outreach');
  const unit = await makeUnit();
  const person = await makePerson(outreach);
  const { stayId } = await book(outreach, unit.id, person.id, 1, 3, { mode });
  await changeStay(outreach, { stayId, transition: 'cancel' });
  return { outreach, unit, stayId };
}

const stay = (id: string) => db.stay.findUniqueOrThrow({ where: { id }, select: { status: true, closedAt: true, offeredAt: true } });

describe('reinstating a cancelled stay', () => {
  it('within the window: confirmed again, as it was, and audited as its own event', async () => {
    const { outreach, stayId } = await cancelled();
    const coordinator = await makeActor('coordinator');
    fixClock(after(UNDO_MINUTES - 1));
    expect(await reinstateStay(coordinator, { stayId })).toEqual({ status: 'confirmed' });
    expect(await stay(stayId)).toMatchObject({ status: 'confirmed', closedAt: null });
    const events = await db.auditEvent.findMany({ where: { entityId: stayId }, orderBy: { id: 'asc' }, select: { action: true, actorId: true } });
    expect(events.map((e) => e.action)).toEqual(['stay.confirmed', 'stay.cancelled', 'stay.reinstated']);
    expect(events.at(-1)!.actorId).toBe(coordinator.id);
    expect(outreach.id).not.toBe(coordinator.id);
  });

  it('a cancelled request goes back to the waitlist, not to a booking', async () => {
    const { outreach, stayId } = await cancelled('request');
    expect(await reinstateStay(outreach, { stayId }, after(2))).toEqual({ status: 'requested' });
    expect((await stay(stayId)).status).toBe('requested');
  });

  it('after the window: refused plainly, nothing changed', async () => {
    const { outreach, stayId } = await cancelled();
    const before = await snapshot();
    await expectAppError(reinstateStay(outreach, { stayId }, after(UNDO_MINUTES + 1)), 'conflict', /first 15 minutes.*Book the stay again/);
    expect(await snapshot()).toBe(before);
  });

  it('when the unit was booked by someone else meanwhile: refused by the constraint, explained, nothing changed', async () => {
    const { outreach, unit, stayId } = await cancelled();
    const other = await makePerson(outreach);
    await book(outreach, unit.id, other.id, 2, 4);
    const before = await snapshot();
    await expectAppError(reinstateStay(outreach, { stayId }, after(3)), 'conflict', /cannot be reinstated: the unit was booked .* It is taken from/);
    expect(await snapshot()).toBe(before);
  });

  it('a request offered the freed unit loses the offer when the stay is reinstated', async () => {
    fixClock(T0);
    const outreach = await makeActor('outreach');
    const unit = await makeUnit();
    const [a, b] = [await makePerson(outreach), await makePerson(outreach)];
    const { stayId } = await book(outreach, unit.id, a.id, 1, 3);
    const waiting = await book(outreach, unit.id, b.id, 1, 2, { mode: 'request' });
    const { offeredStayId } = await changeStay(outreach, { stayId, transition: 'cancel' });
    expect(offeredStayId).toBe(waiting.stayId);
    await reinstateStay(outreach, { stayId }, after(1));
    expect((await stay(waiting.stayId)).offeredAt).toBeNull();
  });

  it('refuses a stay that is not cancelled, and roles that may not manage stays', async () => {
    const { outreach, stayId } = await cancelled();
    await reinstateStay(outreach, { stayId }, after(1));
    await expectAppError(reinstateStay(outreach, { stayId }, after(2)), 'conflict', /confirmed: only a cancelled stay can be reinstated/);
    await changeStay(outreach, { stayId, transition: 'cancel' });
    for (const role of ['peer', 'admin'] as const) {
      await expectAppError(reinstateStay(await makeActor(role), { stayId }, after(2)), 'forbidden');
    }
    expect((await stay(stayId)).status).toBe('cancelled');
  });
});
