'use client';

import { useState, type FormEvent } from 'react';
import { personBookAction } from '@/app/(staff)/bookings/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';

/** "Next free shower" / "Next free laundry" for one known person: one click books. */
export function NextFreeButtons({ participantId, initialKey }: { participantId: string; initialKey: string }) {
  const [key, setKey] = useState(initialKey);
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<ActionState>(null);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const data = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    setPending(true);
    const result = await personBookAction(null, data).catch((): ActionState => ({
      ok: false,
      formError: 'The connection failed, so nothing was booked. Try again.',
    }));
    setPending(false);
    setState(result);
    if (result?.ok) setKey(newIdempotencyKey());
  };
  // A row of buttons (personBookAction hides every input): any refusal is the form's.
  const error = state && !state.ok ? state.formError : undefined;
  return (
    <form noValidate onSubmit={submit} className="row booking-buttons">
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="participantId" value={participantId} />
      <button className="button" type="submit" name="mode" value="next:shower" disabled={pending}>
        Next free shower
      </button>
      <button className="button" type="submit" name="mode" value="next:laundry" disabled={pending}>
        Next free laundry
      </button>
      <div aria-live="polite">
        {state?.ok && (
          <p className="form-ok" role="status">
            {state.message}
          </p>
        )}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
