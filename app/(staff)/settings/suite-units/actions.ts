'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { RawFormSchema } from '@/lib/validation.ts';
import { createUnit, updateUnit } from '@/lib/safe-suite/units.ts';

// Safe Suite units in settings; the data layer checks the permission again and judges every value.

function refresh() {
  revalidatePath('/settings/suite-units');
  revalidatePath('/suite');
  revalidatePath('/');
}

export const createUnitAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await createUnit(actor, raw);
    refresh();
    return { message: 'Unit added.' };
  },
});

export const updateUnitAction = defineAction({
  permission: 'settings:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await updateUnit(actor, raw);
    refresh();
    return { message: 'Saved.' };
  },
});
