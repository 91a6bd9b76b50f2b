import { can, type Permission } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';

// The Today page's places for what later features show at the desk. Each is a named, empty
// region today; the feature that fills it replaces its `body` (and keeps its permission).
const SLOTS: { id: string; title: string; permission: Permission; body: string }[] = [
  { id: 'safe-suite', title: 'Safe Suite', permission: 'stay:read', body: 'The suite’s status shows here once stays are set up.' },
  { id: 'alerts', title: 'Aggressor alerts', permission: 'alert:read_published', body: 'New published alerts show here.' },
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
    </>
  );
}
