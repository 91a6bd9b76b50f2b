'use client';

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { deskBookAction } from '@/app/(staff)/bookings/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import { PersonPicker, whoLabel, type Who } from './person-picker.tsx';
import './bookings.css';

export type Target = { resourceId: string; start: string; label: string };

type Props = {
  id: string;
  initialKey: string;
  day: string;
  isToday: boolean;
  /** A slot picked on the grid, to book with the main button. */
  target?: Target | null;
  onClearTarget?: () => void;
  /** Bumped by the grid when a slot is picked: the search box takes the focus. */
  focusRequest?: number;
  heading?: string;
};

const CONNECTION_FAILED = 'The connection failed, so nothing was booked. Try again.';

/**
 * Who, then one button: book the slot picked on the grid, the next free shower or laundry today,
 * or a place on the day's waitlist. The answer (a ticket number, or why not) shows beneath.
 */
export function BookPanel({ id, initialKey, day, isToday, target, onClearTarget, focusRequest, heading = 'Book a shower or laundry' }: Props) {
  const [key, setKey] = useState(initialKey);
  const [who, setWho] = useState<Who | null>(null);
  const [pending, setPending] = useState(false);
  const [state, setState] = useState<{ result: ActionState; who: string } | null>(null);
  const search = () => document.getElementById(`${id}-search`);
  const main = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (focusRequest) search()?.focus();
  }, [focusRequest]); // eslint-disable-line react-hooks/exhaustive-deps -- only a new request moves the focus

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
      onClearTarget?.();
      search()?.focus();
    }
  };

  const errors = state?.result && !state.result.ok ? state.result.fieldErrors ?? {} : {};
  const formError = state?.result && !state.result.ok ? state.result.formError : undefined;
  return (
    <section className="card book-panel" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      <form noValidate onSubmit={submit}>
        <input type="hidden" name="idempotencyKey" value={key} />
        <input type="hidden" name="participantId" value={who ? (who.kind === 'anonymous' ? 'anonymous' : who.id) : ''} />
        <input type="hidden" name="day" value={day} />
        {target && <><input type="hidden" name="resourceId" value={target.resourceId} /><input type="hidden" name="slotStart" value={target.start} /></>}
        <PersonPicker id={id} chosen={who} onChoose={choose} error={errors.participantId} />
        <div className="row booking-buttons">
          {target && (
            <>
              <button ref={main} className="button" type="submit" name="mode" value="slot" disabled={pending}>Book {target.label}</button>
              <button className="button small secondary" type="button" onClick={onClearTarget}>Clear slot</button>
            </>
          )}
          {isToday && ['shower', 'laundry'].map((k, i) => (
            <button key={k} ref={!target && i === 0 ? main : undefined} className={target ? 'button secondary' : 'button'} type="submit"
              name="mode" value={`next:${k}`} disabled={pending}>Next free {k}</button>
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
        {state?.result?.ok && <p className="form-ok" role="status">{state.result.message}{state.who ? ` For ${state.who}.` : ''}</p>}
      </div>
      {formError && <p className="form-error" role="alert">{formError}</p>}
    </section>
  );
}
