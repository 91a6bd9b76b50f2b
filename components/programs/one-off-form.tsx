'use client';

import { useActionState } from 'react';
import { addOneOffAction } from '@/app/(staff)/programs/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formParts } from '@/components/bookings/settings/use-form-state.ts';
import type { ActionState } from '@/lib/action.ts';

/** Adds a one-off session (an extra workshop, a make-up day) within the program's dates. Program managers. */
export function OneOffForm({ programId }: { programId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addOneOffAction, null);
  const { errors, values, status } = formParts(state);
  return (
    <section className="card" aria-labelledby="one-off-heading">
      <h2 id="one-off-heading">Add a one-off session</h2>
      <form key={state?.ok ? state.data?.id : 'form'} action={action} noValidate>
        <FormStatus state={status} />
        <input type="hidden" name="programId" value={programId} />
        <div className="row">
          <Field id="one-off-day" label="Date" name="day" type="date" defaultValue={values.day} error={errors.day} />
          <Field
            id="one-off-start"
            label="Starts"
            name="start"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={values.start}
            error={errors.start}
            hint="Like 13:00"
          />
          <Field
            id="one-off-end"
            label="Ends"
            name="end"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={values.end}
            error={errors.end}
            hint="Like 15:00"
          />
        </div>
        <button className="button" type="submit" disabled={pending}>
          Add session
        </button>
      </form>
    </section>
  );
}
