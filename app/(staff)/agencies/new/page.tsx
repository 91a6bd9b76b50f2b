import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { AgencyForm } from '@/components/referrals/agency-form.tsx';
import '@/components/referrals/referrals.css';

export default async function NewAgencyPage() {
  await requirePermission('agency:manage');
  return (
    <>
      <p>
        <Link href="/agencies">Back to agencies</Link>
      </p>
      <h1>Add an agency</h1>
      <AgencyForm agency={null} />
    </>
  );
}
