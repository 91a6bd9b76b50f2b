'use client';

import { useActionState, useState } from 'react';
import { revealSensitiveAction } from '@/app/(staff)/participants/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formErrors } from '@/components/staff/form-errors.ts';
import type { ActionState } from '@/lib/action.ts';

const PRE: React.CSSProperties = { whiteSpace: 'pre-wrap', margin: 0 };

/**
 * Safe contact and notes on the profile: hidden until asked for. Asking posts to a Server Action
 * that decrypts them and records the reading in the audit log in the same transaction. The text
 * lives only in this render's state: reloading the page hides it again.
 */
export function SensitivePanel({ id }: { id: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revealSensitiveAction, null);
  const [hidden, setHidden] = useState(false);
  const { form } = formErrors(state);
  if (state?.ok && state.data && !hidden) {
    return (
      <>
        <dl className="details">
          <dt>Safe contact</dt><dd><p style={PRE}>{state.data.safeContact || 'None recorded'}</p></dd>
          <dt>Notes</dt><dd><p style={PRE}>{state.data.notes || 'None recorded'}</p></dd>
        </dl>
        <button className="button secondary small" type="button" onClick={() => setHidden(true)}>Hide them again</button>
      </>
    );
  }
  return (
    <form action={(data) => { setHidden(false); action(data); }}>
      <FormStatus state={form} />
      <input type="hidden" name="id" value={id} />
      <p className="muted">Hidden so they are not seen by accident. Showing them is recorded in the audit log.</p>
      <button className="button secondary" type="submit" disabled={pending}>Show safe contact and notes</button>
    </form>
  );
}
