import { describe, expect, it } from 'vitest';
import { CreateStaySchema, LogEntrySchema, STAY_NOT_FOUND, StayTransitionSchema, UnitFormSchema, UnitSchema, UnitUpdateSchema } from './schema.ts';

// The Safe Suite forms' schemas, used at the actions' edge and again by the data layer: a refusal
// names the form's own field, and what the edge hands on passes the second check unchanged.

const ID = '7d0f1a56-2a7e-4c1e-9a53-0f2d1c3b4a5e';
const first = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? null : { path: r.error!.issues[0]!.path.join('.'), message: r.error!.issues[0]!.message };

describe('CreateStaySchema', () => {
  const form = {
    idempotencyKey: ID,
    unitId: ID,
    participantId: ID.toUpperCase(),
    startDate: '2026-11-21',
    startTime: '15:00',
    endDate: '2026-11-23',
    endTime: '11:00',
  };

  it('books by default, and hands on values its second check takes unchanged', () => {
    const parsed = CreateStaySchema.parse(form);
    expect(parsed).toMatchObject({ mode: 'book', participantId: ID });
    expect(CreateStaySchema.parse(parsed)).toEqual(parsed);
  });

  it('refuses a bad time, date or button on that field', () => {
    expect(first(CreateStaySchema.safeParse({ ...form, endTime: 'noon' }))).toEqual({ path: 'endTime', message: 'Enter a time, like 15:00.' });
    expect(first(CreateStaySchema.safeParse({ ...form, startDate: '2026-02-30' }))).toMatchObject({ path: 'startDate' });
    expect(first(CreateStaySchema.safeParse({ ...form, mode: 'squat' }))).toMatchObject({ path: 'mode' });
  });
});

describe('the stay forms', () => {
  it('refuses an unknown status button and a missing stay on their hidden inputs', () => {
    expect(first(StayTransitionSchema.safeParse({ stayId: ID, transition: 'evict' }))).toMatchObject({ path: 'transition' });
    expect(first(StayTransitionSchema.safeParse({ transition: 'cancel' }))).toEqual({ path: 'stayId', message: STAY_NOT_FOUND });
  });

  it('wants the text of a handover note, beside the note', () => {
    expect(first(LogEntrySchema.safeParse({ stayId: ID, kind: 'handover', text: '  ' }))).toEqual({ path: 'text', message: 'Write the handover note.' });
    expect(LogEntrySchema.parse({ stayId: ID, kind: 'welfare_check' })).toEqual({ stayId: ID, kind: 'welfare_check', text: '' });
  });
});

describe('UnitFormSchema', () => {
  it('reads an unticked "In use" box (sent as nothing) as out of use, which the data layer then keeps', () => {
    const parsed = UnitFormSchema.parse({ id: ID, name: 'Suite 2' });
    expect(parsed.active).toBe(false);
    expect(UnitUpdateSchema.parse(parsed).active).toBe(false);
    expect(UnitFormSchema.parse({ id: ID, name: 'Suite 2', active: 'on' }).active).toBe(true);
  });

  it('refuses a name with markup beside the name', () => {
    expect(first(UnitSchema.safeParse({ name: '<b>x</b>', active: 'on' }))).toEqual({ path: 'name', message: 'Remove the < and > characters.' });
  });
});
