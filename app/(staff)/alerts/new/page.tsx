import { requirePermission } from '@/lib/auth/session.ts';
import { ReportForm } from '@/components/alerts/report-form.tsx';
import '@/components/alerts/alerts.css';
import { localDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/** Taking a report with the person, or from a paper form. Staff who take reports (`alert:report`). */
export default async function NewReportPage() {
  await requirePermission('alert:report');
  return (
    <>
      <h1>Take a bad date report</h1>
      <p className="muted">Only what helps others stay safe. The person reporting is never named on an alert.</p>
      <ReportForm today={localDay(programNow())} />
    </>
  );
}
