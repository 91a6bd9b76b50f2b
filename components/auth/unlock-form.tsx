'use client';

import { useActionState } from 'react';
import { unlockAction } from '@/app/(auth)/session-actions.ts';
import { Field } from '@/components/ui/field.tsx';
import type { ActionState } from '@/lib/action.ts';

export function UnlockForm() {
  const [state, action, pending] = useActionState<ActionState, FormData>(unlockAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} noValidate>
      <Field label="Password" name="password" type="password" autoComplete="current-password" required autoFocus error={errors.password} />
      <button className="button" type="submit" disabled={pending}>
        Continue
      </button>
    </form>
  );
}
