import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { AppError } from '@/lib/errors.ts';
import { addAnonymous, addAttendee } from './attendance.ts';
import { cancelSession } from './sessions.ts';
import { addClosedDay, createProgram, updateProgram } from './programs.ts';
import { listPrograms } from './queries.ts';
import { makePerson, makeProgram, makeSession, programForm, today } from './test-helpers.ts';
import { addDays, localDay, localTime } from '@/lib/calendar/index.ts';

// Two desks adding the same person to a busy breakfast at once: one row, and the others are told
// plainly that the person is already counted. Needs a real server (concurrent transactions).

const plainOnly = (outcomes: PromiseSettledResult<unknown>[], message: RegExp) =>
  outcomes
    .filter((o): o is PromiseRejectedResult => o.status === 'rejected')
    .map((o) => o.reason as unknown)
    .filter((e) => !(e instanceof AppError && message.test(e.userMessage)))
    .map((e) => (e instanceof Error ? e.message : String(e)));

describe.runIf(process.env.TEST_SERVER_URL)('concurrent attendance', () => {
  it('30 adds of one person to one session: exactly one row, the rest "already counted"', async () => {
    const actors = await Promise.all([makeActor('peer'), makeActor('coordinator'), makeActor('manager')]);
    const session = await makeSession((await makeProgram('Breakfast')).id, today());
    const person = await makePerson(actors[0]!);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 30 }, (_, i) => addAttendee(actors[i % 3]!, { sessionId: session.id, participantId: person.id })),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect(plainOnly(outcomes, /^Already counted/)).toEqual([]);
    expect(await db.attendance.count({ where: { sessionId: session.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'attendance.recorded' } })).toBe(1);
  });

  it('20 anonymous +1s at once add up to 20; one press sent ten times adds 1', async () => {
    const peer = await makeActor('peer');
    const session = await makeSession((await makeProgram('Breakfast')).id, today());
    await Promise.all(Array.from({ length: 20 }, () => addAnonymous(peer, { sessionId: session.id, idempotencyKey: randomUUID() })));
    // ...and one press submitted ten times at once counts once.
    const key = randomUUID();
    await Promise.all(Array.from({ length: 10 }, () => addAnonymous(peer, { sessionId: session.id, idempotencyKey: key })));
    expect((await db.programSession.findUniqueOrThrow({ where: { id: session.id }, select: { anonymousCount: true } })).anonymousCount).toBe(21);
  });

  it('a cancel racing adds: either the session is cancelled with no one counted, or people are counted and it is not cancelled', async () => {
    const [peer, manager] = await Promise.all([makeActor('peer'), makeActor('manager')]);
    const session = await makeSession((await makeProgram('Breakfast')).id, today());
    const people = await Promise.all(Array.from({ length: 5 }, () => makePerson(peer)));
    const outcomes = await Promise.allSettled([
      cancelSession(manager, { sessionId: session.id, reason: 'Nurse away' }),
      ...people.map((p) => addAttendee(peer, { sessionId: session.id, participantId: p.id })),
    ]);
    expect(plainOnly(outcomes, /cancelled|Take them off/)).toEqual([]);
    const s = await db.programSession.findUniqueOrThrow({ where: { id: session.id }, select: { status: true, _count: { select: { attendance: true } } } });
    if (s.status === 'cancelled') expect(s._count.attendance).toBe(0);
    else expect(s._count.attendance).toBeGreaterThan(0);
  });

  it('a schedule change while pages generate sessions leaves no session at the old time', async () => {
    const [manager, peer] = await Promise.all([makeActor('manager'), makeActor('peer')]);
    const form = programForm({ start: '23:00', end: '23:30' });
    const { id } = await createProgram(manager, form);
    for (let round = 0; round < 3; round++) {
      const start = round % 2 === 0 ? '22:00' : '23:00';
      await Promise.all([updateProgram(manager, { ...form, id, start }), ...Array.from({ length: 8 }, () => listPrograms(peer))]);
      const future = await db.programSession.findMany({ where: { programId: id, startsAt: { gt: new Date() } }, select: { startsAt: true } });
      expect(new Set(future.map((s) => localTime(s.startsAt)))).toEqual(new Set([start]));
    }
  });

  it('a closed day added while pages generate sessions leaves no session on it', async () => {
    const [manager, peer] = await Promise.all([makeActor('manager'), makeActor('peer')]);
    const { id } = await createProgram(manager, programForm({ start: '23:00', end: '23:30' }));
    for (const weeks of [1, 2, 3]) {
      const day = addDays(today(), 7 * weeks);
      await Promise.all([addClosedDay(manager, { day, reason: 'Holiday' }), ...Array.from({ length: 8 }, () => listPrograms(peer))]);
      const future = await db.programSession.findMany({ where: { programId: id, startsAt: { gt: new Date() } }, select: { startsAt: true } });
      expect(future.map((s) => localDay(s.startsAt))).not.toContain(day);
    }
  });
});
