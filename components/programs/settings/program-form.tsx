'use client';

import { useActionState } from 'react';
import { createProgramAction, updateProgramAction } from '@/app/(staff)/settings/programs/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { SelectField } from '@/components/staff/select-field.tsx';
import { formParts } from '@/components/bookings/settings/use-form-state.ts';
import type { ActionState } from '@/lib/action.ts';
import { FREQUENCY_LABEL, WEEKDAYS } from '@/lib/programs/labels.ts';

export type ProgramValues = {
  id?: string;
  name: string;
  description: string;
  partner: string;
  frequency: string;
  weekday: string;
  start: string;
  end: string;
  activeFrom: string;
  activeTo: string;
};

const FREQUENCIES = Object.entries(FREQUENCY_LABEL).map(([value, label]) => ({ value, label }));
const DAYS = WEEKDAYS.map((label, i) => ({ value: String(i + 1), label }));

/** Adds a program, or edits one when `initial.id` is given. A new program's sessions are generated on save. */
export function ProgramForm({ initial }: { initial: ProgramValues }) {
  const editing = Boolean(initial.id);
  const [state, action, pending] = useActionState<ActionState, FormData>(editing ? updateProgramAction : createProgramAction, null);
  const { errors, values, status } = formParts(state);
  const v = { ...initial, ...values };
  return (
    <form key={!editing && state?.ok ? state.data?.id : 'form'} action={action} noValidate>
      <FormStatus state={status} />
      {editing && <input type="hidden" name="id" value={initial.id} />}
      <Field
        label="Name"
        name="name"
        autoComplete="off"
        maxLength={80}
        defaultValue={v.name}
        error={errors.name}
        hint="A plain name, e.g. Tuesday breakfast."
      />
      <Field label="Description" name="description" autoComplete="off" maxLength={500} defaultValue={v.description} error={errors.description} />
      <Field
        label="Partner"
        name="partner"
        autoComplete="off"
        maxLength={120}
        defaultValue={v.partner}
        error={errors.partner}
        hint="Who comes from outside, if anyone, e.g. the health authority's nurse."
      />
      <div className="row">
        <SelectField label="How often" name="frequency" options={FREQUENCIES} defaultValue={v.frequency} error={errors.frequency} />
        <SelectField label="Day" name="weekday" options={DAYS} defaultValue={v.weekday} error={errors.weekday} />
      </div>
      <div className="row">
        <Field label="Starts" name="start" inputMode="numeric" autoComplete="off" defaultValue={v.start} error={errors.start} hint="Like 9:00" />
        <Field label="Ends" name="end" inputMode="numeric" autoComplete="off" defaultValue={v.end} error={errors.end} hint="Like 11:00" />
      </div>
      <div className="row">
        <Field label="First date" name="activeFrom" type="date" defaultValue={v.activeFrom} error={errors.activeFrom} />
        <Field
          label="Last date (optional)"
          name="activeTo"
          type="date"
          defaultValue={v.activeTo}
          error={errors.activeTo}
          hint="Leave empty for a program that keeps running."
        />
      </div>
      <button className="button" type="submit" disabled={pending}>
        {editing ? 'Save' : 'Add program'}
      </button>
    </form>
  );
}
