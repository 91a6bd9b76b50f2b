'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { defineAction } from '@/lib/action.ts';
import { can } from '@/lib/auth/permissions.ts';
import { RawFormSchema } from '@/lib/validation.ts';
import { createReport } from '@/lib/alerts/create.ts';
import { searchAlerts } from '@/lib/alerts/search.ts';
import { setPrivateFields, transitionReport } from '@/lib/alerts/transitions.ts';

// Alert actions. Each is a public POST endpoint: defineAction checks the session and the
// permission, and the data layer checks again and validates (answering beside the field). Search
// text travels in the POST body only, never in a URL.

const repeatNote = (n: number) => (n ? ` It may be a repeat: ${n} earlier report${n === 1 ? '' : 's'} had the same plate or phone number.` : '');

export const createReportAction = defineAction({
  permission: 'alert:report',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { id, possibleRepeats } = await createReport(actor, raw);
    revalidatePath('/alerts');
    if (can(actor, 'alert:review')) redirect(`/alerts/reports/${id}`);
    return { message: `Report saved. A coordinator will review it before anything is published.${repeatNote(possibleRepeats)}` };
  },
});

export const searchAlertsAction = defineAction({
  readOnly: true,
  permission: 'alert:read_published',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { hits, more } = await searchAlerts(actor, raw);
    return { data: { hits: JSON.stringify(hits), more: more ? 'yes' : '' } };
  },
});

const DONE: Record<string, string> = {
  reviewed: 'Marked as reviewed.', published: 'Published: the alert is on the sheet.', archived: 'Archived: the alert is off the sheet.', withdrawn: 'Withdrawn.',
};

export const transitionReportAction = defineAction({
  permission: 'alert:review',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { status } = await transitionReport(actor, raw);
    revalidatePath('/alerts');
    revalidatePath(`/alerts/reports/${String(raw.id)}`);
    return { message: DONE[status] };
  },
});

export const privateFieldsAction = defineAction({
  permission: 'alert:review',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    await setPrivateFields(actor, raw);
    revalidatePath(`/alerts/reports/${String(raw.id)}`);
    revalidatePath('/alerts');
    return { message: 'Saved. The preview shows what the alert will show.' };
  },
});
