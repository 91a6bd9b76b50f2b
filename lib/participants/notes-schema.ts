import { z } from 'zod';
import { longText, shortText } from '@/lib/validation.ts';
import { participantId } from './schema.ts';

// Input rules for a participant's dated notes and the list of their kinds, shared by the forms
// and the data layer.

export const NOTE_MAX = 4000;
const KIND_MISSING = 'Choose what kind of note this is.';

export const AddNoteSchema = z.object({
  participantId,
  kindId: z.string({ error: KIND_MISSING }).trim().min(1, KIND_MISSING).pipe(z.uuid(KIND_MISSING)),
  text: longText('the note', NOTE_MAX).refine((v) => v.length > 0, 'Write the note.'),
});

export const NOTE_KIND_NAME_MAX = 40;
const kindName = shortText('a name', NOTE_KIND_NAME_MAX);
const kindId = z.string({ error: 'That kind of note was not found.' }).pipe(z.uuid('That kind of note was not found.'));

export const CreateNoteKindSchema = z.object({ name: kindName });
export const SetNoteKindStatusSchema = z.object({ id: kindId, status: z.enum(['active', 'retired'], { error: 'Choose in use or out of use.' }) });
