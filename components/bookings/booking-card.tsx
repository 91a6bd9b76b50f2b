'use client';

import { useActionState, useEffect, useRef } from 'react';
import { ConfirmStep } from '@/components/ui/confirm-step.tsx';
import { changeBookingAction, moveBookingAction } from '@/app/(staff)/bookings/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import type { ClosureFlag } from '@/lib/bookings/closure-flags.ts';
import type { GridBooking, GridSlot } from '@/lib/bookings/queries.ts';
import { STATUS_LABEL, type Transition } from '@/lib/bookings/rules.ts';

export type MoveTarget = { value: string; label: string };

/** Changes that give up the person's place: asked once (ConfirmStep), so a stray Enter from the arrow keys never does them. */
const ASKED: Partial<Record<Transition, { question: string; yes: string }>> = {
  cancel: { question: 'Cancel this booking?', yes: 'Yes, cancel it' },
  no_show: { question: 'Mark as did not come? The place is released.', yes: 'Yes, did not come' },
};

const ACTIONS: Record<GridBooking['status'], { t: Transition; label: string }[]> = {
  booked: [
    { t: 'check_in', label: 'Check in' },
    { t: 'cancel', label: 'Cancel' },
    { t: 'no_show', label: 'Did not come' },
  ],
  checked_in: [{ t: 'done', label: 'Done' }],
  done: [],
  cancelled: [{ t: 'reinstate', label: 'Reinstate' }],
  no_show: [{ t: 'reinstate', label: 'Reinstate' }],
};

export function PersonLine({ person }: { person: GridBooking['person'] }) {
  if (!person) return <span className="muted">Anonymous</span>;
  if (person === 'withheld') return <span className="muted">Someone (names show on the day)</span>;
  return (
    <span>
      {person.alias ?? 'De-identified record'} <span className="booking-code">{person.code}</span>
    </span>
  );
}

/**
 * What the booking's last change did, on its own card (the grid keeps a booking's card through
 * every change, so a new result replaces the one before). When the pressed button went with the
 * change (Done, Cancel), the message takes the focus, so the keyboard keeps its place.
 */
function Status({ state }: { state: ActionState }) {
  const note = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (state?.ok && document.activeElement === document.body) note.current?.focus();
  }, [state]);
  if (!state) return null;
  if (state.ok)
    return (
      <p ref={note} className="booking-note" role="status" tabIndex={-1}>
        {state.message}
      </p>
    );
  // The card's forms hide their inputs or sit right beside this line (changeBookingAction, moveBookingAction: hidden).
  return state.formError ? (
    <p className="booking-note field-error" role="alert">
      {state.formError}
    </p>
  ) : null;
}

/** What the slot's time allows: no check-in long before it, no "did not come" before it starts, nothing once it is over. */
function timely(t: Transition, slot: Pick<GridSlot, 'started' | 'over' | 'checkInOpen'>): boolean {
  if (t === 'check_in') return slot.checkInOpen;
  if (t === 'no_show') return slot.started;
  if (t === 'reinstate') return !slot.over;
  return true;
}

/** Said by a change that takes the card away from here (a move): the grid or list around it says it and puts the focus. */
export type Announce = (message: string, ticket: string) => void;

type CardProps = { booking: GridBooking; slot: GridSlot; canManage: boolean; moveTargets: MoveTarget[]; where: string; announce?: Announce };

/** One booking in the grid: ticket, who, status, and the changes its status and time allow (the server decides again). */
export function BookingCard({ booking, slot, canManage, moveTargets, where, announce }: CardProps) {
  // The card stays mounted through every change (the grid keys it by booking), so its Status can
  // confirm the result once it renders.
  const [state, action, pending] = useActionState<ActionState, FormData>(changeBookingAction, null);
  const actions = canManage ? ACTIONS[booking.status].filter((a) => timely(a.t, slot)) : [];
  const reinstate = useRef<HTMLButtonElement>(null);
  // Just cancelled (or marked missed) here: the undo is the next thing offered, under the focus.
  useEffect(() => {
    if (state?.ok && (booking.status === 'cancelled' || booking.status === 'no_show')) reinstate.current?.focus();
  }, [state, booking.status]);
  const name = (label: string) => `${label}: ${booking.ticket}, ${where}`;
  return (
    <div className={`booking-card status-${booking.status}`} data-ticket={booking.ticket}>
      <p className="booking-who">
        <strong className="booking-ticket">{booking.ticket}</strong> <PersonLine person={booking.person} />{' '}
        <span className="badge">{STATUS_LABEL[booking.status]}</span>
      </p>
      {booking.flag && <ClosureNote flag={booking.flag} ticket={booking.ticket} bookingId={booking.id} canManage={canManage} announce={announce} />}
      {actions.length > 0 && (
        <form action={action} className="booking-actions">
          <input type="hidden" name="bookingId" value={booking.id} />
          {actions.map(({ t, label }) => {
            const asked = ASKED[t];
            if (asked) {
              return (
                <ConfirmStep
                  key={t}
                  label={
                    <>
                      <span aria-hidden="true">{label}</span>
                      <span className="visually-hidden">{name(label)}</span>
                    </>
                  }
                  question={asked.question}
                  confirmLabel={asked.yes}
                  keepLabel="Keep it"
                  name="transition"
                  value={t}
                  busy={pending}
                />
              );
            }
            return (
              <button
                key={t}
                ref={t === 'reinstate' ? reinstate : undefined}
                className={t === 'check_in' || t === 'done' ? 'button small' : 'button small secondary'}
                type="submit"
                name="transition"
                value={t}
                disabled={pending}
                aria-label={name(label)}
              >
                {label}
              </button>
            );
          })}
        </form>
      )}
      {canManage && booking.status === 'booked' && moveTargets.length > 0 && <MoveForm booking={booking} targets={moveTargets} />}
      <Status state={state} />
    </div>
  );
}

/** A booking a closure now covers: said in plain words, with a one-press move to the next free place. */
export function ClosureNote({
  flag,
  ticket,
  bookingId,
  canManage,
  announce,
}: {
  flag: ClosureFlag;
  ticket: string;
  bookingId: string;
  canManage: boolean;
  announce?: Announce;
}) {
  return (
    <div className="booking-flag">
      <p>
        <strong>{flag.message}</strong>
      </p>
      {canManage &&
        (flag.moveTo ? (
          <MoveNow bookingId={bookingId} ticket={ticket} target={flag.moveTo} announce={announce} />
        ) : (
          <p>No free place is left that day: cancel it and tell the person.</p>
        ))}
    </div>
  );
}

/** Moves a booking to one given place (lib/bookings/move.ts decides again). */
export function MoveNow({ bookingId, ticket, target, announce }: { bookingId: string; ticket: string; target: MoveTarget; announce?: Announce }) {
  // Said from the action itself, not an effect: a moved booking's card leaves this place with the answer.
  const [state, action, pending] = useActionState<ActionState, FormData>(async (prev, data) => {
    const answer = await moveBookingAction(prev, data);
    if (answer?.ok) announce?.(`${ticket}: ${answer.message ?? 'Moved.'}`, ticket);
    return answer;
  }, null);

  return (
    <form action={action} className="booking-actions">
      <input type="hidden" name="bookingId" value={bookingId} />
      <input type="hidden" name="target" value={target.value} />
      <button className="button small" type="submit" disabled={pending}>
        Move {ticket} to {target.label}
      </button>
      <Status state={state} />
    </form>
  );
}

function MoveForm({ booking, targets }: { booking: GridBooking; targets: MoveTarget[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(moveBookingAction, null);
  const selectId = `move-${booking.id}`;
  return (
    <details className="booking-move">
      <summary>Move {booking.ticket}</summary>
      <form action={action} className="row">
        <input type="hidden" name="bookingId" value={booking.id} />
        <div className="field">
          <label htmlFor={selectId}>Move to</label>
          <select id={selectId} name="target">
            {targets.map((t) => (
              <option key={t.value} value={t.value}>
                {t.label}
              </option>
            ))}
          </select>
        </div>
        <button className="button small" type="submit" disabled={pending}>
          Move
        </button>
      </form>
      <Status state={state} />
    </details>
  );
}
