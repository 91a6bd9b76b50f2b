'use client';

import { useActionState } from 'react';
import type { ActionState } from '@/lib/action.ts';

/**
 * "Stay cancelled. Undo": shown right after a destructive action and on the record while it can
 * still be undone (lib/undo-window.ts). The undo is a Server Action of its own; a refusal (the time
 * has passed, the room was booked meanwhile) shows beneath. `autoFocus` when it replaces the button
 * that was just pressed, so a keyboard user lands on Undo instead of the top of the page.
 */
export function UndoNotice({
  message,
  action,
  fields,
  until,
  label = 'Undo',
  autoFocus = false,
}: {
  message: string;
  action: (state: ActionState, formData: FormData) => Promise<ActionState>;
  /** Hidden fields naming the record (`{ stayId }`). */
  fields: Record<string, string>;
  /** "14:45": when the undo closes, in program time, worked out on the server. */
  until?: string;
  label?: string;
  autoFocus?: boolean;
}) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(action, null);
  // Every undo action declares its form hidden (`hidden: true`): its refusal is the form's.
  const error = state && !state.ok ? state.formError : undefined;
  return (
    <form action={formAction} className="undo-notice">
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <p role="status">
        <span>{message}</span>{' '}
        <button type="submit" className="button secondary small" disabled={pending} autoFocus={autoFocus}>
          {label}
        </button>
        {until && <span className="muted"> (until {until})</span>}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
