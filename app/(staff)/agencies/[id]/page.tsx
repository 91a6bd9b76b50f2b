import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { getAgency } from '@/lib/referrals/agencies.ts';
import { AgencyForm } from '@/components/referrals/agency-form.tsx';
import '@/components/referrals/referrals.css';

export const dynamic = 'force-dynamic';

export default async function EditAgencyPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('agency:manage');
  const agency = await getAgency(actor, (await params).id);
  if (!agency) notFound();
  return (
    <>
      <p>
        <Link href="/agencies">Back to agencies</Link>
      </p>
      <h1>{agency.name}</h1>
      <AgencyForm agency={agency} />
    </>
  );
}
