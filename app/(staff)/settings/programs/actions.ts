'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { addClosedDay, createProgram, removeClosedDay, updateProgram } from '@/lib/programs/programs.ts';
import { ClosedDayIdSchema, ClosedDaySchema, ProgramSchema, UpdateProgramSchema } from '@/lib/programs/schema.ts';

// Program settings: programs and the days every program is closed. Program managers
// (`program:manage`); the data layer checks again and names the field to answer beside.

function refresh() {
  revalidatePath('/settings/programs', 'layout');
  revalidatePath('/programs', 'layout');
}

export const createProgramAction = defineAction({
  permission: 'program:manage',
  schema: ProgramSchema,
  run: async (actor, input) => {
    const { id } = await createProgram(actor, input);
    refresh();
    return { message: 'Program added, with its sessions for the coming weeks.', data: { id } };
  },
});

export const updateProgramAction = defineAction({
  permission: 'program:manage',
  schema: UpdateProgramSchema,
  hidden: ['id'],
  run: async (actor, input) => {
    const { changed } = await updateProgram(actor, input);
    refresh();
    return { message: changed.length ? 'Saved. Sessions already recorded, moved or cancelled keep their times.' : 'Nothing changed.' };
  },
});

export const addClosedDayAction = defineAction({
  permission: 'program:manage',
  schema: ClosedDaySchema,
  run: async (actor, input) => {
    const { dropped } = await addClosedDay(actor, input);
    refresh();
    return { message: dropped ? `Closed day added. ${dropped} session${dropped === 1 ? '' : 's'} on it taken off.` : 'Closed day added.' };
  },
});

export const removeClosedDayAction = defineAction({
  permission: 'program:manage',
  schema: ClosedDayIdSchema,
  hidden: true, // a "Remove" button beside the day
  run: async (actor, input) => {
    await removeClosedDay(actor, input);
    refresh();
    return { message: 'Closed day removed.' };
  },
});
