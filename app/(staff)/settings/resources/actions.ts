'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { BoardLinkIdSchema, BoardLinkSchema } from '@/lib/bookings/schema.ts';
import { ClosureIdSchema, ClosureSchema, CreateResourceSchema, HoursFormSchema, UpdateResourceSchema } from '@/lib/bookings/resource-schema.ts';
import { addClosure, createResource, removeClosure, setResourceHours, updateResource } from '@/lib/bookings/resources.ts';
import { createBoardLink, revokeBoardLink } from '@/lib/bookings/board.ts';

// Showers and laundry settings: resources, opening hours, closures and wall-board links.
// `settings:manage` (program managers and IT support). Each form's fields are judged here
// (lib/bookings/resource-schema.ts) and again by the data layer; ids are hidden inputs, so a
// refusal naming one is the form's.

function refresh(id?: string) {
  revalidatePath('/settings/resources');
  if (id) revalidatePath(`/settings/resources/${id}`);
  revalidatePath('/bookings');
  revalidatePath('/');
}

export const createResourceAction = defineAction({
  permission: 'settings:manage',
  schema: CreateResourceSchema,
  run: async (actor, input) => {
    const { id } = await createResource(actor, input);
    refresh();
    return { message: 'Added. Set its opening hours next: until then it is closed.', data: { id } };
  },
});

export const updateResourceAction = defineAction({
  permission: 'settings:manage',
  schema: UpdateResourceSchema,
  hidden: ['id'],
  run: async (actor, input) => {
    const { changed } = await updateResource(actor, input);
    refresh(input.id);
    return { message: changed.length ? 'Saved.' : 'Nothing changed.' };
  },
});

export const setHoursAction = defineAction({
  permission: 'settings:manage',
  schema: HoursFormSchema,
  hidden: ['resourceId'],
  run: async (actor, input) => {
    await setResourceHours(actor, input);
    refresh(input.resourceId);
    return { message: 'Opening hours saved. Places already booked keep their times.' };
  },
});

export const addClosureAction = defineAction({
  permission: 'settings:manage',
  schema: ClosureSchema,
  run: async (actor, input) => {
    const { affected } = await addClosure(actor, input);
    refresh();
    return {
      message: affected
        ? `Closure added. ${affected} place${affected === 1 ? ' is' : 's are'} already booked in it: move or cancel ${affected === 1 ? 'it' : 'them'} on the bookings page.`
        : 'Closure added.',
    };
  },
});

export const removeClosureAction = defineAction({
  permission: 'settings:manage',
  schema: ClosureIdSchema,
  hidden: true, // the Remove button
  run: async (actor, input) => {
    await removeClosure(actor, input);
    refresh();
    return { message: 'Closure removed.' };
  },
});

export const createBoardLinkAction = defineAction({
  permission: 'settings:manage',
  schema: BoardLinkSchema,
  run: async (actor, input) => {
    const { token } = await createBoardLink(actor, input);
    revalidatePath('/settings/resources');
    // Returned once, in this response only, to be opened on the wall display; only its hash is kept.
    return { message: 'Board link made.', data: { token } };
  },
});

export const revokeBoardLinkAction = defineAction({
  permission: 'settings:manage',
  schema: BoardLinkIdSchema,
  hidden: true, // the Turn off button
  run: async (actor, input) => {
    await revokeBoardLink(actor, input);
    revalidatePath('/settings/resources');
    return { message: 'Board link turned off. The screen shows “not found” at its next refresh.' };
  },
});
