import Link from 'next/link';
import { format } from 'date-fns';
import { addDays } from '@/lib/calendar/index.ts';

/** "Saturday 21 November", from a program date (calendar arithmetic only: no time zone involved). */
export function dayHeading(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return format(new Date(y, m - 1, d), 'EEEE d MMMM');
}

/** Previous and next day, back to today, or any date (a plain GET form: dates are not personal). */
export function DayNav({ day, today }: { day: string; today: string }) {
  return (
    <nav aria-label="Day" className="row booking-day-nav">
      <Link className="button small secondary" href={`/bookings?day=${addDays(day, -1)}`}>
        Previous day
      </Link>
      {day !== today && (
        <Link className="button small secondary" href="/bookings">
          Today
        </Link>
      )}
      <Link className="button small secondary" href={`/bookings?day=${addDays(day, 1)}`}>
        Next day
      </Link>
      <form method="get" action="/bookings" className="row">
        <div className="field">
          <label htmlFor="booking-day">Go to day</label>
          <input id="booking-day" type="date" name="day" defaultValue={day} />
        </div>
        <button className="button small" type="submit">
          Show
        </button>
      </form>
    </nav>
  );
}
