'use client';

import { useActionState, useState } from 'react';
import { addAnonymousAction, removeAttendeeAction, saveSessionDetailsAction } from '@/app/(staff)/programs/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import { formParts } from '@/components/bookings/settings/use-form-state.ts';
import type { ActionState } from '@/lib/action.ts';
import { MAX_HEADCOUNT } from '@/lib/programs/labels.ts';

/** "+1 without a name": one press per person who gives no name. */
export function AddAnonymousButton({ sessionId }: { sessionId: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(addAnonymousAction, null);
  // A fresh key per counted press: a double submit of one press carries the same key and counts once.
  const [key, setKey] = useState(newIdempotencyKey);
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    if (state?.ok) setKey(newIdempotencyKey());
  }
  return (
    <form action={action}>
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <button className="button secondary" type="submit" disabled={pending}>
        +1 without a name
      </button>
      <FormStatus state={state} />
    </form>
  );
}

/** Takes one person off the session (counted by mistake). */
export function RemoveAttendee({ sessionId, participantId, label }: { sessionId: string; participantId: string; label: string }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(removeAttendeeAction, null);
  return (
    <form action={action} className="inline-form">
      <input type="hidden" name="sessionId" value={sessionId} />
      <input type="hidden" name="participantId" value={participantId} />
      <button className="button small secondary" type="submit" disabled={pending} aria-label={`Take off ${label}`}>
        Take off
      </button>
      {state && !state.ok && <FormStatus state={state} />}
    </form>
  );
}

type Details = { sessionId: string; anonymousCount: number; partnerPresent: boolean; topics: string; partner: string | null };

/** The headcount of people who gave no name, whether the partner came, and what was covered. */
export function SessionDetailsForm({ sessionId, anonymousCount, partnerPresent, topics, partner }: Details) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveSessionDetailsAction, null);
  const { errors, values, status } = formParts(state);
  return (
    <form key={`${anonymousCount}-${state?.ok ? 'saved' : 'form'}`} action={action} noValidate>
      <FormStatus state={status} />
      <input type="hidden" name="sessionId" value={sessionId} />
      <Field
        label="People who gave no name"
        name="anonymousCount"
        type="number"
        inputMode="numeric"
        min={0}
        max={MAX_HEADCOUNT}
        defaultValue={values.anonymousCount ?? String(anonymousCount)}
        error={errors.anonymousCount}
        hint="A headcount. Not a list."
      />
      <div className="field checkbox">
        <label>
          <input type="checkbox" name="partnerPresent" defaultChecked={values.partnerPresent ? values.partnerPresent === 'on' : partnerPresent} />{' '}
          {partner ? `${partner} came` : 'Partner staff came'}
        </label>
      </div>
      <Field
        label="Topics (optional)"
        name="topics"
        autoComplete="off"
        maxLength={200}
        defaultValue={values.topics ?? topics}
        error={errors.topics}
        hint="What the session covered. Never anything about a person."
      />
      <button className="button" type="submit" disabled={pending}>
        Save
      </button>
    </form>
  );
}
