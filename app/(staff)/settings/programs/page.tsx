import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listClosedDays, listPrograms } from '@/lib/programs/queries.ts';
import { ProgramForm } from '@/components/programs/settings/program-form.tsx';
import { ClosedDays } from '@/components/programs/settings/closed-days.tsx';
import '@/components/programs/programs.css';
import { localDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/** Programs and closed days. Program managers (`program:manage`). */
export default async function ProgramSettingsPage() {
  const actor = await requirePermission('program:manage');
  const [programs, closedDays] = await Promise.all([listPrograms(actor), listClosedDays(actor)]);
  const today = localDay(programNow());
  return (
    <>
      <p>
        <Link href="/settings">Back to settings</Link>
      </p>
      <h1>Programs</h1>
      <p className="muted">
        Sessions are laid out from each schedule for the coming eight weeks. A program is never deleted: give it a last date. Each change is recorded in the
        audit log.
      </p>
      <section className="card" aria-labelledby="programs-heading">
        <h2 id="programs-heading">Programs</h2>
        {programs.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="stack-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">When</th>
                  <th scope="col">Partner</th>
                  <th scope="col">Dates</th>
                </tr>
              </thead>
              <tbody>
                {programs.map((p) => (
                  <tr key={p.id}>
                    <td>
                      <Link href={`/settings/programs/${p.id}`}>{p.name}</Link>
                    </td>
                    <td data-label="When">{p.schedule}</td>
                    <td data-label="Partner">{p.partner ?? '—'}</td>
                    <td data-label="Dates">
                      {p.activeFrom} to {p.activeTo ?? 'ongoing'}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="add-program-heading">
        <h2 id="add-program-heading">Add a program</h2>
        <ProgramForm
          initial={{ name: '', description: '', partner: '', frequency: 'weekly', weekday: '2', start: '9:00', end: '11:00', activeFrom: today, activeTo: '' }}
        />
      </section>
      <ClosedDays days={closedDays} />
    </>
  );
}
