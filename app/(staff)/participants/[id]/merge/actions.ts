'use server';

import { revalidatePath } from 'next/cache';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { defineAction } from '@/lib/action.ts';
import { lastSeenOn } from '@/lib/participants/queries.ts';
import { searchParticipants } from '@/lib/participants/search.ts';
import { mergeParticipants } from '@/lib/participants/merge.ts';
import { PARTICIPANT_NOT_FOUND } from '@/lib/participants/schema.ts';

// The merge page's actions. Each is a public POST endpoint: defineAction checks the session and
// `participant:merge`, and the data layer checks again with the rows locked.

const recordId = z.string({ error: PARTICIPANT_NOT_FOUND }).pipe(z.uuid(PARTICIPANT_NOT_FOUND));

const SearchSchema = z.object({
  id: recordId,
  q: z
    .string({ error: 'Type part of an alias or code.' })
    .trim()
    .min(2, 'Type at least two characters of an alias or code.')
    .max(60, 'Keep the search to 60 characters or fewer.'),
});

export const findMergeCandidatesAction = defineAction({
  readOnly: true,
  permission: 'participant:merge',
  schema: SearchSchema,
  run: async (actor, { id, q }) => {
    const matches = (await searchParticipants(actor, q, 10)).filter((m) => m.id !== id);
    return {
      message: matches.length ? `${matches.length} other record${matches.length === 1 ? '' : 's'} found.` : 'No other record matches.',
      data: { matches: JSON.stringify(matches.map((m) => ({ id: m.id, alias: m.alias, code: m.code, lastSeenOn: lastSeenOn(m.lastSeenAt) }))) },
    };
  },
});

const MergeFormSchema = z
  .object({
    first: recordId,
    second: recordId,
    keep: z.string({ error: 'Choose the record that stays.' }),
    confirm: z.literal('yes', { error: 'Tick the box to confirm these are the same person.' }),
  })
  .refine((v) => v.keep === v.first || v.keep === v.second, { path: ['keep'], message: 'Choose the record that stays.' });

export const mergeParticipantsAction = defineAction({
  permission: 'participant:merge',
  schema: MergeFormSchema,
  run: async (actor, { first, second, keep }) => {
    const { keptId } = await mergeParticipants(actor, { keptId: keep, mergedId: keep === first ? second : first });
    revalidatePath('/participants', 'layout');
    // The kept record's profile now shows everything from both.
    redirect(`/participants/${keptId}`);
  },
});
