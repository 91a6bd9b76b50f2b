import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { createStay } from './create.ts';
import { changeStay } from './transitions.ts';
import { extendStay } from './extend.ts';
import { addLogEntry, readStayLog } from './log.ts';
import { getStay } from './queries.ts';
import { book, dayFromToday, expectAppError, makePerson, makeUnit, moveStay, snapshot, stayInput } from './test-helpers.ts';

const HOUR = 3_600_000;

describe('a stay from booking to check-out', () => {
  it('books, checks in, logs a welfare check (encrypted, audited reading) and checks out early, freeing the rest', async () => {
    const outreach = await makeActor('outreach');
    const person = await makePerson(outreach);
    const unit = await makeUnit();
    const made = await book(outreach, unit.id, person.id, 1, 3);
    expect(made).toMatchObject({ status: 'confirmed', nights: 2, duplicate: false });
    // The stay started an hour ago: it can be checked in.
    const now = Date.now();
    await moveStay(made.stayId, new Date(now - HOUR), new Date(now + 2 * 86_400_000));
    expect((await changeStay(outreach, { stayId: made.stayId, transition: 'check_in' })).status).toBe('checked_in');
    await addLogEntry(outreach, { stayId: made.stayId, kind: 'welfare_check', text: 'Resting, had soup' });
    const raw = await rawClient();
    const { rows } = await raw.query(`SELECT text_enc FROM stay_log_entry`);
    expect(Buffer.from(rows[0].text_enc).toString('utf8')).not.toContain('soup');
    const log = await readStayLog(outreach, { stayId: made.stayId });
    expect(log).toMatchObject([{ kind: 'welfare_check', text: 'Resting, had soup', staff: 'Test outreach' }]);
    expect(await getStay(outreach, made.stayId)).toMatchObject({ status: 'checked_in', overdue: false });

    expect((await changeStay(outreach, { stayId: made.stayId, transition: 'check_out' })).status).toBe('checked_out');
    const after = await db.stay.findUniqueOrThrow({ where: { id: made.stayId } });
    expect(Math.abs(after.endAt.getTime() - Date.now())).toBeLessThan(60_000);
    expect(after.blockedUntil.getTime() - after.endAt.getTime()).toBe(3 * HOUR);
    const actions = await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { action: true, details: true } });
    expect(actions.map((a) => a.action)).toEqual(['stay.confirmed', 'stay.checked_in', 'stay.welfare_checked', 'stay.log_viewed', 'stay.checked_out']);
    expect(JSON.stringify(actions)).not.toMatch(/soup|Robin/);
    // The freed nights can be booked at once (after the turnover).
    const next = await createStay(outreach, stayInput(unit.id, (await makePerson(outreach)).id, 1, 2));
    expect(next.status).toBe('confirmed');
  });

  it('a double submit makes one stay', async () => {
    const outreach = await makeActor('outreach');
    const person = await makePerson(outreach);
    const unit = await makeUnit();
    const input = stayInput(unit.id, person.id, 1, 2);
    const [a, b] = await Promise.all([createStay(outreach, input), createStay(outreach, input)]);
    expect(a.stayId).toBe(b.stayId);
    expect(await db.stay.count()).toBe(1);
  });

  it('a request waits; cancelling the stay in its way offers it, in the order requests were made', async () => {
    const coordinator = await makeActor('coordinator');
    const unit = await makeUnit();
    const [p1, p2, p3] = [await makePerson(coordinator), await makePerson(coordinator), await makePerson(coordinator)];
    const held = await book(coordinator, unit.id, p1.id, 2, 4);
    await expectAppError(
      book(coordinator, unit.id, p2.id, 3, 5),
      'conflict',
      /is not free then\. It is taken from .* The next free time for a stay this long starts/,
    );
    const first = await book(coordinator, unit.id, p2.id, 3, 5, { mode: 'request' });
    const second = await book(coordinator, unit.id, p3.id, 3, 4, { mode: 'request' });
    expect(first.status).toBe('requested');
    await expectAppError(changeStay(coordinator, { stayId: first.stayId, transition: 'confirm' }), 'conflict', /not free then/);
    const cancelled = await changeStay(coordinator, { stayId: held.stayId, transition: 'cancel' });
    expect(cancelled.offeredStayId).toBe(first.stayId);
    expect((await db.stay.findUniqueOrThrow({ where: { id: second.stayId } })).offeredAt).toBeNull();
    await changeStay(coordinator, { stayId: first.stayId, transition: 'confirm' });
    expect((await db.stay.findUniqueOrThrow({ where: { id: first.stayId } })).offeredAt).toBeNull();
  });

  it('a manager approves a stay longer than the maximum, and an extension beyond it; the approval is recorded', async () => {
    const manager = await makeActor('manager');
    const outreach = await makeActor('outreach');
    const unit = await makeUnit();
    const p = await makePerson(manager);
    const long = await book(manager, unit.id, p.id, 1, 6);
    expect(long.nights).toBe(5);
    const short = await book(outreach, unit.id, (await makePerson(outreach)).id, 10, 12);
    await extendStay(outreach, { stayId: short.stayId, endDate: dayFromToday(13), endTime: '11:00' });
    await expectAppError(
      extendStay(outreach, { stayId: short.stayId, endDate: dayFromToday(14), endTime: '11:00' }),
      'invalid',
      /at most 3 nights.*manager/,
      'endDate',
    );
    expect(await extendStay(manager, { stayId: short.stayId, endDate: dayFromToday(15), endTime: '11:00' })).toEqual({ nights: 5, approved: true });
    const approvals = await db.stayExtension.findMany({
      select: { stayId: true, approvedById: true, nights: true, previousEnd: true },
      orderBy: { approvedAt: 'asc' },
    });
    expect(approvals).toMatchObject([
      { stayId: long.stayId, approvedById: manager.id, nights: 5, previousEnd: null },
      { stayId: short.stayId, approvedById: manager.id, nights: 5 },
    ]);
    // Extending into the next stay is refused by the constraint, with the plain message.
    await expectAppError(extendStay(manager, { stayId: long.stayId, endDate: dayFromToday(11), endTime: '11:00' }), 'conflict', /not free then/, 'endDate');
  });
});

describe('bad input: a plain message and nothing changed', () => {
  it('refuses each one', async () => {
    const outreach = await makeActor('outreach');
    const unit = await makeUnit();
    const p = await makePerson(outreach);
    const cancelled = await book(outreach, unit.id, p.id, 1, 2);
    await changeStay(outreach, { stayId: cancelled.stayId, transition: 'cancel' });
    const coming = await book(outreach, unit.id, p.id, 5, 6);
    const before = await snapshot();
    const cases: [() => Promise<unknown>, RegExp, string?][] = [
      [() => book(outreach, unit.id, p.id, 3, 2), /after the arrival/, 'endDate'],
      [() => book(outreach, unit.id, p.id, 3, 3, { endTime: '22:00' }), /at least one night/, 'endDate'],
      [() => book(outreach, unit.id, p.id, 10, 14), /at most 3 nights.*manager/, 'endDate'],
      [() => changeStay(outreach, { stayId: cancelled.stayId, transition: 'check_in' }), /cancelled.*not possible/],
      [() => addLogEntry(outreach, { stayId: coming.stayId, kind: 'welfare_check', text: 'ok' }), /while the guest is in the suite/],
      [() => addLogEntry(outreach, { stayId: coming.stayId, kind: 'handover', text: '' }), /Write the handover note/, 'text'],
      [() => book(outreach, randomUUID(), p.id, 8, 9), /unit was not found/],
      [() => book(outreach, unit.id, randomUUID(), 8, 9), /participant was not found/, 'participantId'],
      [() => book(outreach, unit.id, '', 8, 9), /Find the participant/, 'participantId'],
      [() => book(outreach, unit.id, p.id, 8, 9, { startTime: '25:00' }), /Enter a time/, 'startTime'],
      [() => book(outreach, unit.id, p.id, -3, 1), /arrival has already passed/, 'startDate'],
      [() => changeStay(outreach, { stayId: randomUUID(), transition: 'check_in' }), /stay was not found/],
      [() => changeStay(outreach, { stayId: coming.stayId, transition: 'explode' }), /not possible/],
    ];
    for (const [run, message, field] of cases) await expectAppError(run(), undefined, message, field);
    expect(await snapshot()).toBe(before);
  });

  it('refuses a de-identified or merged participant', async () => {
    const outreach = await makeActor('outreach');
    const unit = await makeUnit();
    const gone = await makePerson(outreach, { deidentified: true });
    await expectAppError(book(outreach, unit.id, gone.id, 1, 2), 'invalid', /de-identified/, 'participantId');
    expect(await db.stay.count()).toBe(0);
  });

  for (const role of ROLES.filter((r) => !roleCan(r, 'stay:manage'))) {
    it(`refuses a ${role} every read and write`, async () => {
      const actor = await makeActor(role);
      const outreach = await makeActor('outreach');
      const unit = await makeUnit();
      const s = await book(outreach, unit.id, (await makePerson(outreach)).id, 1, 2);
      const before = await snapshot();
      await expectAppError(book(actor, unit.id, (await makePerson(outreach)).id, 4, 5), 'forbidden');
      await expectAppError(changeStay(actor, { stayId: s.stayId, transition: 'cancel' }), 'forbidden');
      await expectAppError(extendStay(actor, { stayId: s.stayId, endDate: dayFromToday(3), endTime: '11:00' }), 'forbidden');
      await expectAppError(addLogEntry(actor, { stayId: s.stayId, kind: 'handover', text: 'x' }), 'forbidden');
      await expectAppError(readStayLog(actor, { stayId: s.stayId }), 'forbidden');
      await expectAppError(getStay(actor, s.stayId), 'forbidden');
      expect(await snapshot()).toBe(before);
    });
  }
});
