import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { can, readsParticipantData, ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { getStaffMember } from '@/lib/staff/queries.ts';
import { ROLE_OPTIONS } from '@/lib/staff/schema.ts';
import { permittedChanges } from '@/lib/staff/rules.ts';
import { StatusBadge } from '@/components/staff/status-badge.tsx';
import { ManageAccount } from '@/components/staff/manage-account.tsx';
import { formatDate } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

export default async function StaffMemberPage({ params }: Props) {
  const actor = await requirePermission('staff:read');
  const { id } = await params;
  const member = await getStaffMember(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  const self = member.id === actor.id;
  // The same rules the data layer applies (lib/staff/rules.ts), asked in advance to hide what would be refused.
  const permitted = can(actor, 'staff:manage') && !self ? permittedChanges({ id: actor.id, role: actor.role, active: true }, member) : null;
  const manageable = !!permitted && (permitted.changeRole || permitted.setStatus || permitted.resetPassword || permitted.resetSecondFactor);
  const managerOnly = !!permitted && !can(actor, 'staff:grant_data_access') && readsParticipantData(member.role);
  return (
    <>
      <p>
        <Link href="/staff">Back to staff accounts</Link>
      </p>
      <h1>{member.displayName}</h1>
      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">Details</h2>
        <dl className="details">
          <dt>Email</dt>
          <dd>{member.email}</dd>
          <dt>Role</dt>
          <dd>{ROLE_LABELS[member.role]}</dd>
          <dt>Status</dt>
          <dd>
            <StatusBadge active={member.active} />
          </dd>
          <dt>Created</dt>
          <dd>{formatDate(member.createdAt)}</dd>
          {member.mustChangePassword && (
            <>
              <dt>Password</dt>
              <dd>Temporary: they choose their own at next sign-in</dd>
            </>
          )}
          <dt>Two-step sign-in</dt>
          <dd>{member.twoStepSince ? `Set up on ${formatDate(member.twoStepSince)}` : 'Not set up'}</dd>
        </dl>
      </section>
      {can(actor, 'audit:read') && (
        <p>
          <Link href={`/audit?entity=staff_user&q=${member.id}`}>History of this account</Link>
        </p>
      )}
      {self && (
        <p className="muted">
          This is your account. To change your password, go to <Link href="/account">Your account</Link>.
        </p>
      )}
      {permitted && !manageable && <p className="muted">Only IT support can change an IT support account.</p>}
      {managerOnly && (
        <p className="muted">
          This account sees participant data: only a program manager can reset its password or two-step sign-in{member.active ? '' : ', reactivate it'} or give
          it another role that sees participant data.{member.active ? ' You can deactivate it.' : ''}
        </p>
      )}
      {permitted && manageable && (
        <ManageAccount
          id={member.id}
          name={member.displayName}
          role={member.role}
          active={member.active}
          twoStepOn={!!member.twoStepSince}
          roles={ROLE_OPTIONS.filter((o) => permitted.roles.includes(o.value))}
          show={{ role: permitted.changeRole, status: permitted.setStatus, reset: permitted.resetPassword, resetSecondFactor: permitted.resetSecondFactor }}
        />
      )}
    </>
  );
}
