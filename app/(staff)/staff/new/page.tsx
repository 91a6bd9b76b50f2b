import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { ROLE_OPTIONS, roleIsManagedBy } from '@/lib/staff/schema.ts';
import { CreateStaffForm } from '@/components/staff/create-staff-form.tsx';

export const dynamic = 'force-dynamic';

export default async function NewStaffPage() {
  const actor = await requirePermission('staff:manage');
  const roles = ROLE_OPTIONS.filter((o) => roleIsManagedBy(actor.role, o.value));
  return (
    <>
      <p><Link href="/staff">Back to staff accounts</Link></p>
      <h1>Add an account</h1>
      <CreateStaffForm roles={roles} />
    </>
  );
}
