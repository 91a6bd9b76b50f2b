'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { CreateServiceTypeSchema, MoveServiceTypeSchema, SetServiceTypeStatusSchema, UpdateServiceTypeSchema } from '@/lib/services/schema.ts';
import { createServiceType, moveServiceType, setServiceTypeStatus, updateServiceType } from '@/lib/services/mutations.ts';

// The list of services and supplies. `settings:manage`: program managers and IT support (a list
// of what the program offers holds no participant data). The data layer checks again.

/** The quick log (on the Today page) shows the list, so every change refreshes it too. */
function refresh(id?: string) {
  revalidatePath('/settings/services');
  if (id) revalidatePath(`/settings/services/${id}`);
  revalidatePath('/');
}

export const createServiceTypeAction = defineAction({
  permission: 'settings:manage',
  schema: CreateServiceTypeSchema,
  run: async (actor, input) => {
    await createServiceType(actor, input);
    refresh();
    return { message: `${input.name} added at the end of the list.` };
  },
});

export const updateServiceTypeAction = defineAction({
  permission: 'settings:manage',
  schema: UpdateServiceTypeSchema,
  run: async (actor, input) => {
    const { changed } = await updateServiceType(actor, input);
    refresh(input.id);
    return { message: changed.length ? 'Saved.' : 'Nothing changed.' };
  },
});

export const moveServiceTypeAction = defineAction({
  permission: 'settings:manage',
  schema: MoveServiceTypeSchema,
  hidden: true, // Up and Down buttons only
  run: async (actor, input) => {
    const { moved } = await moveServiceType(actor, input);
    refresh();
    return { message: moved ? 'Moved.' : `It is already ${input.direction === 'up' ? 'first' : 'last'}.` };
  },
});

export const setServiceTypeStatusAction = defineAction({
  permission: 'settings:manage',
  schema: SetServiceTypeStatusSchema,
  run: async (actor, input) => {
    await setServiceTypeStatus(actor, input);
    refresh(input.id);
    return {
      message:
        input.status === 'active' ? 'Offered again: it is back in the quick log.' : 'No longer offered: it has left the quick log and stays on past visits.',
    };
  },
});
