'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { createStay } from '@/lib/safe-suite/create.ts';
import { changeStay } from '@/lib/safe-suite/transitions.ts';
import { reinstateStay } from '@/lib/safe-suite/reinstate.ts';
import { CreateStaySchema, ExtendStaySchema, LogEntrySchema, StayIdSchema, StayTransitionSchema } from '@/lib/safe-suite/schema.ts';
import { extendStay } from '@/lib/safe-suite/extend.ts';
import { addLogEntry } from '@/lib/safe-suite/log.ts';
import { STATUS_LABEL } from '@/lib/safe-suite/rules.ts';

// The Safe Suite's actions. Each is a public POST endpoint: defineAction checks the session and the
// permission and each form's fields (lib/safe-suite/schema.ts), and the data layer checks again.
// Ids, the pressed button and a single unit's id are hidden inputs: a refusal naming one is the form's.

function refresh() {
  revalidatePath('/suite');
  revalidatePath('/suite/stays/[id]', 'page');
  revalidatePath('/');
  revalidatePath('/participants/[id]', 'page');
}

export const createStayAction = defineAction({
  permission: 'stay:manage',
  idempotent: true, // its key: Save again returns the first stay
  schema: CreateStaySchema,
  hidden: ['unitId', 'mode'],
  run: async (actor, input) => {
    const r = await createStay(actor, input);
    refresh();
    const nights = `${r.nights} ${r.nights === 1 ? 'night' : 'nights'}`;
    return {
      message: r.status === 'confirmed' ? `Booked: ${nights}, confirmed.` : `On the waitlist: ${nights}. It is offered here when the suite comes free.`,
      data: { stayId: r.stayId },
    };
  },
});

export const changeStayAction = defineAction({
  permission: 'stay:manage',
  schema: StayTransitionSchema,
  hidden: true, // the stay's status buttons
  run: async (actor, input) => {
    const r = await changeStay(actor, input);
    refresh();
    return { message: `${STATUS_LABEL[r.status]}.${r.offeredStayId ? ' The suite is now offered to the first request that fits.' : ''}` };
  },
});

export const extendStayAction = defineAction({
  permission: 'stay:manage',
  schema: ExtendStaySchema,
  hidden: ['stayId'],
  run: async (actor, input) => {
    const r = await extendStay(actor, input);
    refresh();
    return { message: `Extended to ${r.nights} nights${r.approved ? ', approved by you as a manager' : ''}.` };
  },
});

export const logEntryAction = defineAction({
  permission: 'stay:manage',
  schema: LogEntrySchema,
  hidden: ['stayId'],
  run: async (actor, input) => {
    await addLogEntry(actor, input);
    refresh();
    return { message: input.kind === 'handover' ? 'Handover note saved.' : 'Welfare check saved.' };
  },
});

/** Undo of a cancellation, for a while after it (lib/undo-window.ts). */
export const reinstateStayAction = defineAction({
  permission: 'stay:manage',
  schema: StayIdSchema,
  hidden: true, // the undo notice's one button
  run: async (actor, input) => {
    const r = await reinstateStay(actor, input);
    refresh();
    return { message: `Stay reinstated: ${STATUS_LABEL[r.status].toLowerCase()} again.` };
  },
});
