import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Role } from '@/lib/auth/permissions.ts';
import { generateTemporaryPassword, hashPassword } from '@/lib/auth/password.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { assertStaffChange, noticeRecipients, type AccountRow, type StaffChange } from './rules.ts';
import { activeManagerIds, recordNotices, type NoticeAction } from './notices.ts';
import { ChangeRoleSchema, CreateStaffSchema, StaffIdSchema } from './schema.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { parseOrRefuse } from '@/lib/validation.ts';

// Writes to staff accounts. Each runs in one transaction with its audit row and the notices that
// show it to the people concerned at their next sign-in (rules.ts says who may do what, and who
// is told). Role changes, deactivation and password resets bump the account's sessionVersion and
// end its sessions, so the person is signed out at their next request. Temporary passwords are
// returned once to the caller and never stored, logged or audited in plain text. A change the
// rules refuse is audited too (`staff_user.change_refused`), so an attempt to escalate is seen.

/**
 * Locks, in id order (so concurrent calls cannot deadlock), the acting account, the target and
 * every active admin. A concurrent change to any of them waits for this transaction, and then
 * sees its result: two admins deactivating each other at once cannot both succeed.
 */
async function lockAccounts(tx: Tx, actorId: string, targetId: string) {
  const rows = await tx.$queryRaw<AccountRow[]>`
    SELECT id::text AS id, role::text AS role, active FROM staff_user
    WHERE id IN (${actorId}::uuid, ${targetId}::uuid) OR (role = 'admin' AND active)
    ORDER BY id FOR UPDATE`;
  return {
    actor: rows.find((r) => r.id === actorId),
    target: rows.find((r) => r.id === targetId),
    activeAdmins: rows.filter((r) => r.role === 'admin' && r.active).length,
  };
}

async function endSessions(tx: Tx, userId: string): Promise<void> {
  await tx.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: programNow() } });
}

/** Records a change the rules refused, in its own transaction (the refused one rolled back). */
async function auditRefused(actor: Actor, error: unknown, what: StaffChange, targetId?: string): Promise<void> {
  if (!(error instanceof AppError) || error.code !== 'forbidden') return;
  const details: Record<string, string> = { change: what.kind };
  if (what.kind === 'create') details.role = what.role;
  if (what.kind === 'role') details.to = what.to;
  await db.$transaction((tx) =>
    recordAudit(tx, actor, 'staff_user.change_refused', { outcome: 'refused', entityType: 'staff_user', entityId: targetId, details }),
  );
}

/** Shows a change to the account it concerns (and to the other managers, for a manager account). */
async function notify(tx: Tx, actor: Actor, subject: { id: string; role: Role }, action: NoticeAction, toRole?: Role) {
  const recipients = noticeRecipients(actor.id, subject, toRole, await activeManagerIds(tx));
  await recordNotices(tx, actor, recipients, {
    action,
    subjectId: subject.id,
    fromRole: action === 'staff_user.role_changed' ? subject.role : undefined,
    toRole,
  });
}

/** Applies one checked change to an existing account, with its audit event. */
async function change(actor: Actor, id: string, what: Exclude<StaffChange, { kind: 'create' }>, apply: (tx: Tx, target: AccountRow) => Promise<void>) {
  try {
    await db.$transaction(async (tx) => {
      const locked = await lockAccounts(tx, actor.id, id);
      assertStaffChange(locked.actor, locked.target, what, locked.activeAdmins);
      await apply(tx, locked.target!);
    });
  } catch (error) {
    await auditRefused(actor, error, what, id);
    throw error;
  }
}

/** Creates an account with a one-time temporary password. Managers create data roles, IT support creates admins (rules.ts). */
export async function createStaffUser(actor: Actor, input: unknown): Promise<{ id: string; temporaryPassword: string }> {
  assertCan(actor, 'staff:manage');
  const data = parseOrRefuse(CreateStaffSchema, input);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    const id = await db.$transaction(async (tx) => {
      const locked = await lockAccounts(tx, actor.id, actor.id);
      assertStaffChange(locked.actor, undefined, { kind: 'create', role: data.role }, locked.activeAdmins);
      const user = await tx.staffUser.create({ data: { ...data, passwordHash, mustChangePassword: true }, select: { id: true } });
      await recordAudit(tx, actor, 'staff_user.created', { entityType: 'staff_user', entityId: user.id, details: { role: data.role } });
      await notify(tx, actor, { id: user.id, role: data.role }, 'staff_user.created', data.role);
      return user.id;
    });
    return { id, temporaryPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'An account with this email already exists.', 'email');
    await auditRefused(actor, error, { kind: 'create', role: data.role });
    throw error;
  }
}

/** Gives an account another role; its sessions end. Only a manager gives a data role; never on oneself. */
export async function changeStaffRole(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'staff:manage');
  const { id, role } = parseOrRefuse(ChangeRoleSchema, input);
  await change(actor, id, { kind: 'role', to: role }, async (tx, target) => {
    await tx.staffUser.update({ where: { id }, data: { role, sessionVersion: { increment: 1 } }, select: { id: true } });
    await endSessions(tx, id);
    const details: Record<string, Role> = { from: target.role, to: role };
    await recordAudit(tx, actor, 'staff_user.role_changed', { entityType: 'staff_user', entityId: id, details });
    await notify(tx, actor, target, 'staff_user.role_changed', role);
  });
}

/** Deactivates an account and ends its sessions. Managers and IT support (`staff:manage`), never on themselves. */
export async function deactivateStaffUser(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'staff:manage');
  const { id } = parseOrRefuse(StaffIdSchema, input);
  await change(actor, id, { kind: 'deactivate' }, async (tx, target) => {
    await tx.staffUser.update({ where: { id }, data: { active: false, sessionVersion: { increment: 1 } }, select: { id: true } });
    await endSessions(tx, id);
    await recordAudit(tx, actor, 'staff_user.deactivated', { entityType: 'staff_user', entityId: id });
    await notify(tx, actor, target, 'staff_user.deactivated');
  });
}

/** Lets a deactivated account sign in again. Only a manager reactivates a data-role account. */
export async function reactivateStaffUser(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'staff:manage');
  const { id } = parseOrRefuse(StaffIdSchema, input);
  await change(actor, id, { kind: 'reactivate' }, async (tx, target) => {
    await tx.staffUser.update({ where: { id }, data: { active: true }, select: { id: true } });
    await recordAudit(tx, actor, 'staff_user.reactivated', { entityType: 'staff_user', entityId: id });
    await notify(tx, actor, target, 'staff_user.reactivated');
  });
}

/** Replaces an account's password with a one-time temporary one; its sessions end. Only a manager resets a data-role account. */
export async function resetStaffPassword(actor: Actor, input: unknown): Promise<{ temporaryPassword: string }> {
  assertCan(actor, 'staff:manage');
  const { id } = parseOrRefuse(StaffIdSchema, input);
  const temporaryPassword = generateTemporaryPassword();
  // Hashing is slow on purpose; do it before taking the locks.
  const passwordHash = await hashPassword(temporaryPassword);
  await change(actor, id, { kind: 'reset_password' }, async (tx, target) => {
    await tx.staffUser.update({ where: { id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } }, select: { id: true } });
    // A remembered browser stands in for the second factor only: with a new password, none does.
    await tx.rememberedBrowser.deleteMany({ where: { userId: id } });
    await endSessions(tx, id);
    await recordAudit(tx, actor, 'staff_user.password_reset', { entityType: 'staff_user', entityId: id });
    await notify(tx, actor, target, 'staff_user.password_reset');
  });
  return { temporaryPassword };
}

/**
 * Takes away an account's two-step sign-in (a lost phone and lost recovery codes): the secret and
 * codes are deleted, its sessions end, and it sets up again at its next sign-in (where required).
 * A manager for an account that sees participant data; IT support for IT support accounts.
 */
export async function resetStaffSecondFactor(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'staff:manage');
  const { id } = parseOrRefuse(StaffIdSchema, input);
  await change(actor, id, { kind: 'reset_second_factor' }, async (tx, target) => {
    await tx.staffUser.update({
      where: { id },
      data: { totpSecret: null, totpEnrolledAt: null, totpLastStep: null, sessionVersion: { increment: 1 } },
      select: { id: true },
    });
    await tx.staffRecoveryCode.deleteMany({ where: { userId: id } });
    await tx.rememberedBrowser.deleteMany({ where: { userId: id } });
    await endSessions(tx, id);
    await recordAudit(tx, actor, 'staff_user.second_factor_reset', { entityType: 'staff_user', entityId: id });
    await notify(tx, actor, target, 'staff_user.second_factor_reset');
  });
}
