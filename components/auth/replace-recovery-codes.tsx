'use client';

import { useActionState } from 'react';
import { replaceRecoveryCodesAction } from '@/app/(auth)/two-step-actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { Field } from '@/components/ui/field.tsx';
import type { ActionState } from '@/lib/action.ts';
import { RecoveryCodes } from './recovery-codes.tsx';

/** "Make new recovery codes": the new ones shown once, the old ones void. */
export function ReplaceRecoveryCodes() {
  const [state, action, pending] = useActionState<ActionState, FormData>(replaceRecoveryCodesAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const codes = state?.ok ? state.data?.codes?.split(' ') : undefined;
  if (codes)
    return (
      <>
        <p role="status" className="form-ok">
          {state?.ok ? state.message : null}
        </p>
        <RecoveryCodes codes={codes} />
      </>
    );
  return (
    <form action={action} noValidate>
      <FormStatus state={state && !state.ok ? state : null} />
      <Field
        label="Your password"
        id="recovery-password"
        name="password"
        type="password"
        autoComplete="current-password"
        error={errors.password}
        hint="Asked again before a change to how you sign in."
      />
      <button className="button secondary" type="submit" disabled={pending}>
        Make new recovery codes
      </button>
    </form>
  );
}
