import { AppError, forbidden } from '@/lib/errors.ts';
import { roleCan, type Role } from '@/lib/auth/permissions.ts';
import { roleIsManagedBy } from './schema.ts';

// Who may do what to which staff account. Pure: the mutations read and lock the rows, then ask here.

/** An account as read (and locked) inside the transaction. */
export type AccountRow = { id: string; role: Role; active: boolean };

export type StaffChange =
  | { kind: 'create'; role: Role }
  | { kind: 'role'; to: Role }
  | { kind: 'deactivate' }
  | { kind: 'reactivate' }
  | { kind: 'reset_password' };

const SELF: Record<Exclude<StaffChange['kind'], 'create'>, string> = {
  role: 'You cannot change your own role. Ask another manager or IT support.',
  deactivate: 'You cannot deactivate your own account.',
  reactivate: 'You cannot reactivate your own account.',
  reset_password: 'To change your own password, use Your account.',
};

const LAST_ADMIN = 'This is the last active IT support account. Give someone else the IT support role first.';

/**
 * Throws the reason a change is refused, or returns when it may go ahead. `actor` is the acting
 * account as it is now in the database (not as the session remembered it); `activeAdmins` counts
 * active admin accounts, read under lock so two changes cannot both remove "the other" admin.
 */
export function assertStaffChange(actor: AccountRow | undefined, target: AccountRow | undefined, change: StaffChange, activeAdmins: number): void {
  if (!actor?.active || !roleCan(actor.role, 'staff:manage')) throw forbidden();
  if (change.kind === 'create') {
    if (!roleIsManagedBy(actor.role, change.role)) throw new AppError('forbidden', 'Only IT support can create an IT support account.', 'role');
    return;
  }
  if (!target) throw new AppError('not_found', 'That account was not found.');
  if (target.id === actor.id) throw new AppError('forbidden', SELF[change.kind]);
  if (!roleIsManagedBy(actor.role, target.role)) throw new AppError('forbidden', 'Only IT support can change an IT support account.');
  if (change.kind === 'role') {
    if (change.to === target.role) throw new AppError('invalid', 'That account already has this role.', 'role');
    if (!roleIsManagedBy(actor.role, change.to)) throw new AppError('forbidden', 'Only IT support can give the IT support role.', 'role');
  }
  if (change.kind === 'deactivate' && !target.active) throw new AppError('conflict', 'That account is already deactivated.');
  if (change.kind === 'reactivate' && target.active) throw new AppError('conflict', 'That account is already active.');
  const removesAdmin = target.role === 'admin' && target.active && (change.kind === 'deactivate' || change.kind === 'role');
  if (removesAdmin && activeAdmins <= 1) throw new AppError('conflict', LAST_ADMIN);
}
