'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/action.ts';
import { can } from '@/lib/auth/permissions.ts';
import { PrivateFieldsSchema, ReportSchema, SearchSchema, TransitionSchema } from '@/lib/alerts/schema.ts';
import { createReport } from '@/lib/alerts/create.ts';
import { searchAlerts } from '@/lib/alerts/search.ts';
import { setPrivateFields, transitionReport } from '@/lib/alerts/transitions.ts';

// Alert actions. Each is a public POST endpoint: defineAction checks the session and the
// permission and each form's fields (lib/alerts/schema.ts), and the data layer checks again. Search
// text travels in the POST body only, never in a URL.

const repeatNote = (n: number) => (n ? ` It may be a repeat: ${n} earlier report${n === 1 ? '' : 's'} had the same plate or phone number.` : '');

export const createReportAction = defineAction({
  permission: 'alert:report',
  schema: ReportSchema,
  run: async (actor, input) => {
    const { id, possibleRepeats } = await createReport(actor, input);
    revalidatePath('/alerts');
    if (can(actor, 'alert:review')) redirect(`/alerts/reports/${id}`);
    return { message: `Report saved. A coordinator will review it before anything is published.${repeatNote(possibleRepeats)}` };
  },
});

export const searchAlertsAction = defineAction({
  readOnly: true,
  permission: 'alert:read_published',
  schema: SearchSchema,
  run: async (actor, input) => {
    const { hits, more } = await searchAlerts(actor, input);
    return { data: { hits: JSON.stringify(hits), more: more ? 'yes' : '' } };
  },
});

const DONE: Record<string, string> = {
  reviewed: 'Marked as reviewed.',
  published: 'Published: the alert is on the sheet.',
  archived: 'Archived: the alert is off the sheet.',
  withdrawn: 'Withdrawn.',
};

export const transitionReportAction = defineAction({
  permission: 'alert:review',
  schema: TransitionSchema,
  hidden: true, // the report's status buttons
  run: async (actor, input) => {
    const { status } = await transitionReport(actor, input);
    revalidatePath('/alerts');
    revalidatePath(`/alerts/reports/${input.id}`);
    return { message: DONE[status] };
  },
});

export const privateFieldsAction = defineAction({
  permission: 'alert:review',
  schema: PrivateFieldsSchema,
  hidden: ['id'], // a refusal of the choices is said beside them
  run: async (actor, input) => {
    await setPrivateFields(actor, input);
    revalidatePath(`/alerts/reports/${input.id}`);
    revalidatePath('/alerts');
    return { message: 'Saved. The preview shows what the alert will show.' };
  },
});
