import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { activeServiceTypes } from '@/lib/services/queries.ts';
import { serviceLineLabel } from '@/lib/services/schema.ts';
import { getVisit } from '@/lib/visits/queries.ts';
import { unvoidUntil } from '@/lib/visits/unvoid.ts';
import { Who } from '@/components/visits/who.tsx';
import { VisitEditForm } from '@/components/visits/visit-edit-form.tsx';
import { VoidVisitForm } from '@/components/visits/void-visit-form.tsx';
import { formatLocal, localDay } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** One visit: what was recorded, and (for its author that day, or a manager) change or void it. */
export default async function VisitPage({ params }: Props) {
  const actor = await requirePermission('visit:read');
  const { id } = await params;
  const visit = await getVisit(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  // The toggles offer what is offered today, plus anything already on the visit that no longer is.
  const undoUntil = visit.voided ? await unvoidUntil(actor, visit.id) : undefined;
  const offered = visit.mayEdit ? await activeServiceTypes(actor) : [];
  const kept = visit.services
    .filter((l) => !offered.some((s) => s.id === l.serviceTypeId))
    .map((l) => ({ id: l.serviceTypeId, name: l.name, kind: l.kind, unit: l.unit }));
  return (
    <>
      <p>
        <Link href="/">Back to today</Link>
      </p>
      <h1>
        Visit at {formatLocal(new Date(visit.visitedAt), 'HH:mm')} on {localDay(new Date(visit.visitedAt))}
      </h1>
      <section className="card" aria-labelledby="visit-details-heading">
        <h2 id="visit-details-heading">Details</h2>
        <dl className="visit-details">
          <dt>Who</dt>
          <dd>
            <Who person={visit.participant} />
          </dd>
          <dt>Services</dt>
          <dd>{visit.services.length ? visit.services.map(serviceLineLabel).join(', ') : 'None ticked'}</dd>
          <dt>Logged by</dt>
          <dd>{visit.loggedBy}</dd>
          {visit.voided && (
            <>
              <dt>Voided</dt>
              <dd>{visit.voidReason}</dd>
            </>
          )}
        </dl>
      </section>
      {visit.voided && <p className="muted">This visit was voided. It stays on record and is left out of every count.</p>}
      {!visit.voided && visit.refusal && can(actor, 'visit:create') && <p className="muted">{visit.refusal}</p>}
      {visit.mayEdit && <VisitEditForm visitId={visit.id} services={[...offered, ...kept]} lines={visit.services} />}
      {(visit.mayChange || undoUntil) && <VoidVisitForm visitId={visit.id} undoUntil={undoUntil} />}
    </>
  );
}
