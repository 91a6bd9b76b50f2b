'use client';

import { useActionState } from 'react';
import { createOutreachOptionAction, renameOutreachOptionAction, setOutreachOptionStatusAction } from '@/app/(staff)/settings/outreach/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import { OPTION_NAME_MAX, type OutreachList } from '@/lib/outreach/schema.ts';
import { OPTION_LIST_TEXT } from './option-lists.ts';

type OptionRow = { id: string; list: OutreachList; name: string; active: boolean };

/** Adds an entry at the end of one list; a successful add starts a fresh form. */
export function AddOptionForm({ list }: { list: OutreachList }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createOutreachOptionAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const text = OPTION_LIST_TEXT[list];
  return (
    <form key={state?.ok ? state.message : 'form'} action={action} noValidate className="outreach-option-add" aria-label={`Add a ${text.one}`}>
      <FormStatus state={state} />
      <input type="hidden" name="list" value={list} />
      <Field
        id={`add-${list}-name`}
        label={`New ${text.one}`}
        name="name"
        autoComplete="off"
        required
        maxLength={OPTION_NAME_MAX}
        hint={text.example}
        defaultValue={values.name}
        error={errors.name ?? errors.list}
      />
      <button className="button" type="submit" disabled={pending}>
        Add {text.one}
      </button>
    </form>
  );
}

/** One entry: rename it, and take it out of use or back into use. */
export function OptionRowForms({ row }: { row: OptionRow }) {
  return (
    <div className="outreach-option">
      <RenameForm row={row} />
      <StatusForm row={row} />
    </div>
  );
}

function RenameForm({ row }: { row: OptionRow }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(renameOutreachOptionAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const formError = state && !state.ok ? (state.formError ?? errors.id) : undefined;
  return (
    <form action={action} noValidate aria-label={`Rename ${row.name}`}>
      <FormStatus state={formError ? { ok: false, formError } : state} />
      <input type="hidden" name="id" value={row.id} />
      <div className="row">
        <Field
          id={`option-${row.id}-name`}
          label={row.active ? 'Name' : 'Name (out of use)'}
          name="name"
          autoComplete="off"
          required
          maxLength={OPTION_NAME_MAX}
          defaultValue={values.name ?? row.name}
          error={errors.name}
        />
        <button className="button secondary" type="submit" disabled={pending}>
          Save<span className="visually-hidden"> {row.name}</span>
        </button>
      </div>
    </form>
  );
}

function StatusForm({ row }: { row: OptionRow }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setOutreachOptionStatusAction, null);
  return (
    <form action={action}>
      <FormStatus state={state} />
      <input type="hidden" name="id" value={row.id} />
      <input type="hidden" name="status" value={row.active ? 'inactive' : 'active'} />
      <button className={row.active ? 'button danger' : 'button'} type="submit" disabled={pending}>
        {row.active ? 'Take out of use' : 'Back into use'}
        <span className="visually-hidden"> {row.name}</span>
      </button>
    </form>
  );
}
