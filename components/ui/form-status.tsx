'use client';

import type { ActionState } from '@/lib/action.ts';
import { useLatestConfirmation } from './latest-confirmation.ts';

/**
 * The form-level outcome of an action, announced to screen readers. A confirmation shows until
 * another form on the page confirms something (one at a time, ./latest-confirmation.ts); an error
 * stays until the form is sent again.
 */
export function FormStatus({ state }: { state: ActionState }) {
  const ok = state?.ok ? state : null;
  const confirmation = useLatestConfirmation(ok, ok?.message);
  if (!state) return <div aria-live="polite" />;
  if (state.ok)
    return confirmation ? (
      <p className="form-ok" role="status">
        {confirmation}
      </p>
    ) : (
      <div aria-live="polite" />
    );
  return state.formError ? (
    <p className="form-error" role="alert">
      {state.formError}
    </p>
  ) : (
    <div aria-live="polite" />
  );
}
