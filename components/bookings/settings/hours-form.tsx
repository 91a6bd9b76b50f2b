'use client';

import { useActionState } from 'react';
import { setHoursAction } from '@/app/(staff)/settings/resources/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import { WEEKDAY_LABEL, WEEKDAYS } from '@/lib/bookings/resource-schema.ts';
import { minutesLabel, type OpeningHours } from '@/lib/bookings/hours.ts';
import { formParts } from './use-form-state.ts';

function TimeBox({ name, label, value, error }: { name: string; label: string; value: string; error?: string }) {
  const id = `hours-${name.replace('.', '-')}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        inputMode="numeric"
        placeholder="9:00"
        size={6}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <span id={`${id}-error`} className="field-error">
          {error}
        </span>
      )}
    </div>
  );
}

/** Opening hours per weekday, in Kamloops time; a day with both boxes empty is closed. */
export function HoursForm({ resourceId, hours }: { resourceId: string; hours: OpeningHours[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setHoursAction, null);
  const { errors, values, status } = formParts(state);
  const shown = (key: string, minutes: number | undefined) => values[key] ?? (minutes === undefined ? '' : minutesLabel(minutes));
  return (
    <section className="card booking-section" aria-labelledby="hours-heading">
      <h2 id="hours-heading">Opening hours</h2>
      <p className="muted">Times like 9:00 or 16:30. Leave both empty on a day it is closed. Slots start at the opening time.</p>
      <form action={action} noValidate>
        <FormStatus state={status} />
        <input type="hidden" name="resourceId" value={resourceId} />
        {WEEKDAYS.map((d) => {
          const h = hours.find((x) => x.weekday === d);
          return (
            <fieldset key={d} className="row booking-hours-day">
              <legend>{WEEKDAY_LABEL[d]}</legend>
              <TimeBox name={`opens.${d}`} label="Opens" value={shown(`opens.${d}`, h?.opensMin)} error={errors[`opens.${d}`]} />
              <TimeBox name={`closes.${d}`} label="Closes" value={shown(`closes.${d}`, h?.closesMin)} error={errors[`closes.${d}`]} />
            </fieldset>
          );
        })}
        <button className="button" type="submit" disabled={pending}>
          Save opening hours
        </button>
      </form>
    </section>
  );
}
