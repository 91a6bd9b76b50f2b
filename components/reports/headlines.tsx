import type { Headline } from '@/lib/reports/dashboard.ts';
import { during, inSentence, STILL_RUNNING, type Period } from '@/lib/calendar/period.ts';

function change(h: Headline): string {
  if (h.lastYear === null) return '';
  if (h.lastYear === 0) return `${h.lastYear} a year earlier`;
  const pct = Math.round(((h.value - h.lastYear) / h.lastYear) * 100);
  return `${h.lastYear} a year earlier (${pct > 0 ? '+' : ''}${pct}%)`;
}

/**
 * The period's headline figures, each beside the same period a year earlier when there was data
 * then. A period still running is compared so far against the whole of last year's, and says so.
 */
export function Headlines({ headlines, lastYear, running }: { headlines: Headline[]; lastYear: Period; running: boolean }) {
  const compared = headlines.some((h) => h.lastYear !== null);
  const against = compared
    ? `Compared with ${running ? 'the whole of ' : ''}${inSentence(lastYear)}.`
    : `No visits were recorded ${during(lastYear)}, so there is nothing to compare with.`;
  return (
    <section aria-labelledby="headlines-heading">
      <h2 id="headlines-heading">At a glance</h2>
      <p className="muted">
        {running ? `${STILL_RUNNING} ` : ''}
        {against}
      </p>
      <dl className="cards headlines">
        {headlines.map((h) => (
          <div className="card" key={h.key}>
            <dt>{h.label}</dt>
            <dd>
              <strong className="headline-number">{h.value}</strong>
              {h.lastYear !== null && <span className="muted"> — {change(h)}</span>}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
