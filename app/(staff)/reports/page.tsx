import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { dashboard } from '@/lib/reports/dashboard.ts';
import { parsePeriod, periodQuery } from '@/lib/reports/period.ts';
import { PeriodPicker } from '@/components/reports/period-picker.tsx';
import { BarChart } from '@/components/reports/bar-chart.tsx';
import { Headlines } from '@/components/reports/headlines.tsx';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The manager's dashboard: headline figures against last year, and charts with their numbers. Managers (`report:read`). */
export default async function ReportsPage({ searchParams }: Props) {
  const actor = await requirePermission('report:read');
  const choice = parsePeriod(await searchParams);
  const { period } = choice;
  const d = await dashboard(actor, period);
  return (
    <>
      <h1>Reports</h1>
      <p className="muted">{period.label} ({period.from} to {period.to}). The full report, with CSV and Excel files, has every figure by month.</p>
      <p><Link className="button" href={`/reports/full${periodQuery(period)}`}>Full report for {period.label}</Link></p>
      <PeriodPicker path="/reports" choice={choice} />
      <Headlines headlines={d.headlines} lastYearLabel={d.lastYearLabel} />
      <div className="charts">
        <BarChart id="chart-weekly" title="Visits and unique participants per week" categoryHeading="Week" categories={d.weekly.map((w) => w.label)}
          series={[{ name: 'Visits', className: 'series-a' }, { name: 'Unique participants', className: 'series-b' }]}
          values={[d.weekly.map((w) => w.visits), d.weekly.map((w) => w.people)]} />
        <BarChart id="chart-services" title="Services used (visits that included each)" categoryHeading="Service" categories={d.services.map((b) => b.label)}
          series={[{ name: 'Visits', className: 'series-a' }]} values={[d.services.map((b) => b.value)]} />
        <BarChart id="chart-supplies" title="Supplies given (quantity)" categoryHeading="Supply" categories={d.supplies.map((b) => b.label)}
          series={[{ name: 'Quantity', className: 'series-b' }]} values={[d.supplies.map((b) => b.value)]} />
        <BarChart id="chart-bookings" title="Shower and laundry bookings: used and did not come" categoryHeading="Bookings" categories={d.bookings.map((b) => b.kind)}
          series={[{ name: 'Used', className: 'series-a' }, { name: 'Did not come', className: 'series-c' }]}
          values={[d.bookings.map((b) => b.used), d.bookings.map((b) => b.noShow)]} />
        <BarChart id="chart-suite" title="Safe Suite nights occupied and available, by month" categoryHeading="Month" categories={d.suite.map((m) => m.label)}
          series={[{ name: 'Nights occupied', className: 'series-a' }, { name: 'Nights available', className: 'series-b' }]}
          values={[d.suite.map((m) => m.occupied), d.suite.map((m) => m.available)]} />
        <BarChart id="chart-programs" title="Program attendance, by program" categoryHeading="Program" categories={d.programs.map((b) => b.label)}
          series={[{ name: 'Attendance', className: 'series-a' }]} values={[d.programs.map((b) => b.value)]} />
        <BarChart id="chart-referral-categories" title="Referrals by category" categoryHeading="Category" categories={d.referralsByCategory.map((b) => b.label)}
          series={[{ name: 'Referrals', className: 'series-b' }]} values={[d.referralsByCategory.map((b) => b.value)]} />
        <BarChart id="chart-referral-status" title="Referrals by where they stand now" categoryHeading="Status" categories={d.referralsByStatus.map((b) => b.label)}
          series={[{ name: 'Referrals', className: 'series-c' }]} values={[d.referralsByStatus.map((b) => b.value)]} />
      </div>
    </>
  );
}
