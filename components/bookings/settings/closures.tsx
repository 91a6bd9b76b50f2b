'use client';

import { useActionState } from 'react';
import { addClosureAction, removeClosureAction } from '@/app/(staff)/settings/resources/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { SelectField } from '@/components/staff/select-field.tsx';
import type { ActionState } from '@/lib/action.ts';
import { CLOSURE_REASON_MAX } from '@/lib/bookings/resource-schema.ts';
import { formParts } from './use-form-state.ts';

export type ClosureItem = { id: string; what: string; from: string; to: string; reason: string };

/** Closures not yet over, each removable, and a form to add one (a holiday for all, a repair for one). */
export function Closures({ closures, resources }: { closures: ClosureItem[]; resources: { id: string; name: string }[] }) {
  return (
    <section className="card booking-section" aria-labelledby="closures-heading">
      <h2 id="closures-heading">Closures</h2>
      {closures.length === 0 ? (
        <p className="muted">No closures coming up.</p>
      ) : (
        <ul>
          {closures.map((c) => (
            <ClosureLine key={c.id} closure={c} />
          ))}
        </ul>
      )}
      <AddClosure resources={resources} />
    </section>
  );
}

function ClosureLine({ closure }: { closure: ClosureItem }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(removeClosureAction, null);
  return (
    <li>
      <strong>{closure.what}</strong>: {closure.from} to {closure.to} — {closure.reason}{' '}
      <form action={action} className="booking-inline-form">
        <input type="hidden" name="id" value={closure.id} />
        <button className="button small secondary" type="submit" disabled={pending} aria-label={`Remove the closure of ${closure.what} from ${closure.from}`}>
          Remove
        </button>
      </form>
      <FormStatus state={state} />
    </li>
  );
}

function AddClosure({ resources }: { resources: { id: string; name: string }[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addClosureAction, null);
  const { errors, values, status } = formParts(state);
  const options = [{ value: 'all', label: 'All showers and laundry' }, ...resources.map((r) => ({ value: r.id, label: r.name }))];
  return (
    <form key={state?.ok ? state.message : 'form'} action={action} noValidate>
      <h3>Add a closure</h3>
      <FormStatus state={status} />
      <SelectField
        id="closure-resource"
        label="What closes"
        name="resourceId"
        options={options}
        defaultValue={values.resourceId ?? 'all'}
        error={errors.resourceId}
      />
      <div className="row">
        <Field id="closure-starts" label="From" name="startsAt" type="datetime-local" defaultValue={values.startsAt} error={errors.startsAt} />
        <Field id="closure-ends" label="Until" name="endsAt" type="datetime-local" defaultValue={values.endsAt} error={errors.endsAt} />
      </div>
      <Field
        id="closure-reason"
        label="Reason"
        name="reason"
        autoComplete="off"
        maxLength={CLOSURE_REASON_MAX}
        defaultValue={values.reason}
        error={errors.reason}
        hint="Shown to staff when a booking is refused, e.g. Statutory holiday. Not shown on the wall board."
      />
      <button className="button" type="submit" disabled={pending}>
        Add closure
      </button>
    </form>
  );
}
