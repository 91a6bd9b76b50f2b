import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listUnitSettings } from '@/lib/safe-suite/units.ts';
import { AddUnitForm, EditUnitForm } from '@/components/suite/unit-forms.tsx';
import '@/components/suite/suite.css';

export const dynamic = 'force-dynamic';

/** Safe Suite units: names and whether each is in use. Program managers and IT support (`settings:manage`). */
export default async function SuiteUnitsSettingsPage() {
  const actor = await requirePermission('settings:manage');
  const units = await listUnitSettings(actor);
  return (
    <>
      <p>
        <Link href="/settings">Back to settings</Link>
      </p>
      <h1>Safe Suite units</h1>
      <p className="muted">
        The units stays are booked into. Nothing is deleted: a unit no longer used is marked not in use, and its stays remain. Turnover, the longest stay and
        the welfare-check interval are on the main settings page.
      </p>
      <section className="card" aria-labelledby="units-heading">
        <h2 id="units-heading">Units</h2>
        {units.length === 0 ? <p className="muted">None yet.</p> : units.map((u) => <EditUnitForm key={u.id} unit={u} />)}
      </section>
      <AddUnitForm />
    </>
  );
}
