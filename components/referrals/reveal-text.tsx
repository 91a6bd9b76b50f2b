'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/action.ts';
import { revealTextAction } from '@/app/(staff)/referrals/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';

/** "a", "a and b", "a, b and c". */
function words(parts: (string | false)[]): string {
  const w = parts.filter((p): p is string => !!p);
  return w.length > 1 ? `${w.slice(0, -1).join(', ')} and ${w.at(-1)}` : w.join('');
}

type Held = { referralId: string; hasDetail: boolean; hasSummary: boolean; hasOutcome: boolean };

/** The reason's details, the summary and the outcome note stay hidden until asked for; each reading is written to the audit log. */
export function RevealText({ referralId, hasDetail, hasSummary, hasOutcome }: Held) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revealTextAction, null);
  if (!hasDetail && !hasSummary && !hasOutcome) return null;
  const shown = state?.ok ? state.data : undefined;
  return (
    <div>
      {shown ? (
        <dl className="referral-facts">
          {hasDetail && (
            <>
              <dt>Reason in words</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{shown.detail}</dd>
            </>
          )}
          {hasSummary && (
            <>
              <dt>Summary shared</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{shown.summary}</dd>
            </>
          )}
          {hasOutcome && (
            <>
              <dt>Outcome note</dt>
              <dd style={{ whiteSpace: 'pre-wrap' }}>{shown.outcome}</dd>
            </>
          )}
        </dl>
      ) : (
        <form action={action}>
          <input type="hidden" name="referralId" value={referralId} />
          <button className="button secondary" type="submit" disabled={pending}>
            Show the {words([hasDetail && 'reason in words', hasSummary && 'summary', hasOutcome && 'outcome note'])}
          </button>
          <span className="hint"> Each viewing is recorded.</span>
        </form>
      )}
      <FormStatus state={state?.ok ? null : state} />
    </div>
  );
}
