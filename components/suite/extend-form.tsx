'use client';

import { useActionState } from 'react';
import { extendStayAction } from '@/app/(staff)/suite/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { Field } from '@/components/ui/field.tsx';

/** A later departure; beyond the maximum only a manager can, and the approval is recorded. */
export function ExtendForm({ stayId, endDate, endTime }: { stayId: string; endDate: string; endTime: string }) {
  const [state, action, pending] = useActionState(extendStayAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <details className="suite-extend">
      <summary>Extend the stay</summary>
      <form action={action} noValidate>
        <input type="hidden" name="stayId" value={stayId} />
        <div className="suite-times">
          <Field id="extend-date" label="New departure date" name="endDate" type="date" defaultValue={endDate} error={errors.endDate} required />
          <Field id="extend-time" label="New departure time" name="endTime" type="time" defaultValue={endTime} error={errors.endTime} required />
        </div>
        <button className="button secondary" type="submit" disabled={pending}>
          Extend
        </button>
        <FormStatus state={state} />
      </form>
    </details>
  );
}
