import { randomUUID } from 'node:crypto';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { bookingDay } from '@/lib/bookings/queries.ts';
import { BookingDesk } from '@/components/bookings/desk.tsx';
import { DayNav, dayHeading } from '@/components/bookings/day-nav.tsx';
import { localDay, parseDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ day?: string | string[] }> };

/** Showers and laundry: the day's grid, the booking panel and the waitlist. Staff at the desk (`booking:read`; booking needs `booking:manage`). */
export default async function BookingsPage({ searchParams }: Props) {
  const actor = await requirePermission('booking:read');
  const { day: asked } = await searchParams;
  const now = programNow();
  // A bad ?day= shows today rather than failing.
  const day = parseDay(Array.isArray(asked) ? asked[0] : asked) ?? localDay(now);
  const view = await bookingDay(actor, day, now);
  return (
    <>
      <h1>Showers and laundry</h1>
      <p className="muted">
        {day === view.today ? 'Today' : day < view.today ? 'Past day' : 'Coming day'}: {dayHeading(day)}. Arrow keys move around the grid; a booking not checked
        in within the grace period is released and offered to the waitlist.
      </p>
      <DayNav day={day} today={view.today} />
      <BookingDesk view={view} canManage={can(actor, 'booking:manage')} initialKey={randomUUID()} />
    </>
  );
}
