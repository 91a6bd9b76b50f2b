import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listReports } from '@/lib/alerts/queries.ts';
import { MODE_LABELS, STATUS_LABELS, TYPE_LABELS } from '@/lib/alerts/labels.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Reports for reviewers, newest first: open ones, or all. Coordinators and managers. */
export default async function ReportsPage({ searchParams }: Props) {
  const actor = await requirePermission('alert:review');
  const all = (await searchParams).show === 'all';
  const reports = await listReports(actor, { open: !all });
  return (
    <>
      <div className="row">
        <h1>Bad date reports</h1>
        <Link className="button" href="/alerts/new">
          Take a report
        </Link>
        <Link href={all ? '/alerts/reports' : '/alerts/reports?show=all'}>{all ? 'Show open reports only' : 'Show all reports'}</Link>
      </div>
      <p className="muted">{all ? 'Every report.' : 'Reports waiting for review or publishing.'} Opening a report is recorded in the audit log.</p>
      {reports.length === 0 ? (
        <p>No reports here.</p>
      ) : (
        <div className="table-wrap">
          <table className="stack-table">
            <caption className="visually-hidden">Reports</caption>
            <thead>
              <tr>
                <th scope="col">Received</th>
                <th scope="col">Happened</th>
                <th scope="col">Working</th>
                <th scope="col">What happened</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {reports.map((r) => (
                <tr key={r.id}>
                  <td>
                    <Link href={`/alerts/reports/${r.id}`}>{r.receivedOn}</Link>
                  </td>
                  <td data-label="Happened">{r.incidentDate}</td>
                  <td data-label="Working">{MODE_LABELS[r.mode]}</td>
                  <td data-label="What happened">{r.types.map((t) => TYPE_LABELS[t]).join(', ')}</td>
                  <td data-label="Status">
                    {STATUS_LABELS[r.status]}
                    {r.possibleRepeat && (
                      <>
                        {' '}
                        <span className="badge">Possible repeat</span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
