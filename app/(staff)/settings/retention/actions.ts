'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action.ts';
import { runRetention } from '@/lib/participants/retention.ts';

// A public POST endpoint: defineAction checks the session and `retention:run`; so does runRetention.
export const runRetentionAction = defineAction({
  permission: 'retention:run',
  schema: z.object({ confirm: z.literal('yes', { error: 'Tick the box to confirm.' }) }),
  run: async (actor) => {
    const { count } = await runRetention(actor);
    revalidatePath('/settings/retention');
    return { message: count === 1 ? '1 record was de-identified.' : `${count} records were de-identified.` };
  },
});
