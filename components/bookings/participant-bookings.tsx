import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { participantBookings } from '@/lib/bookings/desk.ts';
import { STATUS_LABEL } from '@/lib/bookings/rules.ts';
import { NextFreeButtons } from './next-free-buttons.tsx';
import './bookings.css';

/**
 * On a participant's profile: their shower and laundry places from today on, and "Next free
 * shower / laundry" for them in one click. Nothing for a role without `booking:read`, and no
 * buttons for a closed (de-identified or merged) record.
 */
export async function ParticipantBookings({ actor, participantId, open }: { actor: Actor; participantId: string; open: boolean }) {
  if (!can(actor, 'booking:read')) return null;
  const rows = await participantBookings(actor, participantId);
  return (
    <section className="card booking-section" aria-labelledby="participant-bookings-heading">
      <h2 id="participant-bookings-heading">Showers and laundry</h2>
      {rows.length === 0 ? (
        <p className="muted">Nothing booked from today on.</p>
      ) : (
        <ul>
          {rows.map((b) => (
            <li key={b.id}>
              <strong className="booking-ticket">{b.ticket}</strong> {b.resourceName}, <Link href={`/bookings?day=${b.day}`}>{b.day}</Link> at {b.time} (
              {STATUS_LABEL[b.status].toLowerCase()})
            </li>
          ))}
        </ul>
      )}
      {open && can(actor, 'booking:manage') && <NextFreeButtons participantId={participantId} initialKey={randomUUID()} />}
    </section>
  );
}
