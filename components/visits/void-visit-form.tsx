'use client';

import { useActionState } from 'react';
import { voidVisitAction } from '@/app/(staff)/visits/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import { VOID_REASON_MAX } from '@/lib/visits/schema.ts';

/** Void a wrong visit with a reason: it stays on record, muted, and leaves every count. */
export function VoidVisitForm({ visitId }: { visitId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(voidVisitAction, null);
  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const values = state && !state.ok ? state.values ?? {} : {};
  const formError = state && !state.ok ? state.formError ?? errors.visitId : undefined;
  return (
    <section className="card" aria-labelledby="void-visit-heading">
      <h2 id="void-visit-heading">Void this visit</h2>
      <form action={action} noValidate>
        <FormStatus state={formError ? { ok: false, formError } : null} />
        <input type="hidden" name="visitId" value={visitId} />
        <p className="muted">For a visit logged by mistake. It is kept, shown crossed out, and left out of every count. It cannot be undone.</p>
        <Field label="Reason" name="reason" autoComplete="off" required maxLength={VOID_REASON_MAX} defaultValue={values.reason}
          hint="For example: logged for the wrong person." error={errors.reason} />
        <button className="button danger" type="submit" disabled={pending}>Void visit</button>
      </form>
    </section>
  );
}
