'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { UnitFormSchema, UnitSchema } from '@/lib/safe-suite/schema.ts';
import { createUnit, updateUnit } from '@/lib/safe-suite/units.ts';

// Safe Suite units in settings; the data layer checks the permission again and judges every value.

function refresh() {
  revalidatePath('/settings/suite-units');
  revalidatePath('/suite');
  revalidatePath('/');
}

export const createUnitAction = defineAction({
  permission: 'settings:manage',
  schema: UnitSchema,
  run: async (actor, input) => {
    await createUnit(actor, input);
    refresh();
    return { message: 'Unit added.' };
  },
});

export const updateUnitAction = defineAction({
  permission: 'settings:manage',
  schema: UnitFormSchema,
  hidden: ['id'],
  run: async (actor, input) => {
    await updateUnit(actor, input);
    refresh();
    return { message: 'Saved.' };
  },
});
