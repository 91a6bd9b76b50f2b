'use client';

import { useActionState, useState } from 'react';
import { waitlistAction } from '@/app/(staff)/bookings/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import type { WaitlistRow } from '@/lib/bookings/queries.ts';
import { KIND_TITLE } from '@/lib/bookings/rules.ts';
import type { Kind } from '@/lib/bookings/slots.ts';
import { PersonLine } from './booking-card.tsx';
import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import { useLatestConfirmation } from '@/components/ui/latest-confirmation.ts';

/** The day's waitlists, in order, each person with their position; an offered place is shown first-hand to act on. */
export function WaitlistPanel({ lists, canManage }: { lists: Record<Kind, WaitlistRow[]>; canManage: boolean }) {
  return (
    <section className="card booking-section" aria-labelledby="waitlist-heading">
      <h2 id="waitlist-heading">Waitlist</h2>
      {(['shower', 'laundry'] as const).map((kind) => (
        <div key={kind}>
          <h3>{KIND_TITLE[kind]}</h3>
          {lists[kind].length === 0 ? (
            <p className="muted">Nobody waiting.</p>
          ) : (
            <ol className="waitlist">
              {lists[kind].map((e) => (
                <WaitlistEntryRow key={e.id} entry={e} canManage={canManage} />
              ))}
            </ol>
          )}
        </div>
      ))}
    </section>
  );
}

/** One person waiting, with their number in line and what the desk can do. */
export function WaitlistEntryRow({ entry, canManage }: { entry: WaitlistRow; canManage: boolean }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(waitlistAction, null);
  // One key per entry shown: a double click books once.
  const [key] = useState(newIdempotencyKey);
  // A confirmation shows until the next one on the page replaces it; a refusal stays.
  const confirmation = useLatestConfirmation(state?.ok ? state : null, state?.ok ? state.message : undefined);
  const message = state && (state.ok ? confirmation : state.formError);
  return (
    <li className={entry.status === 'offered' ? 'waitlist-offered' : undefined}>
      <span>
        Number {entry.position}: <strong className="booking-ticket">{entry.ticket}</strong> <PersonLine person={entry.person} />
      </span>
      {entry.status === 'offered' && <strong> — a place came free: book them now</strong>}
      {canManage && (
        <form action={action} className="row booking-actions">
          <input type="hidden" name="entryId" value={entry.id} />
          <input type="hidden" name="idempotencyKey" value={key} />
          <button className="button small" type="submit" name="op" value="book" disabled={pending} aria-label={`Book next free: ${entry.ticket}`}>
            Book next free
          </button>
          <button className="button small secondary" type="submit" name="op" value="remove" disabled={pending} aria-label={`Remove: ${entry.ticket}`}>
            Remove
          </button>
        </form>
      )}
      {message && (
        <p className={state?.ok ? 'booking-note' : 'booking-note field-error'} role={state?.ok ? 'status' : 'alert'}>
          {message}
        </p>
      )}
    </li>
  );
}
