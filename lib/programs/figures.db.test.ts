import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { programFigures } from './figures.ts';
import { expectAppError, makePerson, makeProgram, makeSession } from './test-helpers.ts';

// Hand-counted fixture, November 2026 (program dates, America/Vancouver):
//  Breakfast: Nov 3 held (A, B + 5 anonymous = 7), Nov 10 held (A + 2 = 3), Nov 17 cancelled,
//             Nov 24 scheduled, never recorded (counts nowhere); Oct 27 held (C + 4) and Dec 1 held
//             (B) are outside the range. Nov 30 17:30 local (UTC−7) is 00:30 UTC on Dec 1: inside.
//  → held 3 (Nov 3, Nov 10, Nov 30), cancelled 1, total 7 + 3 + 1 = 11, named 4 (A, B, A, C),
//    anonymous 7, unique named 3 (A, B, C), average 11 / 3 = 3.7.
//  Alumni: one held session with nobody (0 people); Old series ended before November: not listed.
describe('programFigures', () => {
  it('matches the hand count, by program, for a date range', async () => {
    const manager = await makeActor('manager');
    const [a, b, c] = await Promise.all([makePerson(manager), makePerson(manager), makePerson(manager)]);
    const breakfast = await makeProgram('Breakfast');
    const alumni = await makeProgram('Alumni');
    await makeProgram('Old series', '2026-01-01', '2026-06-30');
    const attend = (sessionId: string, ...people: { id: string }[]) =>
      db.attendance.createMany({ data: people.map((p) => ({ sessionId, participantId: p.id, createdById: manager.id })) });
    const s3 = await makeSession(breakfast.id, '2026-11-03', { status: 'held', anonymousCount: 5 });
    await attend(s3.id, a, b);
    const s10 = await makeSession(breakfast.id, '2026-11-10', { status: 'held', anonymousCount: 2 });
    await attend(s10.id, a);
    await makeSession(breakfast.id, '2026-11-17', { status: 'cancelled' });
    await makeSession(breakfast.id, '2026-11-24');
    const s30 = await makeSession(breakfast.id, '2026-11-30', { status: 'held', startMin: 17 * 60 + 30 });
    expect(s30.startsAt.toISOString()).toBe('2026-12-01T00:30:00.000Z');
    await attend(s30.id, c);
    const oct = await makeSession(breakfast.id, '2026-10-27', { status: 'held', anonymousCount: 4 });
    await attend(oct.id, c);
    const dec = await makeSession(breakfast.id, '2026-12-01', { status: 'held' });
    await attend(dec.id, b);
    await makeSession(alumni.id, '2026-11-05', { status: 'held' });

    // As of 25 November: the session of the 24th, never recorded, has passed; none later counts so.
    const figures = await programFigures(manager, { from: '2026-11-01', to: '2026-11-30' }, new Date('2026-11-25T19:00:00Z'));
    expect(figures).toEqual([
      {
        programId: alumni.id,
        programName: 'Alumni',
        sessionsHeld: 1,
        sessionsCancelled: 0,
        sessionsNotRecorded: 0,
        totalAttendance: 0,
        namedAttendance: 0,
        anonymousAttendance: 0,
        uniqueNamedAttendees: 0,
        averagePerSession: 0,
      },
      {
        programId: breakfast.id,
        programName: 'Breakfast',
        sessionsHeld: 3,
        sessionsCancelled: 1,
        sessionsNotRecorded: 1,
        totalAttendance: 11,
        namedAttendance: 4,
        anonymousAttendance: 7,
        uniqueNamedAttendees: 3,
        averagePerSession: 3.7,
      },
    ]);
    const oneDay = await programFigures(manager, { from: '2026-11-03', to: '2026-11-03' });
    expect(oneDay.find((f) => f.programName === 'Breakfast')).toMatchObject({ sessionsHeld: 1, totalAttendance: 7, uniqueNamedAttendees: 2 });
  });

  it('refuses bad ranges plainly, and roles without programs', async () => {
    const manager = await makeActor('manager');
    await expectAppError(programFigures(manager, { from: '2026-11-30', to: '2026-11-01' }), 'invalid', /before the start/);
    await expectAppError(programFigures(manager, { from: '2026-02-30', to: '2026-11-01' }), 'invalid', /dates like/);
    await expectAppError(programFigures(await makeActor('admin'), { from: '2026-11-01', to: '2026-11-30' }), 'forbidden');
  });
});
