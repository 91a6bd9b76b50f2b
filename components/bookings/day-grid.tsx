'use client';

import { Fragment, useEffect, useRef, useState } from 'react';
import type { BookingDay, GridResource, GridSlot } from '@/lib/bookings/queries.ts';
import { BookingCard, type Announce, type MoveTarget } from './booking-card.tsx';
import { onGridKeyDown } from './grid-keys.ts';
import { SlotBook, type Target } from './slot-book.tsx';

type Props = { view: BookingDay; canManage: boolean };

/** Every free place of a kind that day that a booking could move to: "Shower 2 at 10:30". */
function moveTargets(view: BookingDay): Record<string, MoveTarget[]> {
  const out: Record<string, MoveTarget[]> = { shower: [], laundry: [] };
  for (const r of view.resources) {
    if (!r.active) continue;
    for (const s of r.slots) {
      if (s.past || s.closed || !s.seats.some((seat) => !seat.booking)) continue;
      out[r.kind]!.push({ value: `${r.id}@${s.start}`, label: `${r.name} at ${s.time}` });
    }
  }
  return out;
}

const slotKey = (t: Pick<Target, 'resourceId' | 'start'>) => `${t.resourceId}@${t.start}`;
const FOCUSABLE = 'button:not([disabled]), summary';

/**
 * The day's grid, one table per resource: slots down, seats across. Arrow keys move between
 * cells; Book opens the booking for that slot right under it, and saves it there.
 */
export function DayGrid({ view, canManage }: Props) {
  const targets = moveTargets(view);
  const [open, setOpen] = useState<Target | null>(null);
  const [said, setSaid] = useState('');
  const focusTicket = useRef<string | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  // After a booking or a move the page's data comes back with the new card: the focus goes to it.
  useEffect(() => {
    const ticket = focusTicket.current;
    if (!ticket) return;
    // Only while the keyboard has nowhere else to be (the closed form took its focus with it): a desk
    // that has already moved on, say to the next Book, keeps its place when the new card arrives.
    if (document.activeElement && document.activeElement !== document.body) {
      focusTicket.current = null;
      return;
    }
    const card = document.querySelector<HTMLElement>(`.booking-grid [data-ticket="${ticket}"]`);
    if (!card) return;
    focusTicket.current = null;
    const control = card.querySelector<HTMLElement>(FOCUSABLE);
    if (control) control.focus();
    else card.closest<HTMLElement>('td')?.focus();
  });

  const announce: Announce = (message, ticket) => {
    setSaid(message);
    focusTicket.current = ticket;
  };
  const openBook = (t: Target, button: HTMLElement) => {
    focusTicket.current = null;
    opener.current = button;
    setOpen(t);
  };
  const close = () => {
    setOpen(null);
    setTimeout(() => opener.current?.focus(), 0);
  };

  if (!view.resources.length) return <p className="card muted">No showers or laundry are set up yet. A program manager adds them in Settings.</p>;
  return (
    <>
      {/* A live region drawn empty, so the first message is read out; its box only once there is one. */}
      <div aria-live="polite" className="booking-grid-said">
        {said && (
          <p role="status" className="form-ok">
            {said}
          </p>
        )}
      </div>
      {view.resources.map((r) => (
        <section key={r.id} id={`resource-${r.id}`} className="booking-resource" aria-labelledby={`res-${r.id}`}>
          <h2 id={`res-${r.id}`}>
            {r.name}
            {!r.active && <span className="muted"> (not in use)</span>}
          </h2>
          {r.slots.length === 0 ? (
            <p className="muted">Closed that day.</p>
          ) : (
            <div className="table-wrap">
              <table className="booking-grid" onKeyDown={onGridKeyDown}>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    {r.slots[0]!.seats.map((s) => (
                      <th key={s.seat} scope="col">
                        {r.seatLabel} {s.seat}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {r.slots.map((slot, row) => {
                    const here = open && slotKey(open) === slotKey({ resourceId: r.id, start: slot.start }) ? open : null;
                    return (
                      <Fragment key={slot.start}>
                        <SlotRow
                          resource={r}
                          slot={slot}
                          row={row}
                          canManage={canManage}
                          targets={targets[r.kind] ?? []}
                          onBook={openBook}
                          announce={announce}
                        />
                        {here && (
                          <tr className="slot-book-row">
                            <td colSpan={slot.seats.length + 1}>
                              <SlotBook
                                id={`book-${row}-${r.id}`}
                                day={view.day}
                                target={here}
                                onClose={close}
                                onBooked={(message, ticket) => {
                                  announce(message, ticket);
                                  setOpen(null);
                                }}
                              />
                            </td>
                          </tr>
                        )}
                      </Fragment>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}

type RowProps = {
  resource: GridResource;
  slot: GridSlot;
  row: number;
  canManage: boolean;
  targets: MoveTarget[];
  onBook: (target: Target, button: HTMLElement) => void;
  announce: Announce;
};

function SlotRow({ resource, slot, row, canManage, targets, onBook, announce }: RowProps) {
  const where = `${resource.name} at ${slot.time}`;
  const here = `${resource.id}@${slot.start}`;
  return (
    <tr className={slot.past ? 'slot-past' : undefined}>
      <th scope="row" data-cell={`${row},0`}>
        {slot.time}
      </th>
      {slot.seats.map(({ seat, booking, earlier }) => {
        // One keyed list: a card cancelled here stays the same card (and keeps the focus on its Reinstate).
        const cards = [...(booking ? [booking] : []), ...earlier].map((b) => (
          <BookingCard
            key={b.id}
            booking={b}
            slot={slot}
            canManage={canManage}
            where={where}
            announce={announce}
            moveTargets={b === booking ? targets.filter((t) => t.value !== here) : []}
          />
        ));
        const free = !booking && !slot.closed && !slot.past && resource.active;
        return (
          <td key={seat} data-cell={`${row},${seat}`} tabIndex={-1}>
            {cards}
            {booking ? null : slot.closed ? (
              <span className="muted">Closed ({slot.closed})</span>
            ) : free && canManage ? (
              <button
                type="button"
                className="button small secondary"
                aria-label={`Book ${where}, ${resource.seatLabel.toLowerCase()} ${seat}`}
                onClick={(e) => onBook({ resourceId: resource.id, start: slot.start, label: where }, e.currentTarget)}
              >
                Book
              </button>
            ) : !cards.length ? (
              <span className="muted">{slot.past ? '—' : 'Free'}</span>
            ) : null}
          </td>
        );
      })}
    </tr>
  );
}
