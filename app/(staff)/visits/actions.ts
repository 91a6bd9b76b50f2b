'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { z } from 'zod';
import { updateVisit, voidVisit } from '@/lib/visits/mutations.ts';
import { todayVisitOf } from '@/lib/visits/queries.ts';
import { saveDeskVisit } from '@/lib/visits/same-day.ts';
import { unvoidVisit, UnvoidVisitSchema } from '@/lib/visits/unvoid.ts';
import { EditVisitFormSchema, QuickLogFormSchema, VoidVisitSchema } from '@/lib/visits/schema.ts';

// The front desk's actions. Each is a public POST endpoint: defineAction checks the session and
// the permission, and the data layer checks again. Search text travels in the POST body only,
// never in a URL, and is neither logged nor audited (the search itself is matchParticipantsAction).

export const logVisitAction = defineAction({
  permission: 'visit:create',
  idempotent: true, // its key: Save again returns the first visit, or does not add to it twice
  // Each refusal names the field it belongs beside (quantity.<id> included); the data layer judges again.
  schema: QuickLogFormSchema,
  run: async (actor, input) => {
    const { visitId, duplicate, added } = await saveDeskVisit(actor, input);
    revalidatePath('/');
    return { data: { visitId, duplicate: String(duplicate), added: String(added) } };
  },
});

/** The quick log's "already in today?" look-up when a person is chosen (a POST: ids stay out of URLs). */
export const todayVisitAction = defineAction({
  readOnly: true,
  permission: 'visit:create',
  schema: z.object({ participantId: z.string().max(64) }),
  run: async (actor, { participantId }) => {
    const visit = await todayVisitOf(actor, participantId);
    return { data: { visit: JSON.stringify(visit) } };
  },
});

export const updateVisitAction = defineAction({
  permission: 'visit:create',
  schema: EditVisitFormSchema,
  hidden: ['visitId'],
  run: async (actor, input) => {
    const { changed } = await updateVisit(actor, input);
    revalidatePath(`/visits/${input.visitId}`);
    revalidatePath('/');
    return { message: changed.length ? 'Visit changed.' : 'Nothing changed.' };
  },
});

export const voidVisitAction = defineAction({
  permission: 'visit:create',
  schema: VoidVisitSchema,
  hidden: ['visitId'],
  run: async (actor, input) => {
    await voidVisit(actor, input);
    revalidatePath(`/visits/${input.visitId}`);
    revalidatePath('/');
    return { message: 'Visit voided. It stays on record and is left out of every count.' };
  },
});

/** Undo of a void, for a while after it (lib/undo-window.ts). */
export const unvoidVisitAction = defineAction({
  permission: 'visit:create',
  schema: UnvoidVisitSchema,
  hidden: true, // the undo notice's one button
  run: async (actor, input) => {
    await unvoidVisit(actor, input);
    revalidatePath(`/visits/${input.visitId}`);
    revalidatePath('/');
    return { message: 'Visit restored. It counts again.' };
  },
});
