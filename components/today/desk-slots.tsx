import { can, type Permission } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { LatestAlerts } from '@/components/alerts/latest-alerts.tsx';

// The Today page's places for what later features show at the desk. Each is a named, empty
// region today; the feature that fills it replaces its `body` (and keeps its permission).
// Aggressor alerts are filled: the newest published alerts (components/alerts/latest-alerts.tsx).
const SLOTS: { id: string; title: string; permission: Permission; body: string }[] = [
  { id: 'safe-suite', title: 'Safe Suite', permission: 'stay:read', body: 'The suite’s status shows here once stays are set up.' },
];

/** The regions this role will see; each heading names what will fill it. */
export function DeskSlots({ actor }: { actor: Actor }) {
  return (
    <>
      {SLOTS.filter((s) => can(actor, s.permission)).map((s) => (
        <section key={s.id} className="card desk-slot" data-slot={s.id} aria-labelledby={`slot-${s.id}`}>
          <h2 id={`slot-${s.id}`}>{s.title}</h2>
          <p className="muted">{s.body}</p>
        </section>
      ))}
      {can(actor, 'alert:read_published') && <LatestAlerts actor={actor} />}
    </>
  );
}
