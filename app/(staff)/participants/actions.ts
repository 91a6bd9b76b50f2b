'use server';

import { cookies, headers } from 'next/headers';
import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/action.ts';
import { createParticipant, updateParticipant } from '@/lib/participants/mutations.ts';
import { findSimilarAliases, lastSeenOn } from '@/lib/participants/queries.ts';
import { searchParticipants } from '@/lib/participants/search.ts';
import { revealSensitive } from '@/lib/participants/sensitive.ts';
import { addNote } from '@/lib/participants/notes.ts';
import { AddNoteSchema } from '@/lib/participants/notes-schema.ts';
import {
  CreateParticipantSchema,
  PARTICIPANT_TABLE,
  ParticipantIdSchema,
  SEARCH_COOKIE,
  SimilarAliasSchema,
  UpdateParticipantSchema,
} from '@/lib/participants/schema.ts';
import { MAX_QUERY_LENGTH, parseTableParams, tableQuery, toView } from '@/lib/table/params.ts';

// Participant actions. Each is a public POST endpoint: defineAction checks the session and the
// permission, and the data layer checks again. Nothing here puts an alias or search text in a URL.

export const createParticipantAction = defineAction({
  permission: 'participant:create',
  schema: CreateParticipantSchema,
  run: async (actor, input) => {
    const { id } = await createParticipant(actor, input);
    revalidatePath('/participants');
    redirect(`/participants/${id}`);
  },
});

export const updateParticipantAction = defineAction({
  permission: 'participant:update',
  schema: UpdateParticipantSchema,
  run: async (actor, input) => {
    await updateParticipant(actor, input);
    revalidatePath(`/participants/${input.id}`);
    redirect(`/participants/${input.id}`);
  },
});

/** Reveals safe contact and the dated notes (as JSON) to the person who asked; the data layer audits the viewing. */
export const revealSensitiveAction = defineAction({
  readOnly: true,
  permission: 'participant:read_sensitive',
  schema: ParticipantIdSchema,
  run: async (actor, input) => {
    const text = await revealSensitive(actor, input);
    return { data: { safeContact: text.safeContact ?? '', notes: JSON.stringify(text.notes) } };
  },
});

/** The edit form's reveal: the safe contact only (the notes are not on that form, so they are not read). */
export const revealSafeContactAction = defineAction({
  readOnly: true,
  permission: 'participant:read_sensitive',
  schema: ParticipantIdSchema,
  run: async (actor, input) => {
    const text = await revealSensitive(actor, input, { withNotes: false });
    return { data: { safeContact: text.safeContact ?? '' } };
  },
});

/** Appends a dated, signed note; the data layer audits it without its text. */
export const addNoteAction = defineAction({
  permission: 'participant:update',
  schema: AddNoteSchema,
  run: async (actor, input) => {
    await addNote(actor, input);
    revalidatePath(`/participants/${input.participantId}`);
    return { message: 'Entry added. Show the notes to read it.' };
  },
});

/** The create form's duplicate hint, posted as the alias is typed (never a GET: the alias stays out of URLs and logs). */
export const similarAliasesAction = defineAction({
  readOnly: true,
  permission: 'participant:create',
  schema: SimilarAliasSchema,
  run: async (actor, { alias }) => ({ data: { matches: JSON.stringify(await findSimilarAliases(actor, alias)) } }),
});

const SearchSchema = z
  .object({
    q: z
      .string()
      .optional()
      .default('')
      .transform((q) => q.trim().slice(0, MAX_QUERY_LENGTH)),
  })
  .catchall(z.unknown());

const saveSearch = defineAction({
  readOnly: true,
  permission: 'participant:read',
  schema: SearchSchema,
  run: async (_actor, { q, ...rest }) => {
    const jar = await cookies();
    if (q) {
      const secure = (await headers()).get('origin')?.startsWith('https:') ?? false;
      jar.set(SEARCH_COOKIE.name, q, { httpOnly: true, sameSite: 'strict', secure, path: SEARCH_COOKIE.path, maxAge: SEARCH_COOKIE.maxAge });
    } else {
      jar.delete({ name: SEARCH_COOKIE.name, path: SEARCH_COOKIE.path });
    }
    // Filters, sort and page size go back into the URL, checked; the search text never does.
    const strings = Object.fromEntries(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === 'string'));
    const view = toView(parseTableParams(PARTICIPANT_TABLE, strings));
    redirect(`/participants${tableQuery(view, PARTICIPANT_TABLE, { page: 1 }, false)}`);
  },
});

/** The list's private search (DataTable `searchAction`): an empty search clears it. */
export async function searchParticipantsAction(formData: FormData): Promise<void> {
  await saveSearch(null, formData);
}

/**
 * Matches for the pickers (quick log, bookings, attendance, referrals, stays, reports): alias, code
 * and last visit. The text travels in the POST body only, never in a URL, and is neither logged nor audited.
 */
export const matchParticipantsAction = defineAction({
  readOnly: true,
  permission: 'participant:read',
  schema: z.object({ q: z.string({ error: 'Type part of an alias or code.' }).max(100, 'Type less.') }),
  run: async (actor, { q }) => {
    const matches = await searchParticipants(actor, q);
    const options = matches.map((m) => ({ id: m.id, alias: m.alias, code: m.code, lastSeenOn: lastSeenOn(m.lastSeenAt) }));
    return { data: { matches: JSON.stringify(options) } };
  },
});
