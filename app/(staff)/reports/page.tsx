import Link from 'next/link';
import { requirePermission, type Actor } from '@/lib/auth/session.ts';
import { dashboard } from '@/lib/reports/dashboard.ts';
import { parsePeriod, periodQuery, periodStatus, type Period } from '@/lib/calendar/period.ts';
import { PeriodPicker } from '@/components/reports/period-picker.tsx';
import { ChartFigure, oneSeries } from '@/components/reports/chart-figure.tsx';
import { Headlines } from '@/components/reports/headlines.tsx';
import { DownloadLink } from '@/components/reports/download-link.tsx';
import { can } from '@/lib/auth/permissions.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The manager's dashboard: headline figures against last year, and charts with their numbers. Managers (`report:read`). */
export default async function ReportsPage({ searchParams }: Props) {
  const actor = await requirePermission('report:read');
  const choice = parsePeriod(await searchParams);
  const { period } = choice;
  const status = period && periodStatus(period);
  return (
    <>
      <h1>Reports</h1>
      {period && (
        <>
          <p className="muted">
            {period.label} ({period.from} to {period.to}){status === 'not-started' ? ' has not started yet, so there are no figures for it.' : '.'} The full
            report, with CSV and Excel files, has every figure by month.
          </p>
          <p className="row">
            <Link className="button" href={`/reports/full${periodQuery(period)}`}>
              Full report for {period.label}
            </Link>
            {status !== 'not-started' && can(actor, 'report:export') && (
              <>
                <DownloadLink
                  href={`/reports/download${periodQuery(period, { format: 'xlsx' })}`}
                  fileName={`${period.fileStem}.xlsx`}
                  label="Download Excel"
                />
                <DownloadLink href={`/reports/download${periodQuery(period, { format: 'csv' })}`} fileName={`${period.fileStem}.csv`} label="Download CSV" />
              </>
            )}
          </p>
        </>
      )}
      <PeriodPicker path="/reports" choice={choice} />
      {!period && <p>Fix the dates above to see the report.</p>}
      {period && status !== 'not-started' && <Figures actor={actor} period={period} running={status === 'running'} />}
    </>
  );
}

/** The headlines and charts, for a period that has begun: one not started yet has nothing to draw. */
async function Figures({ actor, period, running }: { actor: Actor; period: Period; running: boolean }) {
  const d = await dashboard(actor, period);
  return (
    <>
      <Headlines headlines={d.headlines} lastYear={d.lastYear} running={running} />
      <div className="charts">
        <ChartFigure
          id="chart-weekly"
          kind="line"
          title="Visits and unique participants per week"
          categoryHeading="Week"
          valueHeading="People and visits"
          categories={d.weekly.map((w) => w.label)}
          shortCategories={d.weekly.map((w) => w.label.replace(/^Week of /, ''))}
          series={[
            { name: 'Visits', color: 'a' },
            { name: 'Unique participants', color: 'b' },
          ]}
          values={[d.weekly.map((w) => w.visits), d.weekly.map((w) => w.people)]}
        />
        <ChartFigure
          id="chart-outreach"
          kind="line"
          title="Outreach contacts and people reached per week"
          categoryHeading="Week"
          valueHeading="Contacts and people"
          categories={d.outreach.map((w) => w.label)}
          shortCategories={d.outreach.map((w) => w.label.replace(/^Week of /, ''))}
          series={[
            { name: 'Contacts', color: 'a' },
            { name: 'People reached', color: 'c' },
          ]}
          values={[d.outreach.map((w) => w.contacts), d.outreach.map((w) => w.reached)]}
        />
        <ChartFigure
          id="chart-services"
          kind="bars"
          title="Services used (visits that included each)"
          categoryHeading="Service"
          valueHeading="Visits"
          {...oneSeries(d.services, 'Visits', 'a')}
        />
        <ChartFigure
          id="chart-supplies"
          kind="bars"
          title="Supplies given (quantity)"
          categoryHeading="Supply"
          valueHeading="Quantity"
          {...oneSeries(d.supplies, 'Quantity', 'b')}
        />
        <ChartFigure
          id="chart-bookings"
          kind="columns"
          title="Shower and laundry bookings: used and did not come"
          categoryHeading="Bookings"
          valueHeading="Bookings"
          categories={d.bookings.map((b) => b.kind)}
          series={[
            { name: 'Used', color: 'a' },
            { name: 'Did not come', color: 'c' },
          ]}
          values={[d.bookings.map((b) => b.used), d.bookings.map((b) => b.noShow)]}
        />
        <ChartFigure
          id="chart-suite"
          kind="columns"
          title="Safe Suite nights occupied and available, by month"
          categoryHeading="Month"
          valueHeading="Nights"
          categories={d.suite.map((m) => m.label)}
          series={[
            { name: 'Nights occupied', color: 'a' },
            { name: 'Nights available', color: 'b' },
          ]}
          values={[d.suite.map((m) => m.occupied), d.suite.map((m) => m.available)]}
        />
        <ChartFigure
          id="chart-programs"
          kind="bars"
          title="Program attendance, by program"
          categoryHeading="Program"
          valueHeading="Attendance"
          {...oneSeries(d.programs, 'Attendance', 'a')}
        />
        <ChartFigure
          id="chart-referral-categories"
          kind="bars"
          title="Referrals by category"
          categoryHeading="Category"
          valueHeading="Referrals"
          {...oneSeries(d.referralsByCategory, 'Referrals', 'b')}
        />
        <ChartFigure
          id="chart-referral-status"
          kind="bars"
          title="Referrals by where they stand now"
          categoryHeading="Status"
          valueHeading="Referrals"
          {...oneSeries(d.referralsByStatus, 'Referrals', 'c')}
        />
      </div>
    </>
  );
}
