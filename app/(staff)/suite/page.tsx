import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { currentAndComingStays, listUnits, staysBetween, waitlist } from '@/lib/safe-suite/queries.ts';
import { suiteOccupancy } from '@/lib/safe-suite/occupancy.ts';
import { monthDays, monthOf, monthTitle, parseMonth } from '@/lib/safe-suite/calendar.ts';
import { BookStayForm } from '@/components/suite/book-stay-form.tsx';
import { MonthCalendar } from '@/components/suite/month-calendar.tsx';
import { StayList } from '@/components/suite/stay-list.tsx';
import { OccupancyFigures } from '@/components/suite/occupancy-figures.tsx';
import '@/components/suite/suite.css';
import { addDays, atLocal, formatLocal, localDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<{ month?: string | string[]; unit?: string | string[] }> };
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The Safe Suite: who is in and coming, the waitlist, booking, the month calendar and occupancy. Roles that see stays (`stay:read`). */
export default async function SuitePage({ searchParams }: Props) {
  const actor = await requirePermission('stay:read');
  const params = await searchParams;
  const now = programNow();
  const month = parseMonth(first(params.month)) ?? monthOf(now);
  const units = await listUnits(actor);
  const canManage = can(actor, 'stay:manage');
  if (units.length === 0) {
    return (
      <>
        <h1>Safe Suite</h1>
        <p>No unit is set up yet. A manager can add one in Settings.</p>
      </>
    );
  }
  const unit = units.find((u) => u.id === first(params.unit)) ?? units[0]!;
  const days = monthDays(month);
  const [stays, current, waiting, occupancy, maxNights] = await Promise.all([
    staysBetween(actor, unit.id, atLocal(days[0]!, 0), atLocal(addDays(days.at(-1)!, 1), 0)),
    currentAndComingStays(actor, now),
    waitlist(actor, now),
    suiteOccupancy(actor, { from: days[0]!, to: days.at(-1)! }),
    getSetting('suite.maxNights'),
  ]);
  const today = localDay(now);
  const quarter = Math.floor(now.getTime() / 900_000) * 900_000;
  const defaults = { startDate: today, startTime: formatLocal(new Date(quarter), 'HH:mm'), endDate: addDays(today, 1), endTime: '11:00' };
  const unitParam = units.length > 1 ? `&unit=${unit.id}` : '';
  return (
    <>
      <h1>Safe Suite</h1>
      <div className="suite-layout">
        <div className="suite-main">
          <section className="card" aria-labelledby="suite-now">
            <h2 id="suite-now">In the suite and coming</h2>
            <StayList stays={current} empty="Nobody is in the suite and no stay is booked." canManage={canManage} />
          </section>
          <section className="card" aria-labelledby="suite-wait">
            <h2 id="suite-wait">Waitlist</h2>
            <StayList stays={waiting} empty="Nobody is waiting." canManage={canManage} numbered />
          </section>
        </div>
        <div className="suite-side">
          {canManage && <BookStayForm initialKey={randomUUID()} units={units} defaults={defaults} maxNights={maxNights} />}
          {units.length > 1 && (
            <nav aria-label="Calendar of unit" className="row suite-units">
              {units.map((u) => (
                <Link
                  key={u.id}
                  className="button secondary small"
                  href={`/suite?month=${month}&unit=${u.id}`}
                  aria-current={u.id === unit.id ? 'true' : undefined}
                >
                  {u.name}
                </Link>
              ))}
            </nav>
          )}
          <MonthCalendar unit={unit} month={month} stays={stays} unitParam={unitParam} />
          <OccupancyFigures occupancy={occupancy} caption={`Occupancy, ${monthTitle(month)}`} />
        </div>
      </div>
    </>
  );
}
