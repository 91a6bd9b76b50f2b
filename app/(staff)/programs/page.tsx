import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listPrograms } from '@/lib/programs/queries.ts';
import { programFigures } from '@/lib/programs/figures.ts';
import '@/components/programs/programs.css';
import { formatDateTime, localDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/** The way into the desk's current session: "Record attendance" until someone is counted, then what was recorded. */
function AttendanceLink({ name, session }: { name: string; session: { id: string; startsAt: Date; counted: number } }) {
  const when = formatDateTime(session.startsAt.toISOString());
  const href = `/programs/sessions/${session.id}`;
  if (session.counted === 0) {
    return (
      <Link className="button" href={href} aria-label={`Record attendance (${when}), ${name}`}>
        Record attendance ({when})
      </Link>
    );
  }
  const came = `${session.counted} came`;
  return (
    <Link className="button secondary" href={href} aria-label={`Attendance recorded (${when}): ${came}, ${name}`}>
      Attendance recorded ({when}): {came}
    </Link>
  );
}

/** Programs: what runs when, a quick way into the latest session's attendance, and this month's figures. Staff (`program:read`). */
export default async function ProgramsPage() {
  const actor = await requirePermission('program:read');
  const today = localDay(programNow());
  const monthStart = `${today.slice(0, 8)}01`;
  const [programs, figures] = await Promise.all([listPrograms(actor), programFigures(actor, { from: monthStart, to: today })]);
  return (
    <>
      <h1>Programs</h1>
      {can(actor, 'program:manage') && (
        <p>
          <Link href="/settings/programs">Add or change programs</Link>
        </p>
      )}
      {programs.length === 0 ? (
        <p className="muted">No programs yet.</p>
      ) : (
        <ul className="program-list">
          {programs.map((p) => (
            <li key={p.id} className="card">
              <h2>
                <Link href={`/programs/${p.id}`}>{p.name}</Link>
              </h2>
              <p className="muted">
                {p.schedule}
                {p.partner ? ` · with ${p.partner}` : ''}
              </p>
              <p>
                {p.lastSession && <AttendanceLink name={p.name} session={p.lastSession} />}{' '}
                {p.nextSession && (
                  <span className="muted">
                    Next: <Link href={`/programs/sessions/${p.nextSession.id}`}>{formatDateTime(p.nextSession.startsAt.toISOString())}</Link>
                  </span>
                )}
              </p>
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="figures-heading">
        <h2 id="figures-heading">This month so far</h2>
        <div className="table-wrap">
          <table className="stack-table">
            <caption className="visually-hidden">
              Program figures from {monthStart} to {today}
            </caption>
            <thead>
              <tr>
                <th scope="col">Program</th>
                <th scope="col">Held</th>
                <th scope="col">Cancelled</th>
                <th scope="col">Attendance</th>
                <th scope="col">Different people named</th>
                <th scope="col">Average</th>
              </tr>
            </thead>
            <tbody>
              {figures.map((f) => (
                <tr key={f.programId}>
                  <td>{f.programName}</td>
                  <td data-label="Held">{f.sessionsHeld}</td>
                  <td data-label="Cancelled">{f.sessionsCancelled}</td>
                  <td data-label="Attendance">{f.totalAttendance}</td>
                  <td data-label="Different people named">{f.uniqueNamedAttendees}</td>
                  <td data-label="Average">{f.averagePerSession}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
