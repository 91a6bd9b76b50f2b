import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { getStay } from '@/lib/safe-suite/queries.ts';
import { readStayLog } from '@/lib/safe-suite/log.ts';
import { STATUS_LABEL, whenLabel } from '@/lib/safe-suite/rules.ts';
import { StayActions } from '@/components/suite/stay-actions.tsx';
import { LogForm } from '@/components/suite/log-form.tsx';
import { ExtendForm } from '@/components/suite/extend-form.tsx';
import '@/components/suite/suite.css';
import { formatLocal, localDay } from '@/lib/calendar/index.ts';
import { undoUntilLabel } from '@/lib/undo-window.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** One stay: its times and status, the next step, the staff log (each reading audited). Roles that see stays (`stay:read`). */
export default async function StayPage({ params }: Props) {
  const actor = await requirePermission('stay:read');
  const { id } = await params;
  const stay = await getStay(actor, id);
  if (!stay) notFound();
  const log = await readStayLog(actor, { stayId: stay.id });
  const canManage = can(actor, 'stay:manage');
  const who = stay.alias ? `${stay.alias} · ${stay.code}` : stay.code;
  return (
    <>
      <p>
        <Link href="/suite">Back to the Safe Suite</Link>
      </p>
      <h1>Stay</h1>
      <div className="suite-layout">
        <div className="suite-main">
          <section className="card" aria-labelledby="stay-details">
            <h2 id="stay-details">{who}</h2>
            <dl className="suite-figures">
              <dt>Status</dt>
              <dd>{STATUS_LABEL[stay.status]}</dd>
              <dt>Unit</dt>
              <dd>{stay.unitName}</dd>
              <dt>Arrival</dt>
              <dd>{whenLabel(stay.startAt)}</dd>
              <dt>Departure</dt>
              <dd>
                {whenLabel(stay.endAt)} ({stay.nights} {stay.nights === 1 ? 'night' : 'nights'})
              </dd>
              <dt>Ready again</dt>
              <dd>{whenLabel(stay.blockedUntil)}</dd>
              {stay.checkedInAt && (
                <>
                  <dt>Checked in</dt>
                  <dd>{whenLabel(stay.checkedInAt)}</dd>
                </>
              )}
              {stay.checkedOutAt && (
                <>
                  <dt>Checked out</dt>
                  <dd>{whenLabel(stay.checkedOutAt)}</dd>
                </>
              )}
              {stay.nextCheckDue && (
                <>
                  <dt>Next welfare check</dt>
                  <dd className={stay.overdue ? 'suite-overdue' : undefined}>
                    {stay.overdue ? 'Overdue since ' : ''}
                    {whenLabel(stay.nextCheckDue)}
                  </dd>
                </>
              )}
              <dt>Booked by</dt>
              <dd>{stay.createdBy}</dd>
            </dl>
            {stay.approvals.map((a) => (
              <p key={a.approvedAt.toISOString()} className="muted">
                Longer stay ({a.nights} nights, to {whenLabel(a.newEnd)}) approved by {a.approvedBy}, {whenLabel(a.approvedAt)}.
              </p>
            ))}
            <p>
              <Link href={`/participants/${stay.participantId}`}>Participant record</Link>
            </p>
            {canManage && (
              <StayActions stayId={stay.id} status={stay.status} reinstateUntil={stay.status === 'cancelled' ? undoUntilLabel(stay.closedAt) : undefined} />
            )}
            {canManage && (stay.status === 'confirmed' || stay.status === 'checked_in') && (
              <ExtendForm stayId={stay.id} endDate={localDay(stay.endAt)} endTime={formatLocal(stay.endAt, 'HH:mm')} />
            )}
          </section>
        </div>
        <div className="suite-side">
          <section className="card" aria-labelledby="stay-log">
            <h2 id="stay-log">Staff log</h2>
            {canManage && stay.status === 'checked_in' && <LogForm stayId={stay.id} />}
            {log.length === 0 ? (
              <p className="muted">Nothing logged yet.</p>
            ) : (
              <ol className="suite-log">
                {log.map((e) => (
                  <li key={e.id}>
                    <p>
                      <strong>{e.kind === 'welfare_check' ? 'Welfare check' : 'Handover'}</strong> · {whenLabel(e.at)} · {e.staff}
                    </p>
                    {e.text !== null ? <p className="suite-log-text">{e.text}</p> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      </div>
    </>
  );
}
