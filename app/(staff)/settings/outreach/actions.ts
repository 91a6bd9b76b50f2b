'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { CreateOptionSchema, RenameOptionSchema, SetOptionStatusSchema } from '@/lib/outreach/schema.ts';
import { createOption, renameOption, setOptionStatus } from '@/lib/outreach/options.ts';

// The outreach lists (street zones, online platforms, what happened at a contact). `settings:manage`:
// program managers and IT support (a list of places and platforms holds no participant data). The
// data layer checks the permission again and judges every name.

/** The phone's shift and contact choices read these lists, so every change refreshes it too. */
function refresh() {
  revalidatePath('/settings/outreach');
  revalidatePath('/outreach');
}

export const createOutreachOptionAction = defineAction({
  permission: 'settings:manage',
  schema: CreateOptionSchema,
  run: async (actor, input) => {
    await createOption(actor, input);
    refresh();
    return { message: `${input.name} added at the end of the list.` };
  },
});

export const renameOutreachOptionAction = defineAction({
  permission: 'settings:manage',
  schema: RenameOptionSchema,
  run: async (actor, input) => {
    await renameOption(actor, input);
    refresh();
    return { message: 'Saved.' };
  },
});

export const setOutreachOptionStatusAction = defineAction({
  permission: 'settings:manage',
  schema: SetOptionStatusSchema,
  run: async (actor, input) => {
    await setOptionStatus(actor, input);
    refresh();
    return {
      message: input.status === 'active' ? 'Back in use: the phone offers it again.' : 'Out of use: the phone no longer offers it. Past entries keep it.',
    };
  },
});
