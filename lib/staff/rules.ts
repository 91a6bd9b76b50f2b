import { AppError, forbidden } from '@/lib/errors.ts';
import { readsParticipantData, roleCan, ROLES, type Role } from '@/lib/auth/permissions.ts';
import { roleIsManagedBy } from './schema.ts';

// Who may do what to which staff account. Pure: the mutations read and lock the rows, then ask here.
//
// Separation of duties (issue 17):
// - Only a manager (`staff:grant_data_access`) creates an account that reads participant data,
//   gives an account such a role, or resets or reactivates such an account (password or second
//   factor). IT support manages IT support accounts and may deactivate anyone: taking access away
//   never needs a second person.
// - Only IT support creates, changes or resets an IT support account (unchanged).
// - One manager cannot quietly take over another: a manager's password or second factor can be
//   reset only by another manager; the reset ends every session of theirs; it is shown at their
//   next sign-in and to every other active manager at theirs (see `noticeRecipients`), so signing
//   in as them and dismissing their notice hides nothing. Nobody resets their own account here.

/** An account as read (and locked) inside the transaction. */
export type AccountRow = { id: string; role: Role; active: boolean };

export type StaffChange =
  | { kind: 'create'; role: Role }
  | { kind: 'role'; to: Role }
  | { kind: 'deactivate' }
  | { kind: 'reactivate' }
  | { kind: 'reset_password' }
  | { kind: 'reset_second_factor' };

type TargetChange = Exclude<StaffChange['kind'], 'create'>;

const SELF: Record<TargetChange, string> = {
  role: 'You cannot change your own role. Ask another manager or IT support.',
  deactivate: 'You cannot deactivate your own account.',
  reactivate: 'You cannot reactivate your own account.',
  reset_password: 'To change your own password, use Your account.',
  reset_second_factor: 'To change your own second factor, use Your account.',
};

/** Said to IT support when a change would give someone access to participant data. */
export const MANAGER_ONLY = {
  create: 'Only a program manager can create an account that sees participant data. IT support can create IT support accounts.',
  role: 'Only a program manager can give a role that sees participant data.',
  reactivate: 'Only a program manager can reactivate an account that sees participant data.',
  reset_password: 'Only a program manager can reset the password of an account that sees participant data. You can deactivate it.',
  reset_second_factor: 'Only a program manager can reset the second factor of an account that sees participant data. You can deactivate it.',
} as const;

const LAST_ADMIN = 'This is the last active IT support account. Give someone else the IT support role first.';

/**
 * Throws the reason a change is refused, or returns when it may go ahead. `actor` is the acting
 * account as it is now in the database (not as the session remembered it); `activeAdmins` counts
 * active admin accounts, read under lock so two changes cannot both remove "the other" admin.
 */
export function assertStaffChange(actor: AccountRow | undefined, target: AccountRow | undefined, change: StaffChange, activeAdmins: number): void {
  if (!actor?.active || !roleCan(actor.role, 'staff:manage')) throw forbidden();
  const grants = roleCan(actor.role, 'staff:grant_data_access');
  if (change.kind === 'create') {
    if (!roleIsManagedBy(actor.role, change.role)) throw new AppError('forbidden', 'Only IT support can create an IT support account.', 'role');
    if (readsParticipantData(change.role) && !grants) throw new AppError('forbidden', MANAGER_ONLY.create, 'role');
    return;
  }
  if (!target) throw new AppError('not_found', 'That account was not found.');
  if (target.id === actor.id) throw new AppError('forbidden', SELF[change.kind]);
  if (!roleIsManagedBy(actor.role, target.role)) throw new AppError('forbidden', 'Only IT support can change an IT support account.');
  if (change.kind === 'role') {
    if (change.to === target.role) throw new AppError('invalid', 'That account already has this role.', 'role');
    if (!roleIsManagedBy(actor.role, change.to)) throw new AppError('forbidden', 'Only IT support can give the IT support role.', 'role');
    if (readsParticipantData(change.to) && !grants) throw new AppError('forbidden', MANAGER_ONLY.role, 'role');
  }
  if (change.kind === 'reactivate' || change.kind === 'reset_password' || change.kind === 'reset_second_factor') {
    if (readsParticipantData(target.role) && !grants) throw new AppError('forbidden', MANAGER_ONLY[change.kind]);
  }
  if (change.kind === 'deactivate' && !target.active) throw new AppError('conflict', 'That account is already deactivated.');
  if (change.kind === 'reactivate' && target.active) throw new AppError('conflict', 'That account is already active.');
  const removesAdmin = target.role === 'admin' && target.active && (change.kind === 'deactivate' || change.kind === 'role');
  if (removesAdmin && activeAdmins <= 1) throw new AppError('conflict', LAST_ADMIN);
}

function allowed(fn: () => void): boolean {
  try {
    fn();
    return true;
  } catch (error) {
    if (error instanceof AppError) return false;
    throw error;
  }
}

/** The roles this actor may create an account with (the form offers only these). */
export function creatableRoles(actor: AccountRow): Role[] {
  return ROLES.filter((role) => allowed(() => assertStaffChange(actor, undefined, { kind: 'create', role }, Infinity)));
}

/**
 * What the account page offers this actor for this target: the same rules the data layer
 * applies, asked in advance (the last-admin rule is left to the data layer, which counts under lock).
 */
export function permittedChanges(actor: AccountRow, target: AccountRow) {
  const ok = (change: StaffChange) => allowed(() => assertStaffChange(actor, target, change, Infinity));
  return {
    roles: ROLES.filter((to) => to === target.role || ok({ kind: 'role', to })),
    changeRole: ROLES.some((to) => to !== target.role && ok({ kind: 'role', to })),
    setStatus: ok({ kind: target.active ? 'deactivate' : 'reactivate' }),
    resetPassword: ok({ kind: 'reset_password' }),
    resetSecondFactor: ok({ kind: 'reset_second_factor' }),
  };
}

/**
 * Who is shown a change at their next sign-in: the account it concerns, and, when a manager
 * account is involved (before or after the change), every other active manager. The person who
 * made the change is not told what they did themselves.
 */
export function noticeRecipients(
  actorId: string,
  subject: { id: string; role: Role },
  toRole: Role | undefined,
  activeManagerIds: readonly string[],
): string[] {
  const managerInvolved = subject.role === 'manager' || toRole === 'manager';
  const ids = new Set([subject.id, ...(managerInvolved ? activeManagerIds : [])]);
  ids.delete(actorId);
  return [...ids];
}
