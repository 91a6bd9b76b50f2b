'use client';

import { useActionState } from 'react';
import { changePasswordAction } from '@/app/(auth)/session-actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';

export function ChangePasswordForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(changePasswordAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} noValidate>
      <FormStatus state={state} />
      <Field label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={errors.currentPassword} />
      <Field
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={12}
        hint="At least 12 characters, hard to guess, without your name or email. Four or more unrelated words work well."
        error={errors.newPassword}
      />
      <Field label="New password again" name="confirmPassword" type="password" autoComplete="new-password" required error={errors.confirmPassword} />
      <button className="button" type="submit" disabled={pending}>
        Change password
      </button>
    </form>
  );
}
