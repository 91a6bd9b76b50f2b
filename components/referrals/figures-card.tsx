import type { Actor } from '@/lib/auth/session.ts';
import { referralFigures } from '@/lib/referrals/figures.ts';
import { CATEGORY_LABELS, STATUS_LABELS } from '@/lib/referrals/rules.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

/** This month's referral figures, from the same function the funder statistics call. */
export async function ReferralFiguresCard({ actor, now = programNow() }: { actor: Actor; now?: Date }) {
  const today = localDay(now);
  const from = `${today.slice(0, 8)}01`;
  const f = await referralFigures(actor, { from, to: today });
  return (
    <section className="card" aria-labelledby="figures-heading">
      <h2 id="figures-heading">This month so far</h2>
      <p>
        {f.total} referral{f.total === 1 ? '' : 's'} made since {from}. Median days to connected: {f.medianDaysToConnected ?? '—'}
        {f.connectedCount ? ` (of ${f.connectedCount} connected)` : ''}.
      </p>
      {f.total > 0 && (
        <div className="cards">
          <div>
            <h3>By kind of support</h3>
            <ul>
              {f.byCategory.map((c) => (
                <li key={c.category}>
                  {CATEGORY_LABELS[c.category]}: {c.count}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>By agency</h3>
            <ul>
              {f.byAgency.map((a) => (
                <li key={a.agencyId}>
                  {a.agencyName}: {a.count}
                </li>
              ))}
            </ul>
          </div>
          <div>
            <h3>Where they stand</h3>
            <ul>
              {f.byStatus.map((s) => (
                <li key={s.status}>
                  {STATUS_LABELS[s.status]}: {s.count}
                </li>
              ))}
            </ul>
          </div>
        </div>
      )}
    </section>
  );
}
