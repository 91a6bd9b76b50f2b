'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { addAnonymous, addAttendee, removeAttendee, saveSessionDetails } from '@/lib/programs/attendance.ts';
import { addOneOffSession, cancelSession, moveSession } from '@/lib/programs/sessions.ts';
import { RawFormSchema } from '@/lib/programs/schema.ts';

// Attendance (`attendance:record`: anyone at the desk, peers too) and session changes
// (`program:manage`). The data layer checks again and judges every value.

function refresh(sessionId?: string) {
  revalidatePath('/programs', 'layout');
  if (sessionId) revalidatePath(`/programs/sessions/${sessionId}`);
}

export const addAttendeeAction = defineAction({
  permission: 'attendance:record',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const who = await addAttendee(actor, raw);
    refresh(String(raw.sessionId));
    return { message: `Counted: ${who.alias} · ${who.code}.` };
  },
});

export const removeAttendeeAction = defineAction({
  permission: 'attendance:record',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await removeAttendee(actor, raw);
    refresh(String(raw.sessionId));
    return { message: 'Taken off this session.' };
  },
});

export const addAnonymousAction = defineAction({
  permission: 'attendance:record',
  idempotent: true, // its key: Save again counts the person once
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { anonymousCount, duplicate } = await addAnonymous(actor, raw);
    refresh(String(raw.sessionId));
    return { message: duplicate ? `Counted once. ${anonymousCount} without a name.` : `Added one. ${anonymousCount} without a name.`, data: { anonymousCount: String(anonymousCount) } };
  },
});

export const saveSessionDetailsAction = defineAction({
  permission: 'attendance:record',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await saveSessionDetails(actor, raw);
    refresh(String(raw.sessionId));
    return { message: 'Saved.' };
  },
});

export const addOneOffAction = defineAction({
  permission: 'program:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { id } = await addOneOffSession(actor, raw);
    refresh(id);
    return { message: 'Session added.', data: { id } };
  },
});

export const moveSessionAction = defineAction({
  permission: 'program:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await moveSession(actor, raw);
    refresh(String(raw.sessionId));
    return { message: 'Session moved.' };
  },
});

export const cancelSessionAction = defineAction({
  permission: 'program:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await cancelSession(actor, raw);
    refresh(String(raw.sessionId));
    return { message: 'Session cancelled. It stays on the list, marked cancelled.' };
  },
});
