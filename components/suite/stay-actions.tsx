'use client';

import { useActionState } from 'react';
import { changeStayAction, reinstateStayAction } from '@/app/(staff)/suite/actions.ts';
import { ConfirmStep } from '@/components/ui/confirm-step.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { UndoNotice } from '@/components/ui/undo-notice.tsx';
import { TRANSITION_LABEL, type StayStatus, type StayTransition } from '@/lib/safe-suite/labels.ts';

const NEXT: Record<StayStatus, StayTransition[]> = {
  requested: ['confirm', 'decline', 'cancel'],
  confirmed: ['check_in', 'no_show', 'cancel'],
  checked_in: ['check_out'],
  checked_out: [],
  cancelled: [],
  declined: [],
  no_show: [],
};

/**
 * The changes possible from a stay's status, as buttons; the answer (or why not) shows beneath.
 * Cancelling asks once first (ConfirmStep); a stay cancelled in the last few minutes offers Undo
 * (`reinstateUntil`, the time the undo closes, worked out by the page on the program clock).
 */
export function StayActions({ stayId, status, label, reinstateUntil }: { stayId: string; status: StayStatus; label?: string; reinstateUntil?: string }) {
  const [state, action, pending] = useActionState(changeStayAction, null);
  const next = NEXT[status];
  if (status === 'cancelled' && reinstateUntil) {
    return (
      <div className="suite-actions" aria-label={label} role="group">
        <UndoNotice message="Stay cancelled." action={reinstateStayAction} fields={{ stayId }} until={reinstateUntil} autoFocus={!!state?.ok} />
      </div>
    );
  }
  // The last change's answer stays in view after the stay reaches an end (checked out, cancelled…).
  if (next.length === 0) return <FormStatus state={state} />;
  return (
    <form action={action} className="suite-actions" aria-label={label}>
      <input type="hidden" name="stayId" value={stayId} />
      <div className="row">
        {next.map((t, i) =>
          t === 'cancel' ? (
            <ConfirmStep
              key={t}
              label={TRANSITION_LABEL[t]}
              question="Cancel this stay?"
              confirmLabel="Yes, cancel it"
              keepLabel="Keep"
              name="transition"
              value={t}
              busy={pending}
            />
          ) : (
            <button key={t} className={`button small${i === 0 ? '' : ' secondary'}`} type="submit" name="transition" value={t} disabled={pending}>
              {TRANSITION_LABEL[t]}
            </button>
          ),
        )}
      </div>
      <FormStatus state={state} />
    </form>
  );
}
