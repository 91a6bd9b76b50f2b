'use client';

import { useActionState } from 'react';
import { createNoteKindAction, setNoteKindStatusAction } from '@/app/(staff)/settings/note-kinds/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formErrors } from '@/components/staff/form-errors.ts';
import type { ActionState } from '@/lib/action.ts';
import { NOTE_KIND_NAME_MAX } from '@/lib/participants/notes-schema.ts';

/** Adds a kind at the end of the list; a successful add starts a fresh form. */
export function AddNoteKindForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createNoteKindAction, null);
  const { fields, form } = formErrors(state);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form key={state?.ok ? state.message : 'form'} action={action} noValidate aria-label="Add a kind of note">
      <FormStatus state={state?.ok ? state : form} />
      <Field
        label="New kind"
        name="name"
        autoComplete="off"
        required
        maxLength={NOTE_KIND_NAME_MAX}
        hint="For example: Follow-up"
        defaultValue={values.name}
        error={fields.name}
      />
      <button className="button" type="submit" disabled={pending}>
        Add kind
      </button>
    </form>
  );
}

/** Takes a kind out of use, or back into use. */
export function NoteKindStatusForm({ id, name, active }: { id: string; name: string; active: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setNoteKindStatusAction, null);
  return (
    <form action={action}>
      <FormStatus state={state} />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="status" value={active ? 'retired' : 'active'} />
      <button className={active ? 'button secondary small' : 'button small'} type="submit" disabled={pending}>
        {active ? 'Take out of use' : 'Back into use'}
        <span className="visually-hidden"> {name}</span>
      </button>
    </form>
  );
}
