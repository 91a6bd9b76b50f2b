'use client';

import { useState, type FormEvent } from 'react';
import Link from 'next/link';
import { createStayAction } from '@/app/(staff)/suite/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import { PersonPicker, type Who } from '@/components/bookings/person-picker.tsx';
import { Field } from '@/components/ui/field.tsx';

type Props = {
  initialKey: string;
  units: { id: string; name: string }[];
  defaults: { startDate: string; startTime: string; endDate: string; endTime: string };
  maxNights: number;
};

const CONNECTION_FAILED = 'The connection failed, so nothing was booked. Try again.';

/** Who, which unit, arrival and departure; then book now (if free) or add to the waitlist. */
export function BookStayForm({ initialKey, units, defaults, maxNights }: Props) {
  const [key, setKey] = useState(initialKey);
  const [who, setWho] = useState<Who | null>(null);
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<ActionState>(null);
  const [formKey, setFormKey] = useState(0);

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(e.currentTarget, submitter);
    setPending(true);
    const result = await createStayAction(null, data).catch((): ActionState => ({ ok: false, formError: CONNECTION_FAILED }));
    setPending(false);
    setState(result);
    if (result?.ok) {
      setKey(newIdempotencyKey());
      setWho(null);
      setFormKey((k) => k + 1);
    }
  };
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  const v = (name: keyof Props['defaults']) => values[name] ?? defaults[name];
  return (
    <section className="card suite-book" aria-labelledby="suite-book-heading">
      <h2 id="suite-book-heading">Book a stay</h2>
      <p className="muted">
        Up to {maxNights} {maxNights === 1 ? 'night' : 'nights'}; a longer stay needs a manager.
      </p>
      <form key={formKey} noValidate onSubmit={submit}>
        <input type="hidden" name="idempotencyKey" value={key} />
        <input type="hidden" name="participantId" value={who && who.kind === 'person' ? who.id : ''} />
        <PersonPicker id="suite-who" chosen={who} onChoose={setWho} error={errors.participantId} allowAnonymous={false} label="Participant" />
        {units.length > 1 ? (
          <div className="field">
            <label htmlFor="suite-unit">Unit</label>
            <select id="suite-unit" name="unitId" defaultValue={values.unitId ?? units[0]!.id}>
              {units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <input type="hidden" name="unitId" value={units[0]!.id} />
        )}
        <div className="suite-times">
          <Field label="Arrival date" name="startDate" type="date" defaultValue={v('startDate')} error={errors.startDate} required />
          <Field label="Arrival time" name="startTime" type="time" defaultValue={v('startTime')} error={errors.startTime} required />
          <Field label="Departure date" name="endDate" type="date" defaultValue={v('endDate')} error={errors.endDate} required />
          <Field label="Departure time" name="endTime" type="time" defaultValue={v('endTime')} error={errors.endTime} required />
        </div>
        <div className="row suite-buttons">
          <button className="button" type="submit" name="mode" value="book" disabled={pending}>
            Book stay
          </button>
          <button className="button secondary" type="submit" name="mode" value="request" disabled={pending}>
            Add to waitlist
          </button>
        </div>
      </form>
      <div aria-live="polite">
        {state?.ok && (
          <p className="form-ok" role="status">
            {state.message} {state.data?.stayId && <Link href={`/suite/stays/${state.data.stayId}`}>Open the stay</Link>}
          </p>
        )}
        {state && !state.ok && state.formError && (
          <p className="form-error" role="alert">
            {state.formError}
          </p>
        )}
      </div>
    </section>
  );
}
