'use client';

import { useActionState } from 'react';
import { updateResourceAction } from '@/app/(staff)/settings/resources/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import { CAPACITY_MAX, RESOURCE_NAME_MAX, SLOT_MINUTES } from '@/lib/bookings/resource-schema.ts';
import type { ResourceSettings } from '@/lib/bookings/resource-queries.ts';
import { formParts } from './use-form-state.ts';

/** Name, capacity, slot length and whether the resource is in use. */
export function EditResourceForm({ resource }: { resource: ResourceSettings }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateResourceAction, null);
  const { errors, values, status } = formParts(state);
  return (
    <section className="card booking-section" aria-labelledby="edit-resource-heading">
      <h2 id="edit-resource-heading">Details</h2>
      <form action={action} noValidate>
        <FormStatus state={status} />
        <input type="hidden" name="id" value={resource.id} />
        <Field label="Name" name="name" autoComplete="off" maxLength={RESOURCE_NAME_MAX} defaultValue={values.name ?? resource.name} error={errors.name} />
        <Field
          label="How many at once"
          name="capacity"
          type="number"
          inputMode="numeric"
          min={1}
          max={CAPACITY_MAX}
          defaultValue={values.capacity ?? resource.capacity}
          error={errors.capacity}
        />
        <Field
          label="Slot length (minutes)"
          name="slotMinutes"
          type="number"
          inputMode="numeric"
          min={SLOT_MINUTES.min}
          max={SLOT_MINUTES.max}
          step={5}
          defaultValue={values.slotMinutes ?? resource.slotMinutes}
          error={errors.slotMinutes}
        />
        <div className="field">
          <label>
            <input type="checkbox" name="active" defaultChecked={resource.active} /> In use (bookable)
          </label>
        </div>
        <button className="button" type="submit" disabled={pending}>
          Save
        </button>
      </form>
    </section>
  );
}
