'use client';

import type { BookingDay, GridResource, GridSlot } from '@/lib/bookings/queries.ts';
import { BookingCard, type MoveTarget } from './booking-card.tsx';
import type { Target } from './book-panel.tsx';
import { onGridKeyDown } from './grid-keys.ts';

type Props = { view: BookingDay; canManage: boolean; onPick: (target: Target) => void };

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

/**
 * The day's grid, one table per resource: slots down, seats across. Arrow keys move between
 * cells; each free place has a Book button that hands the slot to the booking panel.
 */
export function DayGrid({ view, canManage, onPick }: Props) {
  const targets = moveTargets(view);
  if (!view.resources.length) return <p className="card muted">No showers or laundry are set up yet. A program manager adds them in Settings.</p>;
  return (
    <>
      {view.resources.map((r) => (
        <section key={r.id} id={`resource-${r.id}`} className="booking-resource" aria-labelledby={`res-${r.id}`}>
          <h2 id={`res-${r.id}`}>{r.name}{!r.active && <span className="muted"> (not in use)</span>}</h2>
          {r.slots.length === 0 ? <p className="muted">Closed that day.</p> : (
            <div className="table-wrap">
              <table className="booking-grid" onKeyDown={onGridKeyDown}>
                <thead>
                  <tr>
                    <th scope="col">Time</th>
                    {r.slots[0]!.seats.map((s) => <th key={s.seat} scope="col">{r.seatLabel} {s.seat}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {r.slots.map((slot, row) => (
                    <SlotRow key={slot.start} resource={r} slot={slot} row={row} canManage={canManage} targets={targets[r.kind] ?? []} onPick={onPick} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      ))}
    </>
  );
}

type RowProps = { resource: GridResource; slot: GridSlot; row: number; canManage: boolean; targets: MoveTarget[]; onPick: Props['onPick'] };

function SlotRow({ resource, slot, row, canManage, targets, onPick }: RowProps) {
  const where = `${resource.name} at ${slot.time}`;
  return (
    <tr className={slot.past ? 'slot-past' : undefined}>
      <th scope="row" data-cell={`${row},0`}>
        {slot.time}
        {slot.others.map((b) => (
          <BookingCard key={b.id} booking={b} slot={slot} canManage={canManage} moveTargets={[]} where={where} />
        ))}
      </th>
      {slot.seats.map(({ seat, booking }) => (
        <td key={seat} data-cell={`${row},${seat}`}>
          {booking ? (
            <BookingCard booking={booking} slot={slot} canManage={canManage} moveTargets={targets.filter((t) => t.value !== `${resource.id}@${slot.start}`)} where={where} />
          ) : slot.closed ? (
            <span className="muted">Closed ({slot.closed})</span>
          ) : slot.past || !resource.active || !canManage ? (
            <span className="muted">{slot.past ? '—' : 'Free'}</span>
          ) : (
            <button type="button" className="button small secondary" aria-label={`Book ${where}, ${resource.seatLabel.toLowerCase()} ${seat}`}
              onClick={() => onPick({ resourceId: resource.id, start: slot.start, label: `${resource.name} at ${slot.time}` })}>
              Book
            </button>
          )}
        </td>
      ))}
    </tr>
  );
}
