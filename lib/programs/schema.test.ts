import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  AttendeeSchema,
  MoveSessionSchema,
  OneOffSchema,
  PARTICIPANT_NOT_FOUND,
  ProgramSchema,
  SESSION_NOT_FOUND,
  SessionDetailsSchema,
  UpdateProgramSchema,
} from './schema.ts';

// The actions judge the forms' strings with these schemas and hand what they decoded to the data
// layer, which judges it again: each schema must take its own output back unchanged.

const programId = '2b9f2b7f-1d3e-4c4b-9a55-6f1c0a524e10';
const sessionId = '3c0a52f1-1d3e-4c4b-9a55-2b9f2b7f4e10';
const issue = (schema: z.ZodType, input: object) => {
  const r = schema.safeParse(input);
  return r.success ? null : { path: r.error.issues[0]!.path.join('.'), message: r.error.issues[0]!.message };
};
const again = <S extends z.ZodType>(schema: S, input: object) => {
  const once = schema.parse(input);
  expect(schema.parse(once)).toEqual(once);
  return once;
};

const program = {
  name: 'Tuesday breakfast',
  description: '',
  partner: 'Health authority',
  frequency: 'weekly',
  weekday: '2',
  start: '9:00',
  end: '11:30',
  activeFrom: '2026-11-03',
  activeTo: '',
};

describe('program form', () => {
  it('decodes times to minutes, the day to a number and empty text to null, and takes its own output back', () => {
    expect(again(ProgramSchema, program)).toEqual({
      name: 'Tuesday breakfast',
      description: null,
      partner: 'Health authority',
      frequency: 'weekly',
      weekday: 2,
      start: 540,
      end: 690,
      activeFrom: '2026-11-03',
      activeTo: null,
    });
    expect(again(ProgramSchema, { ...program, end: '24:00' }).end).toBe(1440);
  });

  it('says a bad time or an end before the start beside that field', () => {
    expect(issue(ProgramSchema, { ...program, start: '9h' })).toEqual({ path: 'start', message: 'Enter a start time like 9:30 or 13:00.' });
    expect(issue(ProgramSchema, { ...program, end: '8:00' })).toEqual({ path: 'end', message: 'End after the start time.' });
    expect(issue(ProgramSchema, { ...program, activeTo: '2026-11-01' })).toEqual({ path: 'activeTo', message: 'The last date is before the first date.' });
  });

  it('the edit form carries the program id, refused on its own path, and keeps the checks', () => {
    expect(again(UpdateProgramSchema, { ...program, id: programId.toUpperCase() }).id).toBe(programId);
    expect(issue(UpdateProgramSchema, { ...program, id: 'nope' })?.path).toBe('id');
    expect(issue(UpdateProgramSchema, { ...program, id: programId, end: '9:00' })).toEqual({ path: 'end', message: 'End after the start time.' });
  });
});

describe('session forms', () => {
  it('a one-off or a move decodes its times and takes them back', () => {
    expect(again(OneOffSchema, { programId, day: '2026-11-24', start: '13:00', end: '15:00' })).toMatchObject({ start: 780, end: 900 });
    expect(again(MoveSessionSchema, { sessionId, day: '2026-11-24', start: '09:05', end: '10:00' })).toMatchObject({ start: 545, end: 600 });
    expect(issue(MoveSessionSchema, { sessionId: 'x', day: '2026-11-24', start: '9:00', end: '10:00' })).toEqual({
      path: 'sessionId',
      message: SESSION_NOT_FOUND,
    });
  });

  it('the details form: a headcount (empty is 0), the partner checkbox, optional topics', () => {
    expect(again(SessionDetailsSchema, { sessionId, anonymousCount: '', topics: '' })).toEqual({
      sessionId,
      anonymousCount: 0,
      partnerPresent: false,
      topics: null,
    });
    expect(again(SessionDetailsSchema, { sessionId, anonymousCount: ' 7 ', partnerPresent: 'on', topics: 'Naloxone' })).toEqual({
      sessionId,
      anonymousCount: 7,
      partnerPresent: true,
      topics: 'Naloxone',
    });
    expect(issue(SessionDetailsSchema, { sessionId, anonymousCount: '-1' })).toEqual({ path: 'anonymousCount', message: 'A headcount cannot be below 0.' });
    expect(issue(SessionDetailsSchema, { sessionId, anonymousCount: '2.5' })).toEqual({ path: 'anonymousCount', message: 'Enter a whole number, like 5.' });
  });

  it('adding someone names which id was not found', () => {
    expect(issue(AttendeeSchema, { sessionId, participantId: 'someone' })).toEqual({ path: 'participantId', message: PARTICIPANT_NOT_FOUND });
    expect(issue(AttendeeSchema, { participantId: sessionId })).toEqual({ path: 'sessionId', message: SESSION_NOT_FOUND });
  });
});
