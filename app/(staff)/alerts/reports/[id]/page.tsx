import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { getReport } from '@/lib/alerts/queries.ts';
import { FIELD_LABELS, PRIVATE_CHOICES, STATUS_LABELS, TEXT_FIELDS } from '@/lib/alerts/labels.ts';
import { AlertCard } from '@/components/alerts/alert-card.tsx';
import { PrivateFieldsForm, ReviewActions } from '@/components/alerts/review-actions.tsx';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** One report in full, for reviewers: the account, the reporter, possible repeats, and the preview of the alert. Each opening is audited. */
export default async function ReportPage({ params }: Props) {
  const actor = await requirePermission('alert:review');
  const report = await getReport(actor, { id: (await params).id }).catch((e: unknown) => {
    if (e instanceof AppError && e.code === 'not_found') notFound();
    throw e;
  });
  const held = TEXT_FIELDS.filter((f) => report.text[f]);
  return (
    <>
      <div className="row">
        <h1>Bad date report</h1>
        <span className="badge">{STATUS_LABELS[report.status]}</span>
      </div>
      <p className="muted">
        Received {report.receivedOn}, taken by {report.takenBy}. <Link href="/alerts/reports">All reports</Link>
      </p>
      <section className="card alert-reporter" aria-labelledby="reporter-heading">
        <h2 id="reporter-heading">Reporter (never on an alert)</h2>
        <p>
          {report.reporter ? (
            <Link href={`/participants/${report.reporter.id}`}>
              {report.reporter.alias ?? 'De-identified record'} · {report.reporter.code}
            </Link>
          ) : (
            'Anonymous'
          )}
        </p>
        <p>
          Follow-up support: {report.wantsFollowUp ? 'wanted' : 'not asked for'}. Police: {report.policeConsent ? 'may share details' : 'share nothing'}.
        </p>
      </section>
      {report.matches.length > 0 && (
        <section className="card" aria-labelledby="repeat-heading">
          <h2 id="repeat-heading">Possible repeat</h2>
          <p>Same plate or phone number as:</p>
          <ul>
            {report.matches.map((m) => (
              <li key={m.id}>
                <Link href={`/alerts/reports/${m.id}`}>Report of {m.incidentDate}</Link> ({STATUS_LABELS[m.status].toLowerCase()})
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="report-heading">
        <h2 id="report-heading">What was reported</h2>
        <dl className="alert-facts">
          {held.map((f) => (
            <div key={f} style={{ display: 'contents' }}>
              <dt>
                {FIELD_LABELS[f]}
                {report.privateFields.includes(f) || f === 'account' ? ' (kept off the alert)' : ''}
              </dt>
              <dd className="alert-text">{report.text[f]}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section aria-labelledby="preview-heading">
        <h2 id="preview-heading">{report.status === 'published' ? 'The alert as published' : 'Preview: exactly what the alert will show'}</h2>
        <AlertCard alert={report.preview} />
      </section>
      {report.actions.length > 0 && report.status !== 'published' && (
        <section className="card" aria-labelledby="private-heading">
          <h2 id="private-heading">What stays with the report</h2>
          <PrivateFieldsForm id={report.id} fields={PRIVATE_CHOICES.filter((f) => report.text[f])} initial={report.privateFields} />
        </section>
      )}
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">Status</h2>
        <ReviewActions id={report.id} actions={report.actions} publishProblem={report.publishProblem} />
      </section>
    </>
  );
}
