import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { addAnonymous, addAttendee, removeAttendee, saveSessionDetails } from './attendance.ts';
import { cancelSession } from './sessions.ts';
import { expectAppError, makePerson, makeProgram, makeSession, today } from './test-helpers.ts';
import { addDays } from '@/lib/calendar/index.ts';

async function setup() {
  const peer = await makeActor('peer');
  const program = await makeProgram('Breakfast');
  const session = await makeSession(program.id, today());
  return { peer, program, session };
}

const counts = async (sessionId: string) => {
  const s = await db.programSession.findUniqueOrThrow({
    where: { id: sessionId },
    select: { status: true, anonymousCount: true, _count: { select: { attendance: true } } },
  });
  return { status: s.status, anonymous: s.anonymousCount, named: s._count.attendance };
};

describe('recording attendance', () => {
  it('a peer counts two people and a headcount; the session becomes held; audit holds ids only', async () => {
    const { peer, session } = await setup();
    const a = await makePerson(peer, { alias: 'Juniper' });
    const b = await makePerson(peer);
    expect(await addAttendee(peer, { sessionId: session.id, participantId: a.id })).toMatchObject({ alias: 'Juniper', code: a.code });
    await addAttendee(peer, { sessionId: session.id, participantId: b.id });
    await saveSessionDetails(peer, { sessionId: session.id, anonymousCount: '5', partnerPresent: 'on', topics: 'Naloxone refresher' });
    expect(await addAnonymous(peer, { sessionId: session.id, idempotencyKey: randomUUID() })).toEqual({ anonymousCount: 6, duplicate: false });
    expect(await counts(session.id)).toEqual({ status: 'held', anonymous: 6, named: 2 });
    const audit = await db.auditEvent.findMany({ where: { action: { startsWith: 'attendance.' } }, select: { details: true } });
    expect(audit).toHaveLength(2);
    expect(JSON.stringify(audit)).not.toMatch(/Juniper|Naloxone/);
  });

  it('adding someone twice answers "already counted" and changes nothing', async () => {
    const { peer, session } = await setup();
    const a = await makePerson(peer);
    await addAttendee(peer, { sessionId: session.id, participantId: a.id });
    await expectAppError(addAttendee(peer, { sessionId: session.id, participantId: a.id }), 'conflict', /Already counted/);
    expect((await counts(session.id)).named).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'attendance.recorded' } })).toBe(1);
  });

  it('refuses a cancelled session, a session outside the dates, a future session, unknown ids', async () => {
    const { peer, program } = await setup();
    const person = await makePerson(peer);
    const cancelled = await makeSession(program.id, addDays(today(), -7), { status: 'cancelled' });
    await expectAppError(addAttendee(peer, { sessionId: cancelled.id, participantId: person.id }), 'conflict', /cancelled/);
    await expectAppError(addAnonymous(peer, { sessionId: cancelled.id, idempotencyKey: randomUUID() }), 'conflict', /cancelled/);
    const old = await makeProgram('Old series', '2026-01-01', '2026-02-01');
    const outside = await makeSession(old.id, '2026-03-03');
    await expectAppError(addAttendee(peer, { sessionId: outside.id, participantId: person.id }), 'conflict', /outside the program/);
    const future = await makeSession(program.id, addDays(today(), 7));
    await expectAppError(addAttendee(peer, { sessionId: future.id, participantId: person.id }), 'conflict', /not happened yet/);
    await expectAppError(
      addAttendee(peer, { sessionId: '00000000-0000-4000-8000-000000000000', participantId: person.id }),
      'not_found',
      /session was not found/,
    );
    const open = await makeSession(program.id, today(), { startMin: 600 });
    await expectAppError(
      addAttendee(peer, { sessionId: open.id, participantId: '00000000-0000-4000-8000-000000000000' }),
      'not_found',
      /participant was not found/,
    );
    await expectAppError(addAttendee(peer, { sessionId: open.id, participantId: 'nope' }), 'invalid', /participant was not found/);
    expect(await db.attendance.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('refuses negative, absurd and non-number headcounts beside the field', async () => {
    const { peer, session } = await setup();
    for (const [value, message] of [
      ['-1', /below 0/],
      ['501', /more than 500/],
      ['5000000', /more than 500/],
      ['five', /whole number/],
      ['2.5', /whole number/],
    ] as const) {
      await expectAppError(saveSessionDetails(peer, { sessionId: session.id, anonymousCount: value }), 'invalid', message, 'anonymousCount');
    }
    expect(await counts(session.id)).toEqual({ status: 'scheduled', anonymous: 0, named: 0 });
    await saveSessionDetails(peer, { sessionId: session.id, anonymousCount: '500' });
    await expectAppError(addAnonymous(peer, { sessionId: session.id, idempotencyKey: randomUUID() }), 'invalid', /already 500/);
  });

  it('a double submit of one "+1" counts once; a form without its key is refused plainly', async () => {
    const { peer, session } = await setup();
    const key = randomUUID();
    expect(await addAnonymous(peer, { sessionId: session.id, idempotencyKey: key })).toEqual({ anonymousCount: 1, duplicate: false });
    expect(await addAnonymous(peer, { sessionId: session.id, idempotencyKey: key })).toEqual({ anonymousCount: 1, duplicate: true });
    await expectAppError(addAnonymous(peer, { sessionId: session.id }), 'invalid', /form has expired/);
    expect((await counts(session.id)).anonymous).toBe(1);
  });

  it('takes someone off, and refuses when they were not counted', async () => {
    const { peer, session } = await setup();
    const a = await makePerson(peer);
    await addAttendee(peer, { sessionId: session.id, participantId: a.id });
    await removeAttendee(peer, { sessionId: session.id, participantId: a.id });
    expect((await counts(session.id)).named).toBe(0);
    await expectAppError(removeAttendee(peer, { sessionId: session.id, participantId: a.id }), 'not_found', /not counted/);
  });

  it('a session with people counted cannot be cancelled; the admin role records nothing', async () => {
    const { peer, session } = await setup();
    const manager = await makeActor('manager');
    await addAttendee(peer, { sessionId: session.id, participantId: (await makePerson(peer)).id });
    await expectAppError(cancelSession(manager, { sessionId: session.id, reason: 'Rain' }), 'conflict', /Take them off/);
    await expectAppError(addAnonymous(await makeActor('admin'), { sessionId: session.id, idempotencyKey: randomUUID() }), 'forbidden');
    expect((await counts(session.id)).status).toBe('held');
  });
});

describe('the database itself', () => {
  it('refuses a second row for the same person and session, and any row on a cancelled session', async () => {
    const { peer, program, session } = await setup();
    const person = await makePerson(peer);
    const c = await rawClient();
    const insert = (sessionId: string) =>
      c.query('INSERT INTO attendance (id, session_id, participant_id, created_by_id) VALUES (gen_random_uuid(), $1, $2, $3)', [sessionId, person.id, peer.id]);
    await insert(session.id);
    await expect(insert(session.id)).rejects.toMatchObject({ code: '23505' });
    const cancelled = await makeSession(program.id, addDays(today(), -7), { status: 'cancelled' });
    await expect(insert(cancelled.id)).rejects.toMatchObject({ code: '23514' });
    await expect(
      c.query("UPDATE program_session SET status = 'cancelled', cancelled_at = now(), cancel_reason = 'x' WHERE id = $1", [session.id]),
    ).rejects.toMatchObject({ code: '23514' });
    await expect(c.query('UPDATE program_session SET anonymous_count = 501 WHERE id = $1', [session.id])).rejects.toMatchObject({ code: '23514' });
    await expect(c.query("UPDATE program_session SET status = 'held' WHERE id = $1", [session.id])).resolves.toBeTruthy();
    await expect(c.query('DELETE FROM program_session WHERE id = $1', [cancelled.id])).rejects.toMatchObject({ code: '42501' });
  });
});
