import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { ROLE_OPTIONS } from '@/lib/staff/schema.ts';
import { creatableRoles } from '@/lib/staff/rules.ts';
import { can } from '@/lib/auth/permissions.ts';
import { CreateStaffForm } from '@/components/staff/create-staff-form.tsx';

export const dynamic = 'force-dynamic';

export default async function NewStaffPage() {
  const actor = await requirePermission('staff:manage');
  const allowed = creatableRoles({ id: actor.id, role: actor.role, active: true });
  const roles = ROLE_OPTIONS.filter((o) => allowed.includes(o.value));
  return (
    <>
      <p>
        <Link href="/staff">Back to staff accounts</Link>
      </p>
      <h1>Add an account</h1>
      {!can(actor, 'staff:grant_data_access') && (
        <p className="muted">You can add IT support accounts. Accounts that see participant data are added by a program manager.</p>
      )}
      <CreateStaffForm roles={roles} />
    </>
  );
}
