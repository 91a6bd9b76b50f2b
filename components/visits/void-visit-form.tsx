'use client';

import { useActionState } from 'react';
import { unvoidVisitAction, voidVisitAction } from '@/app/(staff)/visits/actions.ts';
import { ConfirmStep } from '@/components/ui/confirm-step.tsx';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { UndoNotice } from '@/components/ui/undo-notice.tsx';
import type { ActionState } from '@/lib/action.ts';
import { VOID_REASON_MAX } from '@/lib/visits/schema.ts';
import { UNDO_MINUTES } from '@/lib/undo-window.ts';

/**
 * Void a wrong visit with a reason: it stays on record, muted, and leaves every count. Asked once
 * before it is done; for a while after, the same place offers Undo (`undoUntil`, from the page).
 */
export function VoidVisitForm({ visitId, undoUntil }: { visitId: string; undoUntil?: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(voidVisitAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const formError = state && !state.ok ? state.formError : undefined;
  if (undoUntil) {
    return (
      <section className="card" aria-labelledby="void-visit-heading">
        <h2 id="void-visit-heading">Voided</h2>
        <UndoNotice message="Visit voided." action={unvoidVisitAction} fields={{ visitId }} until={undoUntil} autoFocus={!!state?.ok} />
      </section>
    );
  }
  return (
    <section className="card" aria-labelledby="void-visit-heading">
      <h2 id="void-visit-heading">Void this visit</h2>
      <form action={action} noValidate>
        <FormStatus state={formError ? { ok: false, formError } : null} />
        <input type="hidden" name="visitId" value={visitId} />
        <p className="muted">
          For a visit logged by mistake. It is kept, shown crossed out, and left out of every count. You can undo it for {UNDO_MINUTES} minutes.
        </p>
        <Field
          label="Reason"
          name="reason"
          autoComplete="off"
          required
          maxLength={VOID_REASON_MAX}
          defaultValue={values.reason}
          hint="For example: logged for the wrong person."
          error={errors.reason}
        />
        <ConfirmStep label="Void visit" question="Void this visit?" confirmLabel="Yes, void it" busy={pending} className="button danger" />
      </form>
    </section>
  );
}
