import { can, type Permission } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { SuiteToday } from '@/components/suite/suite-today.tsx';

// The Today page's places for what later features show at the desk. Each is a named, empty
// region until its feature replaces it with a real component (and keeps its permission).
const SLOTS: { id: string; title: string; permission: Permission; body: string }[] = [
  { id: 'alerts', title: 'Aggressor alerts', permission: 'alert:read_published', body: 'New published alerts show here.' },
];

/** The regions this role will see; each heading names what will fill it. */
export function DeskSlots({ actor }: { actor: Actor }) {
  return (
    <>
      {/* Stays are not for peer: the whole region is left out for roles without stay:read. */}
      {can(actor, 'stay:read') && <SuiteToday actor={actor} />}
      {SLOTS.filter((s) => can(actor, s.permission)).map((s) => (
        <section key={s.id} className="card desk-slot" data-slot={s.id} aria-labelledby={`slot-${s.id}`}>
          <h2 id={`slot-${s.id}`}>{s.title}</h2>
          <p className="muted">{s.body}</p>
        </section>
      ))}
    </>
  );
}
