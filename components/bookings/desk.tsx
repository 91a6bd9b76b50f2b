'use client';

import { useState } from 'react';
import type { BookingDay } from '@/lib/bookings/queries.ts';
import { BookPanel, type Target } from './book-panel.tsx';
import { DayGrid } from './day-grid.tsx';
import { WaitlistPanel } from './waitlist-panel.tsx';
import './bookings.css';

/** The bookings page's working parts: picking a place on the grid hands it to the booking panel. */
export function BookingDesk({ view, canManage, initialKey }: { view: BookingDay; canManage: boolean; initialKey: string }) {
  const [target, setTarget] = useState<Target | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const pick = (t: Target) => {
    setTarget(t);
    setFocusRequest((n) => n + 1);
  };
  return (
    <div className="booking-desk">
      {canManage && (
        <div className="booking-desk-panel">
          <BookPanel id="book" initialKey={initialKey} day={view.day} isToday={view.day === view.today}
            target={target} onClearTarget={() => setTarget(null)} focusRequest={focusRequest} />
        </div>
      )}
      <div className="booking-desk-grid">
        <DayGrid view={view} canManage={canManage} onPick={pick} />
      </div>
      <div className="booking-desk-waitlist">
        <WaitlistPanel lists={view.waitlists} canManage={canManage} />
      </div>
    </div>
  );
}
