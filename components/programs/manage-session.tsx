'use client';

import { useActionState } from 'react';
import { cancelSessionAction, moveSessionAction } from '@/app/(staff)/programs/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formParts } from '@/components/bookings/settings/use-form-state.ts';
import type { ActionState } from '@/lib/action.ts';

type Props = { sessionId: string; day: string; start: string; end: string };

/** Move or cancel a session (kept and shown as cancelled). Program managers. */
export function ManageSession({ sessionId, day, start, end }: Props) {
  const [moveState, move, moving] = useActionState<ActionState, FormData>(moveSessionAction, null);
  const [cancelState, cancel, cancelling] = useActionState<ActionState, FormData>(cancelSessionAction, null);
  const m = formParts(moveState);
  const c = formParts(cancelState);
  return (
    <section className="card" aria-labelledby="manage-heading">
      <h2 id="manage-heading">Move or cancel</h2>
      <form action={move} noValidate>
        <FormStatus state={m.status} />
        <input type="hidden" name="sessionId" value={sessionId} />
        <div className="row">
          <Field id="move-day" label="Date" name="day" type="date" defaultValue={m.values.day ?? day} error={m.errors.day} />
          <Field id="move-start" label="Starts" name="start" inputMode="numeric" defaultValue={m.values.start ?? start} error={m.errors.start} />
          <Field id="move-end" label="Ends" name="end" inputMode="numeric" defaultValue={m.values.end ?? end} error={m.errors.end} />
        </div>
        <button className="button secondary" type="submit" disabled={moving}>
          Move
        </button>
      </form>
      <form action={cancel} noValidate>
        <FormStatus state={c.status} />
        <input type="hidden" name="sessionId" value={sessionId} />
        <Field
          id="cancel-reason"
          label="Reason for cancelling"
          name="reason"
          autoComplete="off"
          maxLength={200}
          defaultValue={c.values.reason}
          error={c.errors.reason}
          hint="E.g. the nurse is away. About the session, never a person: no names. The session stays on the list, marked cancelled."
        />
        <button className="button secondary" type="submit" disabled={cancelling}>
          Cancel this session
        </button>
      </form>
    </section>
  );
}
