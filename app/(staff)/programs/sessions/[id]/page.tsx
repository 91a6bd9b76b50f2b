import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { getSession } from '@/lib/programs/queries.ts';
import { sessionHasStarted } from '@/lib/programs/rules.ts';
import { AttendeeAdder } from '@/components/programs/attendee-adder.tsx';
import { AddAnonymousButton, RemoveAttendee, SessionDetailsForm } from '@/components/programs/session-forms.tsx';
import { ManageSession } from '@/components/programs/manage-session.tsx';
import '@/components/programs/programs.css';
import { formatLocal, localDay, localTime, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

const when = (d: Date) => formatLocal(d, 'EEEE d MMMM yyyy, H:mm');
const hm = (d: Date) => localTime(d);

/** Attendance for one session: named people (alias and code only), a headcount, partner and topics. Staff (`program:read`; recording needs `attendance:record`). */
export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('program:read');
  const s = await getSession(actor, (await params).id);
  if (!s) notFound();
  const named = s.attendees.length;
  const open = s.status !== 'cancelled' && sessionHasStarted(s.startsAt, programNow()) && can(actor, 'attendance:record');
  return (
    <>
      <p>
        <Link href={`/programs/${s.programId}`}>Back to {s.programName}</Link>
      </p>
      <h1>{s.programName}</h1>
      <p className="muted">
        {when(s.startsAt)}–{hm(s.endsAt)}
      </p>
      {s.status === 'cancelled' && (
        <p className="form-error" role="status">
          Cancelled: {s.cancelReason}. No one can be counted at it.
        </p>
      )}
      {s.status !== 'cancelled' && !sessionHasStarted(s.startsAt, programNow()) && (
        <p className="muted">This session has not happened yet. Attendance is recorded on the day or after.</p>
      )}
      <p className="attendance-total" id="attendance-total">
        <strong>Total: {named + s.anonymousCount}</strong> ({named} named, {s.anonymousCount} without a name)
      </p>
      <div className="attendance-grid">
        <section className="card" aria-labelledby="named-heading">
          <h2 id="named-heading">Who came</h2>
          {open && <AttendeeAdder sessionId={s.id} />}
          {named === 0 ? (
            <p className="muted">No one named yet.</p>
          ) : (
            <ul className="attendee-list" aria-label="Counted at this session">
              {s.attendees.map((a) => (
                <li key={a.participantId}>
                  <span>
                    <strong>{a.alias || 'De-identified'}</strong> <span className="muted">{a.code}</span>
                  </span>
                  {open && <RemoveAttendee sessionId={s.id} participantId={a.participantId} label={`${a.alias} ${a.code}`} />}
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Without a name, partner, topics</h2>
          {open ? (
            <>
              <AddAnonymousButton sessionId={s.id} />
              <SessionDetailsForm
                sessionId={s.id}
                anonymousCount={s.anonymousCount}
                partnerPresent={s.partnerPresent}
                topics={s.topics ?? ''}
                partner={s.partner}
              />
            </>
          ) : (
            <p>
              {s.anonymousCount} without a name. {s.partnerPresent ? 'Partner staff came.' : ''} {s.topics ? `Topics: ${s.topics}` : ''}
            </p>
          )}
        </section>
      </div>
      {can(actor, 'program:manage') && s.status !== 'cancelled' && (
        <ManageSession sessionId={s.id} day={localDay(s.startsAt)} start={hm(s.startsAt)} end={hm(s.endsAt)} />
      )}
    </>
  );
}
