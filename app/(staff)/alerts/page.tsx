import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listSheet } from '@/lib/alerts/queries.ts';
import { searchScope } from '@/lib/alerts/search.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { AlertCard } from '@/components/alerts/alert-card.tsx';
import { SearchPanel } from '@/components/alerts/search-panel.tsx';
import '@/components/alerts/alerts.css';

export const dynamic = 'force-dynamic';

const SCOPE_NOTE = {
  all: 'Searches every report, including fields kept off the alerts.',
  reports: 'Searches published alerts and reports not yet reviewed.',
  published: 'Searches every published alert, old ones too.',
} as const;

/** The alert sheet for the desk: published alerts, newest first, and search. Every staff role. */
export default async function AlertsPage() {
  const actor = await requirePermission('alert:read_published');
  const [alerts, days] = await Promise.all([listSheet(actor), getSetting('alerts.sheetDays')]);
  return (
    <>
      <div className="row">
        <h1>Alerts</h1>
        {can(actor, 'alert:report') && (
          <Link className="button" href="/alerts/new">
            Take a report
          </Link>
        )}
        {can(actor, 'alert:review') && (
          <Link className="button secondary" href="/alerts/reports">
            Reports to review
          </Link>
        )}
        <Link className="button secondary" href="/alerts/print">
          Printable sheet
        </Link>
      </div>
      <SearchPanel scopeNote={SCOPE_NOTE[searchScope(actor)]} />
      <section aria-labelledby="sheet-heading">
        <h2 id="sheet-heading">Aggressor alerts, newest first</h2>
        <p className="muted">Published in the last {days} days. Older alerts are found by search.</p>
        {alerts.length === 0 ? (
          <p>No alerts right now.</p>
        ) : (
          <div className="alert-list">
            {alerts.map((a) => (
              <AlertCard key={a.id} alert={a} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
