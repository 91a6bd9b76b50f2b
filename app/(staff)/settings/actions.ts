'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { SettingsFormSchema } from '@/lib/settings/schema.ts';
import { updateSettings } from '@/lib/settings/mutations.ts';

export const saveSettingsAction = defineAction({
  permission: 'settings:manage',
  schema: SettingsFormSchema,
  run: async (actor, input) => {
    const { changed } = await updateSettings(actor, input);
    // Settings such as the idle sign-out are read by the shared layout.
    revalidatePath('/', 'layout');
    return { message: changed.length ? 'Settings saved.' : 'Nothing changed.' };
  },
});
