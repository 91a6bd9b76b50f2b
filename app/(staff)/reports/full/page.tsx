import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { buildReport } from '@/lib/reports/build.ts';
import { SUPPRESSION_NOTE } from '@/lib/reports/files.ts';
import { parsePeriod, periodQuery, periodStatus, STILL_RUNNING } from '@/lib/calendar/period.ts';
import { PeriodPicker } from '@/components/reports/period-picker.tsx';
import { FigureTable } from '@/components/reports/figure-table.tsx';
import { DownloadLink } from '@/components/reports/download-link.tsx';
import { formatDateTime, zoneLabel } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATUS = {
  'not-started': ' This period has not started yet.',
  running: ` ${STILL_RUNNING}`,
  over: '',
};

/** The full report for a period, as the CSV and Excel files have it. Managers (`report:read`). */
export default async function FullReportPage({ searchParams }: Props) {
  const actor = await requirePermission('report:read');
  const choice = parsePeriod(await searchParams);
  const { period } = choice;
  // A refused custom range shows its fields and what to fix, and no report or files in its place.
  const report = period && (await buildReport(actor, period));
  return (
    <>
      <h1>{period ? `Report: ${period.label}` : 'Report'}</h1>
      {period && report && (
        <p className="muted">
          {period.from} to {period.to}.{STATUS[periodStatus(period)]} Made {formatDateTime(report.generatedAt.toISOString())} ({zoneLabel()}).{' '}
          {SUPPRESSION_NOTE}
        </p>
      )}
      <p className="no-print">
        <Link href={`/reports${period ? periodQuery(period) : ''}`}>Back to the dashboard</Link>
      </p>
      <PeriodPicker path="/reports/full" choice={choice} />
      {!period && <p>Fix the dates above to see the report.</p>}
      {period && can(actor, 'report:export') && (
        <p className="row no-print">
          <DownloadLink href={`/reports/download${periodQuery(period, { format: 'xlsx' })}`} fileName={`${period.fileStem}.xlsx`} label="Download Excel" />
          <DownloadLink href={`/reports/download${periodQuery(period, { format: 'csv' })}`} fileName={`${period.fileStem}.csv`} label="Download CSV" />
        </p>
      )}
      {report && (
        <nav aria-label="Contents" className="report-contents no-print">
          <h2>Contents</h2>
          <ol>
            {report.sections.map((s) => (
              <li key={s.key}>
                <a href={`#section-${s.key}`}>{s.title}</a>
                <ul>
                  {s.tables.map((t) => (
                    <li key={t.key}>
                      <a href={`#table-${t.key}`}>{t.title}</a>
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ol>
        </nav>
      )}
      {report?.sections.map((s) => (
        <section key={s.key} aria-labelledby={`section-${s.key}`}>
          <h2 id={`section-${s.key}`}>{s.title}</h2>
          <p className="muted">{s.description}</p>
          {s.tables.map((t) => (
            <FigureTable key={t.key} table={t} />
          ))}
        </section>
      ))}
    </>
  );
}
