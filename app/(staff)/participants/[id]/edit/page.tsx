import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { getParticipantForEdit } from '@/lib/participants/queries.ts';
import { ParticipantForm } from '@/components/participants/participant-form.tsx';
import { formValuesFrom } from '@/components/participants/form-values.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export default async function EditParticipantPage({ params }: Props) {
  const actor = await requirePermission('participant:update');
  const { id } = await params;
  const p = await getParticipantForEdit(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  return (
    <>
      <p>
        <Link href={`/participants/${p.id}`}>Back to the record</Link>
      </p>
      <h1>
        Edit {p.alias ?? 'de-identified record'} <span className="muted">· {p.code}</span>
      </h1>
      {p.refusal ? (
        <p className="card" role="status">
          {p.refusal}
        </p>
      ) : (
        <ParticipantForm mode="edit" id={p.id} code={p.code} defaults={formValuesFrom(p)} sensitiveStored={p.hasSafeContact} />
      )}
    </>
  );
}
