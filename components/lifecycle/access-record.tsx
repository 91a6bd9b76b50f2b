import type { AccessRequest, JsonRow } from '@/lib/participants/access-request.ts';
import { KeyValues, readableKey } from './key-values.tsx';
import { formatDateTime } from '@/lib/calendar/index.ts';

// What a table's rows are to the person, where plain words exist; other tables read by name.
const RELATED_LABELS: Record<string, string> = {
  'participant.merged_into_id': 'Records merged into this one',
};

function services(visit: JsonRow): string {
  const list = Array.isArray(visit.services) ? (visit.services as JsonRow[]) : [];
  if (!list.length) return 'No services recorded';
  return list.map((s) => (s.kind === 'supply' ? `${String(s.service)} × ${String(s.quantity)}` : String(s.service))).join(', ');
}

function Visits({ visits }: { visits: JsonRow[] }) {
  if (!visits.length) return <p>No visits recorded.</p>;
  return (
    <div className="table-wrap" role="region" aria-label="Visits" tabIndex={0}>
      <table className="stack-table">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Services and supplies</th>
            <th scope="col">Status</th>
            <th scope="col">Logged</th>
          </tr>
        </thead>
        <tbody>
          {visits.map((v) => (
            <tr key={String(v.id)}>
              <td>{formatDateTime(String(v.visited_at))}</td>
              <td data-label="Services and supplies">{services(v)}</td>
              <td data-label="Status">
                {v.voided_at ? `Voided ${formatDateTime(String(v.voided_at))}: ${v.void_reason == null ? 'reason removed' : String(v.void_reason)}` : 'Counted'}
              </td>
              <td data-label="Logged">{formatDateTime(String(v.created_at))}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Everything held about one person: the record itself, visits, and every other table's rows. */
export function AccessRecord({ request }: { request: AccessRequest }) {
  const related = request.related.filter((r) => r.rows.length > 0);
  return (
    <>
      <section className="card" aria-labelledby="record-heading">
        <h2 id="record-heading">The record</h2>
        <KeyValues row={request.participant} />
      </section>
      <section className="card" aria-labelledby="visits-heading">
        <h2 id="visits-heading">Visits ({request.visits.length})</h2>
        <Visits visits={request.visits} />
      </section>
      <section className="card" aria-labelledby="related-heading">
        <h2 id="related-heading">Other records that refer to them</h2>
        {related.length === 0 && <p>Nothing else refers to this person.</p>}
        {related.map((r) => {
          const key = `${r.table}.${r.column}`;
          const heading = RELATED_LABELS[key] ?? `${readableKey(r.table)} (${readableKey(r.column).toLowerCase()})`;
          return (
            <div key={key}>
              <h3>
                {heading}: {r.rows.length}
              </h3>
              <ol>
                {r.rows.map((row, i) => (
                  <li key={String(row.id ?? i)}>
                    <KeyValues row={row} />
                  </li>
                ))}
              </ol>
            </div>
          );
        })}
      </section>
    </>
  );
}
