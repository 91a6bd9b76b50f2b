'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/action.ts';
import { verifyChainAction } from '@/app/(staff)/audit/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';

/** Runs the chain's verification now; the result replaces the line above it. */
export function VerifyNow() {
  const [state, action, pending] = useActionState<ActionState, FormData>(verifyChainAction, null);
  return (
    <form action={action}>
      <button className="button secondary" type="submit" disabled={pending}>
        {pending ? 'Verifying…' : 'Verify now'}
      </button>
      <span className="hint"> Reads the whole log; on a long one this takes a while. Each run is recorded.</span>
      <FormStatus state={state} />
    </form>
  );
}
