'use client';

import { useState, useTransition } from 'react';
import { revealSensitiveAction } from '@/app/(staff)/participants/actions.ts';
import { TEXT_MAX } from '@/lib/participants/schema.ts';
import { TextAreaField } from './answer-fields.tsx';

type Props = {
  /** Absent on the create form: nothing is stored yet, so there is nothing to reveal. */
  id?: string;
  stored: boolean;
  values: Record<string, string>;
  errors: Record<string, string>;
};

const HINT = 'Coordinators, outreach workers and managers can read these; each reading is recorded. Encrypted when saved.';

/**
 * Safe contact and notes inside the participant form. On the edit form, stored text stays hidden
 * until the editor asks for it (an audited reading); until then the form leaves both untouched
 * (`sensitive=keep`).
 */
export function SensitiveFields({ id, stored, values, errors }: Props) {
  const refused = values.sensitive === 'replace';
  const [shown, setShown] = useState<{ safeContact: string; notes: string } | null>(refused || !stored ? { safeContact: '', notes: '' } : null);
  const [problem, setProblem] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function reveal() {
    const form = new FormData();
    form.set('id', id ?? '');
    startTransition(async () => {
      const state = await revealSensitiveAction(null, form);
      if (state?.ok && state.data) setShown({ safeContact: state.data.safeContact ?? '', notes: state.data.notes ?? '' });
      else setProblem(state && !state.ok ? state.formError ?? state.fieldErrors?.id ?? 'That did not work.' : 'That did not work.');
    });
  }

  return (
    <fieldset className="card">
      <legend>Safe contact and notes (optional)</legend>
      {shown ? (
        <>
          <input type="hidden" name="sensitive" value="replace" />
          <TextAreaField label="Safe contact" name="safeContact" hint={`How and whether it is safe to reach them. ${HINT}`} maxLength={TEXT_MAX.safeContact}
            defaultValue={refused ? values.safeContact ?? '' : shown.safeContact} error={errors.safeContact} />
          <TextAreaField label="Notes" name="notes" hint={HINT} maxLength={TEXT_MAX.notes} rows={5}
            defaultValue={refused ? values.notes ?? '' : shown.notes} error={errors.notes} />
        </>
      ) : (
        <>
          <input type="hidden" name="sensitive" value="keep" />
          <p className="muted">Hidden. They stay as they are unless you show them to change them; showing them is recorded.</p>
          {problem && <p className="form-error" role="alert">{problem}</p>}
          <button className="button secondary" type="button" onClick={reveal} disabled={pending}>Show safe contact and notes to change them</button>
        </>
      )}
    </fieldset>
  );
}
