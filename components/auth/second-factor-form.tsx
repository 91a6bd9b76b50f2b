'use client';

import { useActionState } from 'react';
import { giveSecondFactorAction } from '@/app/(auth)/two-step-actions.ts';
import { Field } from '@/components/ui/field.tsx';
import type { ActionState } from '@/lib/action.ts';

export function SecondFactorForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(giveSecondFactorAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} noValidate>
      <Field
        label="Code"
        name="code"
        autoComplete="one-time-code"
        spellCheck={false}
        required
        autoFocus
        error={errors.code}
        hint="The 6 digits your authenticator app shows for Lantern, or one of your recovery codes."
      />
      <div className="field checkbox">
        <label>
          <input type="checkbox" name="remember" /> Remember this browser for 12 hours
        </label>
        <span className="hint">Not on a computer others use: anyone with your password could then sign in here without your phone.</span>
      </div>
      <button className="button" type="submit" disabled={pending}>
        Continue
      </button>
    </form>
  );
}
