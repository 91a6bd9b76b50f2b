import type { MergeCandidate } from '@/lib/participants/merge.ts';
import { formatDate } from '@/lib/calendar/index.ts';

const yesNo = (v: boolean) => (v ? 'Yes' : 'No');

const ROWS: [string, (r: MergeCandidate) => string][] = [
  ['Alias', (r) => r.alias ?? '—'],
  ['Code', (r) => r.code],
  ['Visits', (r) => String(r.visitCount)],
  ['Last seen', (r) => (r.lastSeenAt ? formatDate(r.lastSeenAt) : 'Not yet')],
  ['Recorded since', (r) => formatDate(r.createdAt)],
  // Whether sensitive text is held, never the text: it is shown on the profile, on request.
  ['Safe contact on file', (r) => yesNo(r.hasSafeContact)],
  ['Notes on file', (r) => yesNo(r.hasNotes)],
];

/** The records side by side, one column each, so staff can see they are the same person. */
export function RecordCompare({ records }: { records: { heading: string; record: MergeCandidate }[] }) {
  return (
    <div className="table-wrap" role="region" aria-label="Records compared" tabIndex={0}>
      <table>
        <thead>
          <tr>
            <td />
            {records.map(({ heading, record }) => (
              <th key={record.id} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {ROWS.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {records.map(({ record }) => (
                <td key={record.id}>{value(record)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
