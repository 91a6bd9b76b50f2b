import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { mergeParticipants } from '@/lib/participants/merge.ts';
import { timelineFor } from '@/lib/timeline/sources.ts';
import { addAttendee } from './attendance.ts';
import { generateSessions } from './generate.ts';
import { addClosedDay, createProgram, updateProgram } from './programs.ts';
import { listPrograms } from './queries.ts';
import { addOneOffSession, cancelSession, moveSession } from './sessions.ts';
import { expectAppError, makePerson, makeProgram, makeSession, programForm, today } from './test-helpers.ts';
import { addDays, isoWeekday, localDay, localTime } from '@/lib/calendar/index.ts';

const upcoming = (programId: string) =>
  db.programSession.findMany({
    where: { programId, startsAt: { gt: new Date() } },
    orderBy: { startsAt: 'asc' },
    select: { id: true, startsAt: true, status: true },
  });

describe('programs and their sessions', () => {
  it('saving a program generates its coming 8 weeks once, however often pages are viewed', async () => {
    const manager = await makeActor('manager');
    const { id } = await createProgram(manager, programForm({ start: '23:00', end: '23:30' }));
    const sessions = await upcoming(id);
    expect(sessions.length).toBeGreaterThanOrEqual(8);
    expect(sessions.every((s) => localTime(s.startsAt) === '23:00' && isoWeekday(localDay(s.startsAt)) === isoWeekday(today()))).toBe(true);
    await Promise.all([listPrograms(manager), listPrograms(await makeActor('peer')), generateSessions(db, new Date())]);
    expect(await upcoming(id)).toHaveLength(sessions.length);
  });

  it('a schedule change lays out untouched future sessions again and keeps cancelled and moved ones', async () => {
    const manager = await makeActor('manager');
    const form = programForm({ start: '23:00', end: '23:30' });
    const { id } = await createProgram(manager, form);
    const [first, second, third] = await upcoming(id);
    await cancelSession(manager, { sessionId: first!.id, reason: 'Nurse away' });
    await moveSession(manager, { sessionId: second!.id, day: addDays(localDay(second!.startsAt), 1), start: '12:00', end: '13:00' });
    const { changed } = await updateProgram(manager, { ...form, id, start: '22:00' });
    expect(changed).toEqual(['startMin']);
    const after = await upcoming(id);
    expect(after.find((s) => s.id === first!.id)?.status).toBe('cancelled');
    expect(after.find((s) => s.id === second!.id)).toBeTruthy();
    expect(after.find((s) => s.id === third!.id)).toBeUndefined();
    expect(after.filter((s) => localTime(s.startsAt) === '22:00').length).toBeGreaterThanOrEqual(6);
    expect((await updateProgram(manager, { ...form, id, start: '22:00' })).changed).toEqual([]);
  });

  it('a closed day removes that day’s untouched sessions and none comes back', async () => {
    const manager = await makeActor('manager');
    const { id } = await createProgram(manager, programForm({ start: '23:00', end: '23:30' }));
    const day = addDays(today(), 14);
    expect((await upcoming(id)).some((s) => localDay(s.startsAt) === day)).toBe(true);
    expect(await addClosedDay(manager, { day, reason: 'Holiday' })).toEqual({ dropped: 1 });
    await listPrograms(manager);
    expect((await upcoming(id)).some((s) => localDay(s.startsAt) === day)).toBe(false);
    await expectAppError(addClosedDay(manager, { day, reason: 'Again' }), 'conflict', /already closed/, 'day');
  });

  it('refuses bad program input beside the field, and a taken name', async () => {
    const manager = await makeActor('manager');
    await expectAppError(createProgram(manager, programForm({ name: '' })), 'invalid', /Enter a name/, 'name');
    await expectAppError(createProgram(manager, programForm({ end: '8:00' })), 'invalid', /End after/, 'end');
    await expectAppError(createProgram(manager, programForm({ start: '25:00' })), 'invalid', /like 9:30/, 'start');
    await expectAppError(createProgram(manager, programForm({ activeTo: '2020-01-01' })), 'invalid', /before the first date/, 'activeTo');
    await expectAppError(createProgram(manager, programForm({ weekday: '9' })), 'invalid', /day of the week/, 'weekday');
    await createProgram(manager, programForm({ name: 'Lunch' }));
    await expectAppError(createProgram(manager, programForm({ name: 'Lunch' })), 'conflict', /Another program/, 'name');
    await expectAppError(createProgram(await makeActor('coordinator'), programForm()), 'forbidden');
    await expectAppError(updateProgram(manager, { ...programForm(), id: '00000000-0000-4000-8000-000000000000' }), 'not_found');
    expect(await db.program.count()).toBe(1);
  });

  it('one-off and moved sessions stay within the active dates and off taken times; cancelled ones are kept', async () => {
    const manager = await makeActor('manager');
    const series = await makeProgram('Know your rights', '2026-11-01', '2026-11-30');
    await expectAppError(addOneOffSession(manager, { programId: series.id, day: '2026-12-02', start: '13:00', end: '15:00' }), 'invalid', /outside/, 'day');
    await expectAppError(
      addOneOffSession(manager, { programId: '00000000-0000-4000-8000-000000000000', day: '2026-11-02', start: '13:00', end: '15:00' }),
      'not_found',
    );
    const { id } = await addOneOffSession(manager, { programId: series.id, day: '2026-11-18', start: '13:00', end: '15:00' });
    await expectAppError(
      addOneOffSession(manager, { programId: series.id, day: '2026-11-18', start: '13:00', end: '14:00' }),
      'conflict',
      /already has a session/,
    );
    await expectAppError(moveSession(manager, { sessionId: id, day: '2026-10-30', start: '13:00', end: '15:00' }), 'invalid', /outside/, 'day');
    await expectAppError(cancelSession(manager, { sessionId: id, reason: '' }), 'invalid', /reason/, 'reason');
    await cancelSession(manager, { sessionId: id, reason: 'Facilitator ill' });
    await expectAppError(moveSession(manager, { sessionId: id, day: '2026-11-19', start: '13:00', end: '15:00' }), 'conflict', /cancelled/);
    expect(await db.programSession.findUniqueOrThrow({ where: { id }, select: { status: true, cancelReason: true } })).toEqual({
      status: 'cancelled',
      cancelReason: 'Facilitator ill',
    });
  });
});

describe('attendance on the timeline and in a merge', () => {
  it('shows on the person’s timeline, and a merge moves it, keeping one row where both came', async () => {
    const coordinator = await makeActor('coordinator');
    const program = await makeProgram('Breakfast');
    const both = await makeSession(program.id, today());
    const onlyMerged = await makeSession(program.id, addDays(today(), -7));
    const kept = await makePerson(coordinator);
    const merged = await makePerson(coordinator);
    await addAttendee(coordinator, { sessionId: both.id, participantId: kept.id });
    await addAttendee(coordinator, { sessionId: both.id, participantId: merged.id });
    await addAttendee(coordinator, { sessionId: onlyMerged.id, participantId: merged.id });
    expect((await timelineFor(await makeActor('peer'), merged.id)).entries).toEqual([]); // peers see no past (issue 17)
    const { entries } = await timelineFor(await makeActor('outreach'), merged.id);
    expect(entries.filter((e) => e.kind === 'attendance').map((e) => e.title)).toEqual(['Came to Breakfast', 'Came to Breakfast']);
    await mergeParticipants(coordinator, { keptId: kept.id, mergedId: merged.id });
    const rows = await db.attendance.findMany({ select: { sessionId: true, participantId: true } });
    expect(rows.every((r) => r.participantId === kept.id)).toBe(true);
    expect(rows.map((r) => r.sessionId).sort()).toEqual([both.id, onlyMerged.id].sort());
  });
});
