'use client';

import { useActionState } from 'react';
import { createServiceTypeAction } from '@/app/(staff)/settings/services/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { SelectField } from '@/components/staff/select-field.tsx';
import type { ActionState } from '@/lib/action.ts';
import { KIND_LABELS, SERVICE_KINDS, SERVICE_NAME_MAX, UNIT_MAX } from '@/lib/services/schema.ts';

const KIND_OPTIONS = SERVICE_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k] }));

/** Add a service or supply at the end of the list. A successful add starts a fresh form. */
export function AddServiceTypeForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(createServiceTypeAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <section className="card" aria-labelledby="add-service-heading">
      <h2 id="add-service-heading">Add a service or supply</h2>
      {/* A new key after each success empties the fields for the next one. */}
      <form key={state?.ok ? state.message : 'form'} action={action} noValidate>
        <FormStatus state={state} />
        <Field label="Name" name="name" autoComplete="off" required maxLength={SERVICE_NAME_MAX} defaultValue={values.name} error={errors.name} />
        <SelectField label="Kind" name="kind" options={KIND_OPTIONS} defaultValue={values.kind ?? 'service'} error={errors.kind} />
        <Field
          label="Unit (supplies only)"
          name="unit"
          autoComplete="off"
          maxLength={UNIT_MAX}
          defaultValue={values.unit}
          hint="What one counts, for example kit or pack."
          error={errors.unit}
        />
        <button className="button" type="submit" disabled={pending}>
          Add
        </button>
      </form>
    </section>
  );
}
