'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { addAnonymous, addAttendee, removeAttendee, saveSessionDetails } from '@/lib/programs/attendance.ts';
import { addOneOffSession, cancelSession, moveSession } from '@/lib/programs/sessions.ts';
import { AddAnonymousSchema, AttendeeSchema, CancelSessionSchema, MoveSessionSchema, OneOffSchema, SessionDetailsSchema } from '@/lib/programs/schema.ts';

// Attendance (`attendance:record`: anyone at the desk, peers too) and session changes
// (`program:manage`). The data layer checks again and judges every value.

function refresh(sessionId?: string) {
  revalidatePath('/programs', 'layout');
  if (sessionId) revalidatePath(`/programs/sessions/${sessionId}`);
}

/** Posted by the search-and-add box, which sends ids only: every refusal is the box's own answer. */
export const addAttendeeAction = defineAction({
  permission: 'attendance:record',
  schema: AttendeeSchema,
  hidden: true,
  run: async (actor, input) => {
    const who = await addAttendee(actor, input);
    refresh(input.sessionId);
    return { message: `Counted: ${who.alias} · ${who.code}.` };
  },
});

export const removeAttendeeAction = defineAction({
  permission: 'attendance:record',
  schema: AttendeeSchema,
  hidden: true, // a "Take off" button
  run: async (actor, input) => {
    await removeAttendee(actor, input);
    refresh(input.sessionId);
    return { message: 'Taken off this session.' };
  },
});

export const addAnonymousAction = defineAction({
  permission: 'attendance:record',
  idempotent: true, // its key: Save again counts the person once
  schema: AddAnonymousSchema,
  hidden: true, // a "+1" button: even "the headcount is full" is said for the button
  run: async (actor, input) => {
    const { anonymousCount, duplicate } = await addAnonymous(actor, input);
    refresh(input.sessionId);
    return {
      message: duplicate ? `Counted once. ${anonymousCount} without a name.` : `Added one. ${anonymousCount} without a name.`,
      data: { anonymousCount: String(anonymousCount) },
    };
  },
});

export const saveSessionDetailsAction = defineAction({
  permission: 'attendance:record',
  schema: SessionDetailsSchema,
  hidden: ['sessionId'],
  run: async (actor, input) => {
    await saveSessionDetails(actor, input);
    refresh(input.sessionId);
    return { message: 'Saved.' };
  },
});

export const addOneOffAction = defineAction({
  permission: 'program:manage',
  schema: OneOffSchema,
  hidden: ['programId'],
  run: async (actor, input) => {
    const { id } = await addOneOffSession(actor, input);
    refresh(id);
    return { message: 'Session added.', data: { id } };
  },
});

export const moveSessionAction = defineAction({
  permission: 'program:manage',
  schema: MoveSessionSchema,
  hidden: ['sessionId'],
  run: async (actor, input) => {
    await moveSession(actor, input);
    refresh(input.sessionId);
    return { message: 'Session moved.' };
  },
});

export const cancelSessionAction = defineAction({
  permission: 'program:manage',
  schema: CancelSessionSchema,
  hidden: ['sessionId'],
  run: async (actor, input) => {
    await cancelSession(actor, input);
    refresh(input.sessionId);
    return { message: 'Session cancelled. It stays on the list, marked cancelled.' };
  },
});
