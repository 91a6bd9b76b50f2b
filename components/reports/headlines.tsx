import type { Headline } from '@/lib/reports/dashboard.ts';

function change(h: Headline): string {
  if (h.lastYear === null) return '';
  if (h.lastYear === 0) return `${h.lastYear} a year earlier`;
  const pct = Math.round(((h.value - h.lastYear) / h.lastYear) * 100);
  return `${h.lastYear} a year earlier (${pct > 0 ? '+' : ''}${pct}%)`;
}

/** The period's headline figures, each beside the same period a year earlier when there was data then. */
export function Headlines({ headlines, lastYearLabel }: { headlines: Headline[]; lastYearLabel: string }) {
  const compared = headlines.some((h) => h.lastYear !== null);
  return (
    <section aria-labelledby="headlines-heading">
      <h2 id="headlines-heading">At a glance</h2>
      <p className="muted">{compared ? `Compared with ${lastYearLabel}.` : `No visits were recorded in ${lastYearLabel}, so there is nothing to compare with.`}</p>
      <dl className="cards headlines">
        {headlines.map((h) => (
          <div className="card" key={h.key}>
            <dt>{h.label}</dt>
            <dd><strong className="headline-number">{h.value}</strong>{h.lastYear !== null && <span className="muted"> — {change(h)}</span>}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
