'use client';

import { useActionState, useEffect, useRef } from 'react';
import { logEntryAction } from '@/app/(staff)/suite/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { NOTE_MAX } from '@/lib/safe-suite/schema.ts';

/** A welfare check (a note optional) or a shift handover note (a note needed), on a stay in progress. */
export function LogForm({ stayId }: { stayId: string }) {
  const [state, action, pending] = useActionState(logEntryAction, null);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state?.ok) form.current?.reset();
  }, [state]);
  const error = state && !state.ok ? state.fieldErrors?.text : undefined;
  const kindError = state && !state.ok ? state.fieldErrors?.kind : undefined;
  return (
    <form ref={form} action={action} noValidate className="suite-log-form">
      <input type="hidden" name="stayId" value={stayId} />
      <fieldset className="suite-kind">
        <legend>What is it?</legend>
        <label>
          <input type="radio" name="kind" value="welfare_check" defaultChecked /> Welfare check
        </label>
        <label>
          <input type="radio" name="kind" value="handover" /> Shift handover note
        </label>
        {kindError && <span className="field-error">{kindError}</span>}
      </fieldset>
      <div className="field">
        <label htmlFor="log-text">Note</label>
        <span id="log-text-hint" className="hint">
          Optional for a welfare check. Kept private: staff who see stays only.
        </span>
        <textarea
          id="log-text"
          name="text"
          rows={3}
          maxLength={NOTE_MAX}
          aria-invalid={error ? true : undefined}
          aria-describedby={`log-text-hint${error ? ' log-text-error' : ''}`}
        />
        {error && (
          <span id="log-text-error" className="field-error">
            {error}
          </span>
        )}
      </div>
      <button className="button" type="submit" disabled={pending}>
        Save to the log
      </button>
      <FormStatus state={state} />
    </form>
  );
}
