'use client';

import { useActionState } from 'react';
import { changeStayAction } from '@/app/(staff)/suite/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { TRANSITION_LABEL, type StayStatus, type StayTransition } from '@/lib/safe-suite/labels.ts';

const NEXT: Record<StayStatus, StayTransition[]> = {
  requested: ['confirm', 'decline', 'cancel'],
  confirmed: ['check_in', 'no_show', 'cancel'],
  checked_in: ['check_out'],
  checked_out: [], cancelled: [], declined: [], no_show: [],
};

/** The changes possible from a stay's status, as buttons; the answer (or why not) shows beneath. */
export function StayActions({ stayId, status, label }: { stayId: string; status: StayStatus; label?: string }) {
  const [state, action, pending] = useActionState(changeStayAction, null);
  const next = NEXT[status];
  // The last change's answer stays in view after the stay reaches an end (checked out, cancelled…).
  if (next.length === 0) return <FormStatus state={state} />;
  return (
    <form action={action} className="suite-actions" aria-label={label}>
      <input type="hidden" name="stayId" value={stayId} />
      <div className="row">
        {next.map((t, i) => (
          <button key={t} className={`button small${i === 0 ? '' : ' secondary'}`} type="submit" name="transition" value={t} disabled={pending}>
            {TRANSITION_LABEL[t]}
          </button>
        ))}
      </div>
      <FormStatus state={state} />
    </form>
  );
}
