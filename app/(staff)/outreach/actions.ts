'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { resumeShift, ResumeShiftSchema } from '@/lib/outreach/resume.ts';

// Outreach entries travel through the phone's queue (app/api/outreach/entries). A resume does not:
// it is the undo of an end the server already holds, said online (lib/outreach/resume.ts says why).

export const resumeShiftAction = defineAction({
  permission: 'outreach:log',
  schema: ResumeShiftSchema,
  hidden: true, // the undo notice's one button
  run: async (actor, input) => {
    await resumeShift(actor, input);
    revalidatePath('/outreach');
    return { message: 'Shift resumed.' };
  },
});
