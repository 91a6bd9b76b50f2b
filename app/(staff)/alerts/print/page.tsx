import { requirePermission } from '@/lib/auth/session.ts';
import { listSheet } from '@/lib/alerts/queries.ts';
import { AlertCard } from '@/components/alerts/alert-card.tsx';
import { PrintButton } from '@/components/alerts/print-button.tsx';
import '@/components/alerts/alerts.css';
import { localDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/** The printable sheet: a neutral heading, the date of issue, the same redacted alerts. Every staff role. */
export default async function PrintSheetPage() {
  const actor = await requirePermission('alert:read_published');
  const alerts = await listSheet(actor);
  return (
    <>
      <div className="row">
        <h1>Safety notices</h1>
        <PrintButton />
      </div>
      <p>Issued {localDay(programNow())}. Please keep this sheet inside.</p>
      {alerts.length === 0 ? (
        <p>No notices right now.</p>
      ) : (
        <div className="alert-list">
          {alerts.map((a) => (
            <AlertCard key={a.id} alert={a} headingLevel={2} />
          ))}
        </div>
      )}
    </>
  );
}
