import type { TodaySummary } from '@/lib/visits/queries.ts';
import './today.css';

/** Today's counts: visits, and people (each named person once, each anonymous visit as one). */
export function TodaySummaryCard({ summary }: { summary: TodaySummary }) {
  return (
    <section className="card today-summary" aria-labelledby="today-summary-heading">
      <h2 id="today-summary-heading">Today so far</h2>
      <dl className="today-stats">
        <div>
          <dt>Visits</dt>
          <dd data-testid="today-visits">{summary.visits}</dd>
        </div>
        <div>
          <dt>People</dt>
          <dd data-testid="today-people">{summary.people}</dd>
        </div>
      </dl>
      <p className="muted">
        {summary.named} with a record, {summary.anonymous} anonymous. Voided visits are not counted.
      </p>
    </section>
  );
}
