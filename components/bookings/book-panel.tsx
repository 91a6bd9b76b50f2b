'use client';

import { useRef, useState, type FormEvent } from 'react';
import { deskBookAction } from '@/app/(staff)/bookings/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import { PersonPicker, whoLabel, type Who } from './person-picker.tsx';
import './bookings.css';

type Props = {
  id: string;
  initialKey: string;
  day: string;
  isToday: boolean;
  heading?: string;
};

const CONNECTION_FAILED = 'The connection failed, so nothing was booked. Try again.';

/**
 * Who, then one button: the next free shower or laundry today, or a place on the day's waitlist
 * (a chosen slot is booked on the grid itself, where its Book button is). The answer (a ticket number, or why not) shows beneath.
 */
export function BookPanel({ id, initialKey, day, isToday, heading = 'Book a shower or laundry' }: Props) {
  const [key, setKey] = useState(initialKey);
  const [who, setWho] = useState<Who | null>(null);
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<{ result: ActionState; who: string } | null>(null);
  const search = () => document.getElementById(`${id}-search`);
  const main = useRef<HTMLButtonElement>(null);

  const choose = (chosen: Who | null) => {
    setWho(chosen);
    // Chosen: the next Enter books.
    if (chosen) setTimeout(() => main.current?.focus(), 0);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const submitter = (e.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const data = new FormData(e.currentTarget, submitter);
    const label = who ? whoLabel(who) : '';
    setPending(true);
    const result = await deskBookAction(null, data).catch((): ActionState => ({ ok: false, formError: CONNECTION_FAILED }));
    setPending(false);
    setState({ result, who: label });
    if (result?.ok) {
      setKey(newIdempotencyKey());
      setWho(null);
      search()?.focus();
    }
  };

  const errors = state?.result && !state.result.ok ? (state.result.fieldErrors ?? {}) : {};
  const formError = state?.result && !state.result.ok ? state.result.formError : undefined;
  return (
    <section className="card book-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <form noValidate onSubmit={submit}>
        <input type="hidden" name="idempotencyKey" value={key} />
        <input type="hidden" name="participantId" value={who ? (who.kind === 'anonymous' ? 'anonymous' : who.id) : ''} />
        <input type="hidden" name="day" value={day} />
        <PersonPicker id={id} chosen={who} onChoose={choose} error={errors.participantId} />
        <div className="row booking-buttons">
          {isToday &&
            ['shower', 'laundry'].map((k, i) => (
              <button key={k} ref={i === 0 ? main : undefined} className="button" type="submit" name="mode" value={`next:${k}`} disabled={pending}>
                Next free {k}
              </button>
            ))}
          {['shower', 'laundry'].map((k) => (
            <button key={k} className="button secondary" type="submit" name="mode" value={`wait:${k}`} disabled={pending}>
              Add to {k} waitlist
            </button>
          ))}
        </div>
      </form>
      <div aria-live="polite">
        {pending && <p className="muted">Booking…</p>}
        {state?.result?.ok && (
          <p className="form-ok" role="status">
            {state.result.message}
            {state.who ? ` For ${state.who}.` : ''}
          </p>
        )}
      </div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
    </section>
  );
}
