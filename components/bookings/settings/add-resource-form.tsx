'use client';

import { useActionState } from 'react';
import { createResourceAction } from '@/app/(staff)/settings/resources/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { SelectField } from '@/components/staff/select-field.tsx';
import type { ActionState } from '@/lib/action.ts';
import { CAPACITY_MAX, RESOURCE_NAME_MAX, SLOT_MINUTES } from '@/lib/bookings/resource-schema.ts';
import { formParts } from './use-form-state.ts';

const KINDS = [
  { value: 'shower', label: 'Shower' },
  { value: 'laundry', label: 'Laundry (washer and dryer)' },
];

/** Adds a shower or laundry resource; a success starts a fresh form. */
export function AddResourceForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createResourceAction, null);
  const { errors, values, status } = formParts(state);
  return (
    <section className="card booking-section" aria-labelledby="add-resource-heading">
      <h2 id="add-resource-heading">Add a shower or laundry</h2>
      <form key={state?.ok ? state.data?.id : 'form'} action={action} noValidate>
        <FormStatus state={status} />
        <Field
          label="Name"
          name="name"
          autoComplete="off"
          maxLength={RESOURCE_NAME_MAX}
          defaultValue={values.name}
          error={errors.name}
          hint="For example Shower 3. Shown on the wall board."
        />
        <SelectField label="Kind" name="kind" options={KINDS} defaultValue={values.kind ?? 'shower'} error={errors.kind} />
        <Field
          label="How many at once"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={CAPACITY_MAX}
          defaultValue={values.capacity ?? '1'}
          error={errors.capacity}
          hint="Stalls or washer and dryer pairs booked together."
        />
        <Field
          label="Slot length (minutes)"
          name="slotMinutes"
          type="number"
          inputMode="numeric"
          min={SLOT_MINUTES.min}
          max={SLOT_MINUTES.max}
          step={5}
          defaultValue={values.slotMinutes ?? '30'}
          error={errors.slotMinutes}
        />
        <button className="button" type="submit" disabled={pending}>
          Add
        </button>
      </form>
    </section>
  );
}
