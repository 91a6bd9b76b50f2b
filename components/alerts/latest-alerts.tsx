import Link from 'next/link';
import type { Actor } from '@/lib/auth/session.ts';
import { listSheet } from '@/lib/alerts/queries.ts';
import { AlertCard } from './alert-card.tsx';
import { programNow } from '@/lib/calendar/index.ts';

const SHOWN = 3;

/** The Today page's alerts region: the newest published alerts, redacted like the sheet. Every staff role. */
export async function LatestAlerts({ actor }: { actor: Actor }) {
  const alerts = await listSheet(actor, programNow(), SHOWN + 1);
  return (
    <section className="card desk-slot" data-slot="alerts" aria-labelledby="slot-alerts">
      <h2 id="slot-alerts">Aggressor alerts</h2>
      {alerts.length === 0 ? (
        <p className="muted">No alerts right now.</p>
      ) : (
        <div className="alert-list">
          {alerts.slice(0, SHOWN).map((a) => (
            <AlertCard key={a.id} alert={a} />
          ))}
        </div>
      )}
      <p>
        <Link href="/alerts">{alerts.length > SHOWN ? 'All alerts and search' : 'Alerts and search'}</Link>
      </p>
    </section>
  );
}
