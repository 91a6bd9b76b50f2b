import Link from 'next/link';
import type { Actor } from '@/lib/auth/session.ts';
import { suiteToday } from '@/lib/safe-suite/today.ts';
import { whenLabel } from '@/lib/safe-suite/rules.ts';
import './suite.css';

/**
 * The suite's state on the Today page: free, occupied until …, arriving, and a welfare check
 * overdue. It names nobody (a shared screen at the desk); the suite page does, for those who may see.
 */
export async function SuiteToday({ actor }: { actor: Actor }) {
  const units = await suiteToday(actor);
  return (
    <section className="card desk-slot suite-today" data-slot="safe-suite" aria-labelledby="slot-safe-suite">
      <h2 id="slot-safe-suite">Safe Suite</h2>
      {units.length === 0 ? (
        <p className="muted">No unit is set up.</p>
      ) : (
        <ul>
          {units.map((u) => (
            <li key={u.unitId}>
              <strong>{u.name}:</strong> {u.state === 'free' && 'Free.'}
              {u.state === 'arriving' && <>Free; a guest arrives {whenLabel(u.until!)}.</>}
              {u.state === 'occupied' && <>Occupied until {whenLabel(u.until!)}.</>}
              {u.overdue && (
                <>
                  {' '}
                  <span className="is-overdue">Welfare check overdue</span> (due {whenLabel(u.checkDue!)}).
                </>
              )}
              {u.state === 'occupied' && !u.overdue && u.checkDue && <> Next welfare check {whenLabel(u.checkDue)}.</>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <Link href="/suite">Open the Safe Suite</Link>
      </p>
    </section>
  );
}
