'use client';

import { useActionState, useState } from 'react';
import type { ActionState } from '@/lib/action.ts';
import { changeStatusAction, reopenReferralAction } from '@/app/(staff)/referrals/actions.ts';
import { isFinal, NEXT, STATUS_LABELS, TEXT_MAX, type ReferralStatus } from '@/lib/referrals/rules.ts';
import { ConfirmStep } from '@/components/ui/confirm-step.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { UndoNotice } from '@/components/ui/undo-notice.tsx';
import { keptSubmit } from './kept-form.ts';

/**
 * What happened next: only the changes allowed from the current status are offered. The form stays
 * mounted when the status it was given changes, so "Status changed…" is still shown after the page
 * refreshes with the new status; only the choice is cleared. A status that ends the referral asks
 * once first, and can be undone for a while after (`reopenUntil`, from the page).
 */
export function StatusForm({ referralId, status, reopenUntil }: { referralId: string; status: ReferralStatus; reopenUntil?: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeStatusAction, null);
  const [next, setNext] = useState<ReferralStatus | ''>('');
  const [shownFor, setShownFor] = useState(status);
  if (shownFor !== status) {
    setShownFor(status);
    setNext('');
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const options = NEXT[status];
  if (options.length === 0) {
    return (
      <>
        <FormStatus state={state} />
        {reopenUntil ? (
          <UndoNotice message="This referral has ended." action={reopenReferralAction} fields={{ referralId }} until={reopenUntil} autoFocus={!!state?.ok} />
        ) : (
          <p className="muted">This referral has ended. Make a new referral if the person wants another.</p>
        )}
      </>
    );
  }
  return (
    <form action={action} onSubmit={keptSubmit(action)} className="referral-form" aria-labelledby="status-heading">
      <h2 id="status-heading">What happened?</h2>
      <input type="hidden" name="referralId" value={referralId} />
      <div className="field">
        <label htmlFor="field-status">New status</label>
        <select
          id="field-status"
          name="status"
          value={next}
          onChange={(e) => setNext(e.target.value as ReferralStatus)}
          aria-invalid={errors.status ? true : undefined}
          aria-describedby={errors.status ? 'field-status-error' : undefined}
        >
          <option value="">Choose</option>
          {options.map((s) => (
            <option key={s} value={s}>
              {STATUS_LABELS[s]}
            </option>
          ))}
        </select>
        {errors.status && (
          <span id="field-status-error" className="field-error">
            {errors.status}
          </span>
        )}
      </div>
      {next !== '' && isFinal(next) && (
        <div className="field">
          <label htmlFor="field-outcome">Outcome note (optional)</label>
          <span id="field-outcome-hint" className="hint">
            Up to {TEXT_MAX} characters, kept encrypted.
          </span>
          <textarea
            id="field-outcome"
            name="outcome"
            rows={3}
            aria-invalid={errors.outcome ? true : undefined}
            aria-describedby={`field-outcome-hint${errors.outcome ? ' field-outcome-error' : ''}`}
          />
          {errors.outcome && (
            <span id="field-outcome-error" className="field-error">
              {errors.outcome}
            </span>
          )}
        </div>
      )}
      <FormStatus state={state} />
      {next !== '' && isFinal(next) ? (
        <ConfirmStep
          label="Save status"
          question={`This ends the referral (“${STATUS_LABELS[next].toLowerCase()}”). End it?`}
          confirmLabel="Yes, end it"
          busy={pending}
          className="button"
          confirmClassName="button danger"
        />
      ) : (
        <button className="button" type="submit" disabled={pending}>
          {pending ? 'Saving…' : 'Save status'}
        </button>
      )}
    </form>
  );
}
