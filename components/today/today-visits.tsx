import Link from 'next/link';
import '@/components/visits/visits.css';
import { serviceLineLabel } from '@/lib/services/schema.ts';
import type { VisitRow } from '@/lib/visits/queries.ts';
import { Who } from '@/components/visits/who.tsx';
import { formatLocal } from '@/lib/calendar/index.ts';

/** Who has been in today, latest first: alias and code (or "Anonymous"), time, services. Voided visits stay, muted. */
export function TodayVisits({ rows }: { rows: VisitRow[] }) {
  return (
    <section className="today-visits" aria-labelledby="today-visits-heading">
      <h2 id="today-visits-heading">Who has been in today</h2>
      {rows.length === 0 ? (
        <p className="muted">No visits logged yet today.</p>
      ) : (
        <div className="table-wrap visit-table-frame" role="region" aria-labelledby="today-visits-heading" tabIndex={0}>
          <table role="table" className="stack-table">
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  Time
                </th>
                <th scope="col" role="columnheader">
                  Who
                </th>
                <th scope="col" role="columnheader">
                  Services
                </th>
                <th scope="col" role="columnheader">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {rows.map((v) => (
                <VisitLine key={v.id} visit={v} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function VisitLine({ visit: v }: { visit: VisitRow }) {
  const time = formatLocal(new Date(v.visitedAt), 'HH:mm');
  return (
    <tr role="row" className={v.voided ? 'visit-voided' : undefined} data-visit-id={v.id}>
      <td role="cell">{time}</td>
      <td role="cell" data-label="Who">
        <Who person={v.participant} />
      </td>
      <td role="cell" data-label="Services">
        {v.services.length ? v.services.map(serviceLineLabel).join(', ') : <span className="muted">No services ticked</span>}
        {v.voided && <div className="visit-void-note">Voided: {v.voidReason}</div>}
      </td>
      <td role="cell" data-label="">
        <Link href={`/visits/${v.id}`}>
          {v.mayChange ? 'Change' : 'Open'}
          <span className="visually-hidden"> the {time} visit</span>
        </Link>
      </td>
    </tr>
  );
}
