'use client';

import { useActionState } from 'react';
import { setServiceTypeStatusAction, updateServiceTypeAction } from '@/app/(staff)/settings/services/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import type { ServiceTypeRow } from '@/lib/services/queries.ts';
import { SERVICE_NAME_MAX, UNIT_MAX } from '@/lib/services/schema.ts';

/** Rename (and, for a supply, change its unit); stop offering it or offer it again. */
export function EditServiceType({ type }: { type: ServiceTypeRow }) {
  return (
    <>
      <RenameForm type={type} />
      <StatusForm type={type} />
    </>
  );
}

function RenameForm({ type }: { type: ServiceTypeRow }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateServiceTypeAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const formError = state && !state.ok ? (state.formError ?? errors.id) : undefined;
  return (
    <section className="card" aria-labelledby="rename-heading">
      <h2 id="rename-heading">Name{type.kind === 'supply' ? ' and unit' : ''}</h2>
      <form action={action} noValidate>
        <FormStatus state={formError ? { ok: false, formError } : state} />
        <input type="hidden" name="id" value={type.id} />
        <Field label="Name" name="name" autoComplete="off" required maxLength={SERVICE_NAME_MAX} defaultValue={values.name ?? type.name} error={errors.name} />
        {type.kind === 'supply' && (
          <Field
            label="Unit"
            name="unit"
            autoComplete="off"
            maxLength={UNIT_MAX}
            defaultValue={values.unit ?? type.unit ?? ''}
            hint="What one counts, for example kit or pack."
            error={errors.unit}
          />
        )}
        <p className="muted">Past visits show the new name too.</p>
        <button className="button" type="submit" disabled={pending}>
          Save
        </button>
      </form>
    </section>
  );
}

function StatusForm({ type }: { type: ServiceTypeRow }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setServiceTypeStatusAction, null);
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{type.active ? 'Stop offering' : 'Offer again'}</h2>
      <form action={action}>
        <FormStatus state={state} />
        <input type="hidden" name="id" value={type.id} />
        <input type="hidden" name="status" value={type.active ? 'inactive' : 'active'} />
        <p className="muted">
          {type.active ? 'It leaves the quick log. Visits that used it keep it.' : 'It comes back to the quick log, in its place in the list.'}
        </p>
        <button className={type.active ? 'button danger' : 'button'} type="submit" disabled={pending}>
          {type.active ? 'Stop offering it' : 'Offer it again'}
        </button>
      </form>
    </section>
  );
}
