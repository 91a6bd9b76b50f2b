'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { RawFormSchema } from '@/lib/validation.ts';
import { addClosure, createResource, removeClosure, setResourceHours, updateResource } from '@/lib/bookings/resources.ts';
import { createBoardLink, revokeBoardLink } from '@/lib/bookings/board.ts';

// Showers and laundry settings: resources, opening hours, closures and wall-board links.
// `settings:manage` (program managers and IT support); the data layer checks again and judges
// every value, naming the field to answer beside.

function refresh(id?: string) {
  revalidatePath('/settings/resources');
  if (id) revalidatePath(`/settings/resources/${id}`);
  revalidatePath('/bookings');
  revalidatePath('/');
}

export const createResourceAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { id } = await createResource(actor, raw);
    refresh();
    return { message: 'Added. Set its opening hours next: until then it is closed.', data: { id } };
  },
});

export const updateResourceAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { changed } = await updateResource(actor, raw);
    refresh(String(raw.id));
    return { message: changed.length ? 'Saved.' : 'Nothing changed.' };
  },
});

export const setHoursAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await setResourceHours(actor, raw);
    refresh(String(raw.resourceId));
    return { message: 'Opening hours saved. Places already booked keep their times.' };
  },
});

export const addClosureAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { affected } = await addClosure(actor, raw);
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
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await removeClosure(actor, raw);
    refresh();
    return { message: 'Closure removed.' };
  },
});

export const createBoardLinkAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { token } = await createBoardLink(actor, raw);
    revalidatePath('/settings/resources');
    // Returned once, in this response only, to be opened on the wall display; only its hash is kept.
    return { message: 'Board link made.', data: { token } };
  },
});

export const revokeBoardLinkAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await revokeBoardLink(actor, raw);
    revalidatePath('/settings/resources');
    return { message: 'Board link turned off. The screen shows “not found” at its next refresh.' };
  },
});
