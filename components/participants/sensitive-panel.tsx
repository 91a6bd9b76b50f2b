'use client';

import { useActionState, useCallback, useState } from 'react';
import { revealSensitiveAction } from '@/app/(staff)/participants/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { formErrors } from '@/components/staff/form-errors.ts';
import type { ActionState } from '@/lib/action.ts';
import type { NoteEntry } from '@/lib/participants/notes.ts';
import { NoteList } from './note-list.tsx';
import { AddNoteForm, type KindOption } from './add-note-form.tsx';

const PRE: React.CSSProperties = { whiteSpace: 'pre-wrap', margin: 0 };

type Props = { id: string; stored: boolean; kinds: KindOption[] | null };

/**
 * Safe contact and dated notes on the profile: hidden until asked for. Asking posts to a Server
 * Action that decrypts them and records the reading in the audit log in the same transaction. The
 * text lives only in this render's state: reloading the page hides it again, and so does adding an
 * entry (the list shown would be out of date). `kinds` is null for roles that may not write notes.
 */
export function SensitivePanel({ id, stored, kinds }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(revealSensitiveAction, null);
  const [hidden, setHidden] = useState(false);
  const { form } = formErrors(state);
  const hide = useCallback(() => setHidden(true), []);
  const revealed = state?.ok && state.data && !hidden ? state.data : null;
  return (
    <>
      {revealed ? (
        <>
          <dl className="details">
            <dt>Safe contact</dt>
            <dd>
              <p style={PRE}>{revealed.safeContact || 'None recorded'}</p>
            </dd>
          </dl>
          <h3>Notes</h3>
          <NoteList entries={JSON.parse(revealed.notes ?? '[]') as NoteEntry[]} />
          <button className="button secondary small" type="button" onClick={() => setHidden(true)}>
            Hide them again
          </button>
        </>
      ) : stored ? (
        <form
          action={(data) => {
            setHidden(false);
            action(data);
          }}
        >
          <FormStatus state={form} />
          <input type="hidden" name="id" value={id} />
          <p className="muted">Hidden so they are not seen by accident. Showing them is recorded in the audit log.</p>
          <button className="button secondary" type="submit" disabled={pending}>
            Show safe contact and notes
          </button>
        </form>
      ) : (
        <p className="muted">None recorded.</p>
      )}
      {kinds && <AddNoteForm participantId={id} kinds={kinds} onAdded={hide} />}
    </>
  );
}
