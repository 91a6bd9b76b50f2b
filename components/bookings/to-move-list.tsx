'use client';

import { useState } from 'react';
import type { KindQueue } from '@/lib/bookings/desk.ts';
import { ClosureNote, PersonLine } from './booking-card.tsx';

/**
 * Today's bookings a closure now covers, each flagged in plain words with a one-press move to the
 * next free place. The answer stays here after the line itself is gone (moved out of the closure).
 */
export function ToMoveList({ lines, canManage }: { lines: KindQueue['toMove']; canManage: boolean }) {
  const [said, setSaid] = useState('');
  return (
    <div className="booking-to-move">
      {lines.length > 0 && (
        <ul className="waitlist">
          {lines.map((l) => (
            <li key={l.id}>
              <strong className="booking-ticket">{l.ticket}</strong> <PersonLine person={l.person} /> ({l.resourceName} at {l.time})
              <ClosureNote flag={l.flag} ticket={l.ticket} bookingId={l.id} canManage={canManage} announce={(message) => setSaid(message)} />
            </li>
          ))}
        </ul>
      )}
      {/* A live region drawn empty, so the first message is read out; its box only once there is one. */}
      <div aria-live="polite">
        {said && (
          <p role="status" className="form-ok">
            {said}
          </p>
        )}
      </div>
    </div>
  );
}
