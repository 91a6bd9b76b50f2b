import Link from 'next/link';
import { calendarMonth, freeRanges, leadingBlanks, monthTitle, shiftMonth, type CalendarStay } from '@/lib/safe-suite/calendar.ts';
import { STATUS_LABEL } from '@/lib/safe-suite/rules.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * One unit's month: a night taken shows as a bar across its day, cleaning time is shaded, free
 * nights are plain and also listed in words. Seven narrow columns fit a 360px phone.
 */
export function MonthCalendar({
  unit,
  month,
  stays,
  unitParam,
}: {
  unit: { id: string; name: string };
  month: string;
  stays: CalendarStay[];
  unitParam: string;
}) {
  const days = calendarMonth(month, stays);
  const free = freeRanges(days);
  const href = (m: string) => `/suite?month=${m}${unitParam}`;
  return (
    <section className="card suite-calendar" aria-labelledby={`cal-${unit.id}`}>
      <div className="row suite-calendar-head">
        <h2 id={`cal-${unit.id}`}>
          {unit.name}: {monthTitle(month)}
        </h2>
        <nav aria-label="Month" className="row">
          <Link className="button secondary small" href={href(shiftMonth(month, -1))}>
            Previous month
          </Link>
          <Link className="button secondary small" href={href(shiftMonth(month, 1))}>
            Next month
          </Link>
        </nav>
      </div>
      <p>{free ? <>Free nights: {free}.</> : 'No free nights this month.'}</p>
      <ol className="suite-month" aria-label={`Nights in ${monthTitle(month)}`}>
        {WEEKDAYS.map((d) => (
          <li key={d} className="suite-weekday" aria-hidden="true">
            {d}
          </li>
        ))}
        {Array.from({ length: leadingBlanks(month) }, (_, i) => (
          <li key={`blank-${i}`} className="suite-blank" aria-hidden="true" />
        ))}
        {days.map((d) => {
          const n = Number(d.day.slice(8));
          const words = [d.night ? `taken (${STATUS_LABEL[d.night.status].toLowerCase()})` : 'free', d.turnover ? 'cleaning time' : null]
            .filter(Boolean)
            .join(', ');
          return (
            <li key={d.day} className={`suite-day${d.free ? ' is-free' : ' is-taken'}${d.turnover ? ' has-turnover' : ''}`}>
              <span className="suite-day-number">{n}</span>
              {d.night && <span className={`suite-bar status-${d.night.status}${d.arrives ? ' starts' : ''}`} aria-hidden="true" />}
              <span className="visually-hidden">{`${n}: ${words}`}</span>
            </li>
          );
        })}
      </ol>
      <p className="suite-legend muted">
        <span className="suite-key suite-key-taken" aria-hidden="true" /> night taken
        <span className="suite-key suite-key-turnover" aria-hidden="true" /> cleaning time
        <span className="suite-key suite-key-free" aria-hidden="true" /> free
      </p>
    </section>
  );
}
