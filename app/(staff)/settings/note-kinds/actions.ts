'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { CreateNoteKindSchema, SetNoteKindStatusSchema } from '@/lib/participants/notes-schema.ts';
import { createNoteKind, setNoteKindStatus } from '@/lib/participants/note-kinds.ts';

// The kinds of participant note. `settings:manage`: program managers and IT support (a list of
// kind names holds no participant data). The data layer checks the permission again.

export const createNoteKindAction = defineAction({
  permission: 'settings:manage',
  schema: CreateNoteKindSchema,
  run: async (actor, input) => {
    await createNoteKind(actor, input);
    revalidatePath('/settings/note-kinds');
    return { message: `${input.name} added at the end of the list.` };
  },
});

export const setNoteKindStatusAction = defineAction({
  permission: 'settings:manage',
  schema: SetNoteKindStatusSchema,
  run: async (actor, input) => {
    await setNoteKindStatus(actor, input);
    revalidatePath('/settings/note-kinds');
    return { message: input.status === 'active' ? 'Back in use.' : 'Out of use: new entries cannot choose it. Past entries keep it.' };
  },
});
