'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action.ts';
import { dismissNotices } from '@/lib/staff/notices.ts';

// Any signed-in person dismisses their own notices of changes to staff accounts (never another's).
export const dismissNoticesAction = defineAction({
  permission: 'signed-in',
  schema: z.object({ upTo: z.string().max(20) }),
  run: async (actor, { upTo }) => {
    await dismissNotices(actor, upTo);
    revalidatePath('/', 'layout');
  },
});
