'use client';

import { useState, useTransition } from 'react';
import { revealSafeContactAction } from '@/app/(staff)/participants/actions.ts';
import { TEXT_MAX } from '@/lib/participants/schema.ts';
import { TextAreaField } from './answer-fields.tsx';

type Props = {
  /** Absent on the create form: nothing is stored yet, so there is nothing to reveal. */
  id?: string;
  stored: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
};

const HINT = 'Coordinators, outreach workers and managers can read this; each reading is recorded. Encrypted when saved.';

/**
 * The safe contact inside the participant form, and on the create form a first note. On the edit
 * form the stored safe contact stays hidden until the editor asks for it (an audited reading);
 * until then the form leaves it untouched (`sensitive=keep`). Later notes are dated entries added
 * on the participant's page.
 */
export function SensitiveFields({ id, stored, values, errors }: Props) {
  const create = !id;
  const refused = values.sensitive === 'replace';
  const [shown, setShown] = useState<{ safeContact: string } | null>(refused || !stored ? { safeContact: '' } : null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function reveal() {
    const form = new FormData();
    form.set('id', id ?? '');
    startTransition(async () => {
      const state = await revealSafeContactAction(null, form);
      if (state?.ok && state.data) setShown({ safeContact: state.data.safeContact ?? '' });
      else setProblem(state && !state.ok ? (state.formError ?? state.fieldErrors?.id ?? 'That did not work.') : 'That did not work.');
    });
  }

  return (
    <fieldset className="card">
      <legend>{create ? 'Safe contact and notes (optional)' : 'Safe contact (optional)'}</legend>
      {shown ? (
        <>
          <input type="hidden" name="sensitive" value="replace" />
          <TextAreaField
            label="Safe contact"
            name="safeContact"
            hint={`How and whether it is safe to reach them. ${HINT}`}
            maxLength={TEXT_MAX.safeContact}
            defaultValue={refused ? (values.safeContact ?? '') : shown.safeContact}
            error={errors.safeContact}
          />
        </>
      ) : (
        <>
          <input type="hidden" name="sensitive" value="keep" />
          <p className="muted">Hidden. It stays as it is unless you show it to change it; showing it is recorded.</p>
          {problem && (
            <p className="form-error" role="alert">
              {problem}
            </p>
          )}
          <button className="button secondary" type="button" onClick={reveal} disabled={pending}>
            Show the safe contact to change it
          </button>
        </>
      )}
      {create && (
        <TextAreaField
          label="Notes"
          name="notes"
          hint={`Saved as the first dated note, signed by you. ${HINT}`}
          maxLength={TEXT_MAX.notes}
          rows={5}
          defaultValue={values.notes ?? ''}
          error={errors.notes}
        />
      )}
      {!create && <p className="muted">Notes are dated entries: add one on the participant’s page.</p>}
    </fieldset>
  );
}
