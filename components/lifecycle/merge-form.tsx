'use client';

import { useActionState } from 'react';
import { mergeParticipantsAction } from '@/app/(staff)/participants/[id]/merge/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';

type Side = { id: string; alias: string | null; code: string };

/** Which record stays, an explicit "same person" confirmation, then the merge. */
export function MergeForm({ first, second }: { first: Side; second: Side }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(mergeParticipantsAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formError = state && !state.ok ? (state.formError ?? errors.first ?? errors.second) : undefined;
  return (
    <section className="card" aria-labelledby="merge-heading">
      <h2 id="merge-heading">Merge them</h2>
      <form action={action} noValidate>
        <FormStatus state={formError ? { ok: false, formError } : null} />
        <input type="hidden" name="first" value={first.id} />
        <input type="hidden" name="second" value={second.id} />
        <fieldset className="field" aria-describedby={errors.keep ? 'keep-error' : undefined}>
          <legend>Which record stays?</legend>
          {[first, second].map((side, i) => (
            <label key={side.id}>
              <input type="radio" name="keep" value={side.id} defaultChecked={i === 0} /> Keep {side.alias ?? 'this record'} ({side.code})
            </label>
          ))}
          {errors.keep && (
            <span id="keep-error" className="field-error">
              {errors.keep}
            </span>
          )}
        </fieldset>
        <p className="muted">
          Visits and everything else on the other record move to the one that stays. Questions the kept record never asked take the other record&rsquo;s
          answers, and its notes are added to the kept notes. The other record is then emptied. This cannot be undone.
        </p>
        <div className="field">
          <label>
            <input
              type="checkbox"
              name="confirm"
              value="yes"
              aria-invalid={errors.confirm ? true : undefined}
              aria-describedby={errors.confirm ? 'confirm-error' : undefined}
            />{' '}
            These two records are the same person
          </label>
          {errors.confirm && (
            <span id="confirm-error" className="field-error">
              {errors.confirm}
            </span>
          )}
        </div>
        <button className="button danger" type="submit" disabled={pending}>
          Merge records
        </button>
      </form>
    </section>
  );
}
