'use client';

import { useActionState, useEffect } from 'react';
import { addNoteAction } from '@/app/(staff)/participants/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formErrors } from '@/components/staff/form-errors.ts';
import { SelectField } from '@/components/staff/select-field.tsx';
import type { ActionState } from '@/lib/action.ts';
import { NOTE_MAX } from '@/lib/participants/notes-schema.ts';
import { TextAreaField } from './answer-fields.tsx';

export type KindOption = { value: string; label: string };

/**
 * "Add entry": a kind and the text. Entries are never edited or removed (a correction is a new
 * entry), so the form says so. A refused entry keeps what was typed, with the reason beside it.
 */
export function AddNoteForm({ participantId, kinds, onAdded }: { participantId: string; kinds: KindOption[]; onAdded: () => void }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addNoteAction, null);
  const { fields, form } = formErrors(state);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  useEffect(() => {
    if (state?.ok) onAdded();
  }, [state, onAdded]);
  return (
    <form action={action} aria-labelledby="add-note-heading">
      <h3 id="add-note-heading">Add entry</h3>
      <p className="muted">Dated now and signed with your name. Entries cannot be changed later: to correct one, add another.</p>
      <FormStatus state={form} />
      <input type="hidden" name="participantId" value={participantId} />
      <SelectField label="Kind" name="kindId" options={[{ value: '', label: 'Choose…' }, ...kinds]} defaultValue={values.kindId ?? ''} error={fields.kindId} />
      <TextAreaField label="Entry" name="text" rows={4} maxLength={NOTE_MAX} defaultValue={values.text ?? ''} error={fields.text} />
      <button className="button" type="submit" disabled={pending}>
        Add entry
      </button>
    </form>
  );
}
