'use client';

import { useActionState, useEffect, useRef } from 'react';
import { createUnitAction, updateUnitAction } from '@/app/(staff)/settings/suite-units/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { Field } from '@/components/ui/field.tsx';

/** Adds a unit: a name only (never an address). */
export function AddUnitForm() {
  const [state, action, pending] = useActionState(createUnitAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={form} action={action} noValidate className="card">
      <h2>Add a unit</h2>
      <Field
        id="unit-new-name"
        label="Name"
        name="name"
        hint="A name staff use, like “Suite 2”. Never an address."
        error={errors.name}
        maxLength={60}
        required
      />
      <input type="hidden" name="active" value="on" />
      <button className="button" type="submit" disabled={pending}>
        Add unit
      </button>
      <FormStatus state={state} />
    </form>
  );
}

/** Renames a unit or takes it in or out of use. */
export function EditUnitForm({ unit }: { unit: { id: string; name: string; active: boolean; comingStays: number } }) {
  const [state, action, pending] = useActionState(updateUnitAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} noValidate className="suite-unit-form" aria-label={`Unit ${unit.name}`}>
      <input type="hidden" name="id" value={unit.id} />
      <div className="row">
        <Field id={`unit-${unit.id}-name`} label="Name" name="name" defaultValue={unit.name} error={errors.name} maxLength={60} required />
        <div className="field">
          <label>
            <input type="checkbox" name="active" defaultChecked={unit.active} aria-describedby={errors.active ? `unit-${unit.id}-active-error` : undefined} />{' '}
            In use
          </label>
          {errors.active && (
            <span id={`unit-${unit.id}-active-error`} className="field-error">
              {errors.active}
            </span>
          )}
        </div>
        <button className="button secondary" type="submit" disabled={pending}>
          Save
        </button>
      </div>
      <p className="muted">
        {unit.comingStays === 0 ? 'No stays booked.' : `${unit.comingStays} ${unit.comingStays === 1 ? 'stay' : 'stays'} booked or in progress.`}
      </p>
      <FormStatus state={state} />
    </form>
  );
}
