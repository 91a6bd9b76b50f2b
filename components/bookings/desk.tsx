'use client';

import type { BookingDay } from '@/lib/bookings/queries.ts';
import { BookPanel } from './book-panel.tsx';
import { DayGrid } from './day-grid.tsx';
import { WaitlistPanel } from './waitlist-panel.tsx';
import './bookings.css';

/** The bookings page's working parts: the next free place or the waitlist above, the grid (which books where it says Book), the waitlists. */
export function BookingDesk({ view, canManage, initialKey }: { view: BookingDay; canManage: boolean; initialKey: string }) {
  return (
    <div className="booking-desk">
      {canManage && (
        <div className="booking-desk-panel">
          <BookPanel id="book" initialKey={initialKey} day={view.day} isToday={view.day === view.today} heading="Next free place or the waitlist" />
        </div>
      )}
      <div className="booking-desk-grid">
        <DayGrid view={view} canManage={canManage} />
      </div>
      <div className="booking-desk-waitlist">
        <WaitlistPanel lists={view.waitlists} canManage={canManage} />
      </div>
    </div>
  );
}
