'use client';

import { useActionState } from 'react';
import { signInAction } from '@/app/(auth)/sign-in/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';

export function SignInForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(signInAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate>
      <FormStatus state={state} />
      <Field label="Email" name="email" type="email" autoComplete="username" required autoFocus defaultValue={values.email} error={errors.email} />
      <Field label="Password" name="password" type="password" autoComplete="current-password" required error={errors.password} />
      <button className="button" type="submit" disabled={pending}>
        {pending ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}
