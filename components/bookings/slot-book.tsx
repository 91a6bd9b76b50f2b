'use client';

import { useEffect, useState, type FormEvent } from 'react';
import { deskBookAction } from '@/app/(staff)/bookings/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import { PersonPicker, whoLabel, type Who } from './person-picker.tsx';

export type Target = { resourceId: string; start: string; label: string };

type Props = {
  id: string;
  day: string;
  target: Target;
  /** Booked: what to say, and the ticket whose card takes the focus. */
  onBooked: (message: string, ticket: string) => void;
  onClose: () => void;
};

const CONNECTION_FAILED = 'The connection failed, so nothing was booked. Try again.';

/**
 * Booking one slot where its Book button is: who (the person picker takes the focus), then
 * "Book …" saves it. Esc or Close puts the focus back on the Book button that opened it.
 */
export function SlotBook({ id, day, target, onBooked, onClose }: Props) {
  const [key] = useState(newIdempotencyKey);
  const [who, setWho] = useState<Who | null>(null);
  const [pending, setPending] = useState(false);
  const [result, setResult] = useState<ActionState>(null);
  const saveId = `${id}-save`;

  useEffect(() => {
    document.getElementById(`${id}-search`)?.focus();
  }, [id]);

  const choose = (chosen: Who | null) => {
    setWho(chosen);
    // Chosen: the next Enter books.
    if (chosen) setTimeout(() => document.getElementById(saveId)?.focus(), 0);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (pending) return;
    const data = new FormData(e.currentTarget);
    setPending(true);
    const answer = await deskBookAction(null, data).catch((): ActionState => ({ ok: false, formError: CONNECTION_FAILED }));
    setPending(false);
    setResult(answer);
    if (answer?.ok) onBooked(`${answer.message ?? 'Booked.'}${who ? ` For ${whoLabel(who)}.` : ''}`, answer.data?.ticket ?? '');
  };

  const errors = result && !result.ok ? (result.fieldErrors ?? {}) : {};
  const formError = result && !result.ok ? result.formError : undefined;
  return (
    <form
      noValidate
      onSubmit={submit}
      className="slot-book"
      aria-label={`Book ${target.label}`}
      onKeyDown={(e) => {
        // Esc in the search box first closes its list (the picker's own); with nothing typed it closes the panel.
        const typing = e.target instanceof HTMLInputElement && e.target.value !== '';
        if (e.key === 'Escape' && !typing) {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <input type="hidden" name="idempotencyKey" value={key} />
      <input type="hidden" name="participantId" value={who ? (who.kind === 'anonymous' ? 'anonymous' : who.id) : ''} />
      <input type="hidden" name="day" value={day} />
      <input type="hidden" name="resourceId" value={target.resourceId} />
      <input type="hidden" name="slotStart" value={target.start} />
      <input type="hidden" name="mode" value="slot" />
      <PersonPicker id={id} chosen={who} onChoose={choose} error={errors.participantId} />
      <div className="row booking-buttons">
        <button id={saveId} className="button" type="submit" disabled={pending}>
          Book {target.label}
        </button>
        <button className="button secondary" type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <div aria-live="polite">{pending && <p className="muted">Booking…</p>}</div>
      {formError && (
        <p className="form-error" role="alert">
          {formError}
        </p>
      )}
    </form>
  );
}
