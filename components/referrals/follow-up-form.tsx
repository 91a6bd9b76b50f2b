'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/action.ts';
import { setFollowUpAction } from '@/app/(staff)/referrals/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';

/** Moves the next follow-up of an open referral (never before the referral date). */
export function FollowUpForm({ referralId, followUpOn, referredOn }: { referralId: string; followUpOn: string; referredOn: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setFollowUpAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={action} className="referral-form" aria-label="Follow-up date">
      <input type="hidden" name="referralId" value={referralId} />
      <Field label="Next follow-up" name="followUpOn" type="date" min={referredOn} defaultValue={followUpOn} error={errors.followUpOn} />
      <FormStatus state={state} />
      <button className="button secondary" type="submit" disabled={pending}>
        Save follow-up date
      </button>
    </form>
  );
}
