import { describe, expect, it } from 'vitest';
import {
  BookSlotSchema,
  CHOOSE_MOVE,
  CHOOSE_WHAT,
  DeskBookSchema,
  deskBookKeyed,
  MoveFormSchema,
  MoveSchema,
  PARTICIPANT_MISSING,
  WaitlistFormSchema,
} from './schema.ts';

// The booking forms' own schemas (the actions' edge): the pressed button and the move target are
// decoded here, a bad value is refused on the path of the field it belongs to, and what they hand
// on passes the data layer's second check unchanged.

const KEY = '0b8e9f4a-6c1d-4e2f-8a3b-5c6d7e8f9a0b';
const ID = '7d0f1a56-2a7e-4c1e-9a53-0f2d1c3b4a5e';
const PERSON = '3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a9f';
const START = '2026-11-21T09:30:00-08:00';
const first = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? null : { path: r.error!.issues[0]!.path.join('.'), message: r.error!.issues[0]!.message };

describe('DeskBookSchema', () => {
  it('decodes the pressed button into what to do and which kind', () => {
    expect(DeskBookSchema.parse({ mode: 'next:laundry', idempotencyKey: KEY, participantId: 'anonymous', day: '2026-11-21' })).toEqual({
      mode: ['next', 'laundry'],
      idempotencyKey: KEY,
      participantId: null,
    });
    expect(DeskBookSchema.parse({ mode: 'wait:shower', idempotencyKey: KEY, participantId: PERSON, day: '2026-11-21' })).toEqual({
      mode: ['wait', 'shower'],
      participantId: PERSON,
      day: '2026-11-21',
    });
    const slot = DeskBookSchema.parse({ mode: 'slot', idempotencyKey: KEY, participantId: PERSON, resourceId: ID, slotStart: START });
    expect(slot).toMatchObject({ mode: ['slot', null], resourceId: ID });
    expect('slotStart' in slot && slot.slotStart.toISOString()).toBe('2026-11-21T17:30:00.000Z');
  });

  it('refuses an unknown button on `mode`, and each form’s missing field on its own path', () => {
    for (const mode of ['next:sauna', 'later:shower', 'next', '', undefined]) {
      expect(first(DeskBookSchema.safeParse({ mode, idempotencyKey: KEY, participantId: PERSON }))).toEqual({ path: 'mode', message: CHOOSE_WHAT });
    }
    expect(first(DeskBookSchema.safeParse({ mode: 'next:shower', idempotencyKey: KEY, participantId: '' }))).toEqual({
      path: 'participantId',
      message: PARTICIPANT_MISSING,
    });
    expect(first(DeskBookSchema.safeParse({ mode: 'wait:shower', participantId: PERSON }))).toEqual({ path: 'day', message: 'Choose a day.' });
    expect(first(DeskBookSchema.safeParse({ mode: 'slot', idempotencyKey: KEY, participantId: PERSON, resourceId: ID }))).toMatchObject({ path: 'slotStart' });
  });

  it('hands the data layer values its own schema takes again (anonymous as null, the slot as an instant)', () => {
    const slot = DeskBookSchema.parse({ mode: 'slot', idempotencyKey: KEY, participantId: 'anonymous', resourceId: ID, slotStart: START });
    expect(BookSlotSchema.parse(slot)).toEqual(BookSlotSchema.parse({ idempotencyKey: KEY, participantId: 'anonymous', resourceId: ID, slotStart: START }));
  });

  it('says a slot or next-free booking is keyed and a waitlist place is not', () => {
    expect(deskBookKeyed({ mode: 'next:shower', idempotencyKey: KEY, participantId: PERSON })).toBe(true);
    expect(deskBookKeyed({ mode: 'wait:laundry', participantId: PERSON, day: '2026-11-21' })).toBe(false);
    // Judged by the button alone: a form refused for another field still answers an outage by its kind.
    expect(deskBookKeyed({ mode: 'slot', participantId: '' })).toBe(true);
    expect(deskBookKeyed({ mode: 'next:sauna' })).toBe(false);
  });
});

describe('MoveFormSchema', () => {
  it('splits the target into the resource and the slot start', () => {
    const moved = MoveFormSchema.parse({ bookingId: ID, target: `${PERSON}@${START}` });
    expect(moved).toEqual({ bookingId: ID, resourceId: PERSON, slotStart: new Date(START) });
    expect(MoveSchema.parse(moved)).toEqual(moved);
  });

  it('refuses a target without both parts on `target`', () => {
    for (const target of ['', ID, `${ID}@`, `@${START}`, `not-an-id@${START}`, `${ID}@tomorrow`, undefined]) {
      expect(first(MoveFormSchema.safeParse({ bookingId: ID, target }))).toEqual({ path: 'target', message: CHOOSE_MOVE });
    }
  });
});

describe('WaitlistFormSchema', () => {
  it('tells booking from taking off by the button, and wants the key only to book', () => {
    expect(WaitlistFormSchema.parse({ op: 'remove', entryId: ID })).toEqual({ op: 'remove', entryId: ID });
    expect(first(WaitlistFormSchema.safeParse({ op: 'book', entryId: ID }))).toMatchObject({ path: 'idempotencyKey' });
    expect(first(WaitlistFormSchema.safeParse({ op: 'drop', entryId: ID }))).toMatchObject({ path: 'op' });
  });
});
