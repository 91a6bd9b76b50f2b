'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/action.ts';
import { revealTextAction } from '@/app/(staff)/referrals/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';

/** The summary and outcome note stay hidden until asked for; each reading is written to the audit log. */
export function RevealText({ referralId, hasSummary, hasOutcome }: { referralId: string; hasSummary: boolean; hasOutcome: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revealTextAction, null);
  if (!hasSummary && !hasOutcome) return null;
  const shown = state?.ok ? state.data : undefined;
  return (
    <div>
      {shown ? (
        <dl className="referral-facts">
          {hasSummary && <><dt>Summary shared</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{shown.summary}</dd></>}
          {hasOutcome && <><dt>Outcome note</dt><dd style={{ whiteSpace: 'pre-wrap' }}>{shown.outcome}</dd></>}
        </dl>
      ) : (
        <form action={action}>
          <input type="hidden" name="referralId" value={referralId} />
          <button className="button secondary" type="submit" disabled={pending}>
            Show the {[hasSummary && 'summary', hasOutcome && 'outcome note'].filter(Boolean).join(' and ')}
          </button>
          <span className="hint"> Each viewing is recorded.</span>
        </form>
      )}
      <FormStatus state={state?.ok ? null : state} />
    </div>
  );
}
