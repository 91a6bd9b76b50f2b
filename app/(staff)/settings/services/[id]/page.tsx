import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { getServiceType } from '@/lib/services/queries.ts';
import { KIND_LABELS } from '@/lib/services/schema.ts';
import { EditServiceType } from '@/components/services/edit-service-type.tsx';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** One service or supply: rename it, change its unit, stop or resume offering it. */
export default async function ServiceTypePage({ params }: Props) {
  const actor = await requirePermission('settings:manage');
  const { id } = await params;
  const type = await getServiceType(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  return (
    <>
      <p>
        <Link href="/settings/services">Back to services and supplies</Link>
      </p>
      <h1>{type.name}</h1>
      <p className="muted">
        {KIND_LABELS[type.kind]}
        {type.active ? '' : ' · no longer offered'}
      </p>
      <EditServiceType type={type} />
    </>
  );
}
