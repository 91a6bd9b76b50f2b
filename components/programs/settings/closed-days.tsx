'use client';

import { useActionState } from 'react';
import { addClosedDayAction, removeClosedDayAction } from '@/app/(staff)/settings/programs/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formParts } from '@/components/bookings/settings/use-form-state.ts';
import type { ActionState } from '@/lib/action.ts';

/** Days every program is closed (holidays): no session is generated on them. */
export function ClosedDays({ days }: { days: { day: string; reason: string }[] }) {
  return (
    <section className="card" aria-labelledby="closed-days-heading">
      <h2 id="closed-days-heading">Closed days</h2>
      <p className="muted">No program meets on these days. Sessions already recorded on a day stay.</p>
      {days.length === 0 ? (
        <p className="muted">No closed days coming up.</p>
      ) : (
        <ul>
          {days.map((d) => (
            <ClosedDayLine key={d.day} {...d} />
          ))}
        </ul>
      )}
      <AddClosedDay />
    </section>
  );
}

function ClosedDayLine({ day, reason }: { day: string; reason: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(removeClosedDayAction, null);
  return (
    <li>
      <strong>{day}</strong> — {reason}{' '}
      <form action={action} className="inline-form">
        <input type="hidden" name="day" value={day} />
        <button className="button small secondary" type="submit" disabled={pending} aria-label={`Remove closed day ${day}`}>
          Remove
        </button>
      </form>
      <FormStatus state={state} />
    </li>
  );
}

function AddClosedDay() {
  const [state, action, pending] = useActionState<ActionState, FormData>(addClosedDayAction, null);
  const { errors, values, status } = formParts(state);
  return (
    <form key={state?.ok ? state.message : 'form'} action={action} noValidate>
      <h3>Add a closed day</h3>
      <FormStatus state={status} />
      <div className="row">
        <Field id="closed-day" label="Date" name="day" type="date" defaultValue={values.day} error={errors.day} />
        <Field
          id="closed-reason"
          label="Reason"
          name="reason"
          autoComplete="off"
          maxLength={120}
          defaultValue={values.reason}
          error={errors.reason}
          hint="E.g. Statutory holiday."
        />
      </div>
      <button className="button" type="submit" disabled={pending}>
        Add closed day
      </button>
    </form>
  );
}
