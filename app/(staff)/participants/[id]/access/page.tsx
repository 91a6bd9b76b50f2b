import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { getAccessRequest } from '@/lib/participants/access-request.ts';
import { AccessRecord } from '@/components/lifecycle/access-record.tsx';
import { formatDateTime } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** Everything held about one person, for an access request. Each view is written to the audit log. */
export default async function AccessRequestPage({ params }: Props) {
  const actor = await requirePermission('participant:access_request');
  const { id } = await params;
  const request = await getAccessRequest(actor, id, 'view').catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const { alias, code } = request.participant;
  return (
    <>
      <p className="no-print">
        <Link href={`/participants/${id}`}>Back to the record</Link>
      </p>
      <h1>
        Everything held about {typeof alias === 'string' ? alias : 'this person'} ({String(code)})
      </h1>
      <p className="muted">
        Prepared {formatDateTime(request.generatedAt)} for an access request. This view is recorded in the audit log. Print it, or download it as a file to hand
        over.
      </p>
      <p className="no-print">
        <a className="button" href={`/participants/${id}/access/download`} download>
          Download as a file (JSON)
        </a>
      </p>
      <AccessRecord request={request} />
    </>
  );
}
