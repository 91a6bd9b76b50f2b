'use client';

import { useActionState } from 'react';
import { runRetentionAction } from '@/app/(staff)/settings/retention/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';

/** The confirmed run. Stays mounted after a run so its outcome is still announced when the count drops to 0. */
export function RetentionForm({ count }: { count: number }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(runRetentionAction, null);
  const error = state && !state.ok ? state.fieldErrors?.confirm : undefined;
  return (
    <form action={action} noValidate>
      <FormStatus state={state && !state.ok && !state.formError ? null : state} />
      {count === 0 ? (
        <p className="muted">Nothing to de-identify now.</p>
      ) : (
        <>
          <div className="field">
            <label>
              <input
                type="checkbox"
                name="confirm"
                value="yes"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? 'confirm-error' : undefined}
              />{' '}
              I understand that this cannot be undone
            </label>
            {error && (
              <span id="confirm-error" className="field-error">
                {error}
              </span>
            )}
          </div>
          <button className="button danger" type="submit" disabled={pending}>
            De-identify {count === 1 ? '1 record' : `${count} records`}
          </button>
        </>
      )}
    </form>
  );
}
